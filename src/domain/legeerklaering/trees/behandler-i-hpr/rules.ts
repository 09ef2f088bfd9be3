import type { RuleFunctions } from '../../../rules/tree.ts';
import type { BehandlerIHprRule } from './definitions.ts';
import type { BehandlerIHprPayload } from './payload.ts';

export const behandlerIHprRules: RuleFunctions<BehandlerIHprRule, BehandlerIHprPayload> = {
  BEHANDLER_NOT_IN_HPR: (p) => ({ result: !p.finnesIHpr, inputs: { finnesIHpr: p.finnesIHpr } }),
};
