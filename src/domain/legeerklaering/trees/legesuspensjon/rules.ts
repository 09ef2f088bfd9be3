import type { RuleFunctions } from '../../../rules/tree.ts';
import type { LegesuspensjonRule } from './definitions.ts';
import type { LegesuspensjonPayload } from './payload.ts';

export const legesuspensjonRules: RuleFunctions<LegesuspensjonRule, LegesuspensjonPayload> = {
  BEHANDLER_SUSPENDERT: (p) => ({ result: p.suspendert, inputs: { suspendert: p.suspendert, signaturdato: p.signaturdato } }),
};
