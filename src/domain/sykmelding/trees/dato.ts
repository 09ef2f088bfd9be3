import { invalid, type RuleTree } from '../../rules/tree.ts';
import { plusYears } from '../dates.ts';
import type { OutcomeName } from '../outcomes.ts';
import type { RulePayload } from '../payload.ts';
import { chain } from './chain.ts';

type Rule = 'FREMDATERT' | 'TILBAKEDATERT_MER_ENN_3_AR' | 'TOTAL_VARIGHET_OVER_ETT_AAR';

export const datoTree: RuleTree<Rule, OutcomeName, RulePayload> = {
  name: 'DATO',
  title: 'Dato',
  root: chain<Rule, OutcomeName>([
    ['FREMDATERT', invalid('FREMDATERT')],
    ['TILBAKEDATERT_MER_ENN_3_AR', invalid('TILBAKEDATERT_MER_ENN_3_AR')],
    ['TOTAL_VARIGHET_OVER_ETT_AAR', invalid('TOTAL_VARIGHET_OVER_ETT_AAR')],
  ]),
  rules: {
    // Compared with the signature date (NAV's doctor text says the treatment date, its code does not).
    FREMDATERT: (p) => ({ result: p.fom > p.signatur + 30, inputs: { dagerFramITid: p.fom - p.signatur } }),
    // Compared with the day the rules run, not the signature date.
    TILBAKEDATERT_MER_ENN_3_AR: (p) => {
      const today = p.context.evaluationDate;
      return { result: p.fom < plusYears(today, -3), inputs: { evalueringsdato: today } };
    },
    TOTAL_VARIGHET_OVER_ETT_AAR: (p) => ({ result: p.tom - p.fom > 365, inputs: { varighetDager: p.tom - p.fom } }),
  },
};
