import type { RuleFunctions } from '../../../rules/tree.ts';
import type { SuspensjonRule } from './definitions.ts';
import type { SuspensjonPayload } from './payload.ts';

export const suspensjonRules: RuleFunctions<SuspensjonRule, SuspensjonPayload> = {
  BEHANDLER_SUSPENDERT: (p) => ({ result: p.suspendert, inputs: { suspendert: p.suspendert } }),
};
