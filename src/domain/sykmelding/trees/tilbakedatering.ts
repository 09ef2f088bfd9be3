import { invalid, manual, node, ok, type RuleTree } from '../../rules/tree.ts';
import { plusMonths } from '../dates.ts';
import { DiagnoseSystem } from '../model.ts';
import type { OutcomeName } from '../outcomes.ts';
import type { RulePayload } from '../payload.ts';
import { countWords } from '../syketilfelle.ts';
import { fromDay } from '../dates.ts';

type Rule =
  | 'TILBAKEDATERING' | 'SPESIALISTHELSETJENESTEN' | 'ETTERSENDING' | 'TILBAKEDATERT_INNTIL_4_DAGER' | 'TILBAKEDATERT_INNTIL_8_DAGER'
  | 'BEGRUNNELSE_MIN_1_ORD' | 'BEGRUNNELSE_MIN_3_ORD' | 'FORLENGELSE' | 'TILBAKEDATERT_MINDRE_ENN_1_MAANED' | 'ARBEIDSGIVERPERIODE';

const words = (p: RulePayload) => countWords(p.sykmelding.tilbakedatering?.begrunnelse);

export const tilbakedateringTree: RuleTree<Rule, OutcomeName, RulePayload> = {
  name: 'TILBAKEDATERING',
  title: 'Tilbakedatering',
  juridisk: { lov: 'Folketrygdloven', paragraf: '8-7' },
  root: node('TILBAKEDATERING',
    node('SPESIALISTHELSETJENESTEN', ok(),
      node('ETTERSENDING', ok(),
        node('TILBAKEDATERT_INNTIL_4_DAGER', ok(),
          node('TILBAKEDATERT_INNTIL_8_DAGER',
            node('BEGRUNNELSE_MIN_1_ORD', ok(), node('FORLENGELSE', ok(), invalid('INNTIL_8_DAGER'))),
            node('TILBAKEDATERT_MINDRE_ENN_1_MAANED',
              node('BEGRUNNELSE_MIN_1_ORD',
                node('FORLENGELSE', ok(), node('ARBEIDSGIVERPERIODE', ok(), manual('MINDRE_ENN_1_MAANED_MED_BEGRUNNELSE'))),
                invalid('MINDRE_ENN_1_MAANED')),
              node('BEGRUNNELSE_MIN_3_ORD', manual('OVER_1_MND_MED_BEGRUNNELSE'), invalid('OVER_1_MND'))))))),
    ok()),
  rules: {
    TILBAKEDATERING: (p) => ({ result: p.signatur > p.fom, inputs: { fom: fromDay(p.fom), signaturdato: fromDay(p.signatur) } }),
    SPESIALISTHELSETJENESTEN: (p) => ({ result: p.sykmelding.hoveddiagnose?.system === DiagnoseSystem.ICD10, inputs: {} }),
    ETTERSENDING: (p) => ({ result: p.ettersending, inputs: { ettersending: p.ettersending } }),
    TILBAKEDATERT_INNTIL_4_DAGER: (p) => ({ result: p.signatur - p.fom <= 4, inputs: { dagerTilbake: p.signatur - p.fom } }),
    TILBAKEDATERT_INNTIL_8_DAGER: (p) => ({ result: p.signatur < p.fom + 9, inputs: {} }),
    BEGRUNNELSE_MIN_1_ORD: (p) => ({ result: words(p) >= 1, inputs: { ordIBegrunnelse: words(p) } }),
    BEGRUNNELSE_MIN_3_ORD: (p) => ({ result: words(p) >= 3, inputs: { ordIBegrunnelse: words(p) } }),
    FORLENGELSE: (p) => ({ result: p.forlengelse, inputs: { forlengelse: p.forlengelse } }),
    TILBAKEDATERT_MINDRE_ENN_1_MAANED: (p) => ({ result: p.signatur < plusMonths(fromDay(p.fom), 1) + 1, inputs: {} }),
    ARBEIDSGIVERPERIODE: (p) => ({ result: p.arbeidsgiverperiode, inputs: { innenforArbeidsgiverperioden: p.arbeidsgiverperiode } }),
  },
};
