import { signaturdato, type LegeerklaeringRuleInput } from '../../payload.ts';

/** What the suspension tree reads: btsys's answer, and the date it was asked about. */
export interface LegesuspensjonPayload {
  suspendert: boolean;
  signaturdato: string;
}

export const toLegesuspensjonPayload = (p: LegeerklaeringRuleInput): LegesuspensjonPayload => ({ suspendert: p.behandler.suspendert, signaturdato: signaturdato(p) });
