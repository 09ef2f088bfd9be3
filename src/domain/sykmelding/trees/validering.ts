import { invalid, node, ok, type RuleTree } from '../../rules/tree.ts';
import { toDay } from '../dates.ts';
import type { OutcomeName } from '../outcomes.ts';
import type { RulePayload } from '../payload.ts';
import { chain } from './chain.ts';

type Rule =
  | 'UGYLDIG_ORGNR_LENGDE' | 'PAPIRSYKMELDING' | 'UGYLDIG_REGELSETTVERSJON' | 'MANGLENDE_DYNAMISKE_SPOERSMAL_VERSJON2_UKE_39'
  | 'AVSENDER_FNR_ER_SAMME_SOM_PASIENT_FNR' | 'BEHANDLER_FNR_ER_SAMME_SOM_PASIENT_FNR';

const KNOWN_VERSIONS = new Set(['', '1', '2', '3']);
const WEEK_39_QUESTIONS = ['6.5.1', '6.5.2', '6.5.3', '6.5.4'];

export const valideringTree: RuleTree<Rule, OutcomeName, RulePayload> = {
  name: 'VALIDERING',
  title: 'Strukturell validering',
  root: node(
    'UGYLDIG_ORGNR_LENGDE',
    invalid('UGYLDIG_ORGNR_LENGDE'),
    node(
      'PAPIRSYKMELDING',
      ok(),
      chain<Rule, OutcomeName>([
        ['UGYLDIG_REGELSETTVERSJON', invalid('UGYLDIG_REGELSETTVERSJON')],
        ['MANGLENDE_DYNAMISKE_SPOERSMAL_VERSJON2_UKE_39', invalid('MANGLENDE_DYNAMISKE_SPOERSMAL_VERSJON2_UKE_39')],
        ['AVSENDER_FNR_ER_SAMME_SOM_PASIENT_FNR', invalid('AVSENDER_FNR_ER_SAMME_SOM_PASIENT_FNR')],
        ['BEHANDLER_FNR_ER_SAMME_SOM_PASIENT_FNR', invalid('BEHANDLER_FNR_ER_SAMME_SOM_PASIENT_FNR')],
      ]),
    ),
  ),
  rules: {
    UGYLDIG_ORGNR_LENGDE: (p) => {
      const orgnr = p.context.legekontorOrgnr;
      return { result: orgnr !== undefined && orgnr.length !== 9, inputs: { legekontorOrgnr: orgnr } };
    },
    PAPIRSYKMELDING: (p) => ({ result: p.context.mode === 'PAPIR', inputs: { mode: p.context.mode } }),
    UGYLDIG_REGELSETTVERSJON: (p) => {
      const v = p.sykmelding.regelsettVersjon;
      return { result: v !== undefined && !KNOWN_VERSIONS.has(v), inputs: { regelsettVersjon: v } };
    },
    MANGLENDE_DYNAMISKE_SPOERSMAL_VERSJON2_UKE_39: (p) => {
      const version = p.sykmelding.regelsettVersjon;
      const longPeriod = p.sykmelding.perioder.some((q) => toDay(q.tom) - toDay(q.fom) > 273);
      const answered = new Set(p.sykmelding.utdypendeOpplysninger.map((u) => u.id));
      const missing = WEEK_39_QUESTIONS.filter((q) => !answered.has(q));
      return { result: version === '2' && longPeriod && missing.length > 0, inputs: { regelsettVersjon: version, periodeOver39Uker: longPeriod, manglendeSporsmal: missing } };
    },
    AVSENDER_FNR_ER_SAMME_SOM_PASIENT_FNR: (p) => {
      const fnr = p.context.avsender?.fnr;
      return { result: fnr !== undefined && fnr === p.sykmelding.pasient.ident, inputs: { avsenderFnr: fnr !== undefined } };
    },
    BEHANDLER_FNR_ER_SAMME_SOM_PASIENT_FNR: (p) => {
      const fnr = p.context.behandler.fnr ?? p.sykmelding.behandler.fnr;
      return { result: fnr !== undefined && fnr === p.sykmelding.pasient.ident, inputs: { behandlerFnr: fnr !== undefined } };
    },
  },
};
