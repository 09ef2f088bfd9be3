import type { Godkjenning } from '../../../behandler/hpr.ts';
import type { LegeerklaeringRuleInput } from '../../payload.ts';

/** What the HPR tree reads: the signer's approvals, as judged on the signature date. */
export interface HprPayload {
  godkjenninger: Godkjenning[];
}

export const toHprPayload = (p: LegeerklaeringRuleInput): HprPayload => ({ godkjenninger: p.behandler.godkjenninger });
