import type { RuleFunctions } from '../../../rules/tree.ts';
import { fromDay, plusYears } from '../../../rules/dates.ts';
import type { PasientUnder13Rule } from './definitions.ts';
import type { PasientUnder13Payload } from './payload.ts';

export const pasientUnder13Rules: RuleFunctions<PasientUnder13Rule, PasientUnder13Payload> = {
  // Birth date + 13 years with java.time arithmetic: born 29 February turns 13 on 28 February.
  PASIENT_YNGRE_ENN_13: (p) => ({ result: p.tom < plusYears(p.fodselsdato, 13), inputs: { fodselsdato: p.fodselsdato, tom: fromDay(p.tom) } }),
};
