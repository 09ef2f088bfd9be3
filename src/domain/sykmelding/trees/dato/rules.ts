import type { RuleFunctions } from '../../../rules/tree.ts';
import { fromDay, plusYears } from '../../../rules/dates.ts';
import type { DatoRule } from './definitions.ts';
import type { DatoPayload } from './payload.ts';

export const datoRules: RuleFunctions<DatoRule, DatoPayload> = {
  // Compared with the signature date (NAV's doctor text says the treatment date, its code does not).
  FREMDATERT: (p) => ({ result: p.fom > p.signatur + 30, inputs: { dagerFramITid: p.fom - p.signatur } }),
  // Compared with the day the rules run, not the signature date.
  TILBAKEDATERT_MER_ENN_3_AR: (p) => ({
    result: p.fom < plusYears(p.evaluationDate, -3),
    inputs: { fom: fromDay(p.fom), evalueringsdato: p.evaluationDate },
  }),
  TOTAL_VARIGHET_OVER_ETT_AAR: (p) => ({ result: p.tom - p.fom > 365, inputs: { varighetDager: p.tom - p.fom } }),
};
