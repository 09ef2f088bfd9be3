import type { LegeerklaeringRuleInput } from '../../payload.ts';

/** What the pre-check reads: whether HPR knows the signer. */
export interface BehandlerIHprPayload {
  finnesIHpr: boolean;
}

export const toBehandlerIHprPayload = (p: LegeerklaeringRuleInput): BehandlerIHprPayload => ({ finnesIHpr: p.behandler.finnesIHpr });
