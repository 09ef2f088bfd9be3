import type { RuleFunctions } from '../../../rules/tree.ts';
import { fromDay, plusMonths } from '../../../rules/dates.ts';
import { DiagnoseSystem } from '../../model.ts';
import { countWords } from '../../syketilfelle.ts';
import type { TilbakedateringRule } from './definitions.ts';
import type { TilbakedateringPayload } from './payload.ts';

const words = (p: TilbakedateringPayload) => countWords(p.begrunnelse);
const dagerTilbake = (p: TilbakedateringPayload) => ({ dagerTilbake: p.signatur - p.fom });

export const tilbakedateringRules: RuleFunctions<TilbakedateringRule, TilbakedateringPayload> = {
  TILBAKEDATERING: (p) => ({ result: p.signatur > p.fom, inputs: { fom: fromDay(p.fom), signaturdato: fromDay(p.signatur) } }),
  // ICD-10 stands for specialist health care (GPs use ICPC-2).
  SPESIALISTHELSETJENESTEN: (p) => ({ result: p.hoveddiagnoseSystem === DiagnoseSystem.ICD10, inputs: { hoveddiagnoseSystem: p.hoveddiagnoseSystem } }),
  ETTERSENDING: (p) => ({ result: p.ettersending, inputs: { ettersending: p.ettersending } }),
  TILBAKEDATERT_INNTIL_4_DAGER: (p) => ({ result: p.signatur - p.fom <= 4, inputs: dagerTilbake(p) }),
  TILBAKEDATERT_INNTIL_8_DAGER: (p) => ({ result: p.signatur < p.fom + 9, inputs: dagerTilbake(p) }),
  BEGRUNNELSE_MIN_1_ORD: (p) => ({ result: words(p) >= 1, inputs: { ordIBegrunnelse: words(p) } }),
  BEGRUNNELSE_MIN_3_ORD: (p) => ({ result: words(p) >= 3, inputs: { ordIBegrunnelse: words(p) } }),
  FORLENGELSE: (p) => ({ result: p.forlengelse, inputs: { forlengelse: p.forlengelse } }),
  // S ≤ F plus one calendar month (java.time: 31 Jan + 1 month = end of February).
  TILBAKEDATERT_MINDRE_ENN_1_MAANED: (p) => ({
    result: p.signatur < plusMonths(fromDay(p.fom), 1) + 1,
    inputs: { fom: fromDay(p.fom), signaturdato: fromDay(p.signatur) },
  }),
  ARBEIDSGIVERPERIODE: (p) => ({ result: p.arbeidsgiverperiode, inputs: { innenforArbeidsgiverperioden: p.arbeidsgiverperiode } }),
};
