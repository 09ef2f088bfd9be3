import type { RulePayload } from '../../payload.ts';

/** What the suspension tree reads: btsys's answer for the behandler on the signature date. */
export interface SuspensjonPayload {
  suspendert: boolean;
}

export const toSuspensjonPayload = (p: RulePayload): SuspensjonPayload => ({ suspendert: p.context.behandler.suspendert });
