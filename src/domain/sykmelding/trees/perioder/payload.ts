import type { Periode } from '../../model.ts';
import type { RulePayload } from '../../payload.ts';

/** What the periods tree reads: the periods, when the patient was seen, and when NAV received it. */
export interface PerioderPayload {
  perioder: Periode[];
  behandletTidspunkt: string;
  mottattDato: string;
}

export const toPerioderPayload = (p: RulePayload): PerioderPayload => ({
  perioder: p.sykmelding.perioder,
  behandletTidspunkt: p.sykmelding.behandletTidspunkt,
  mottattDato: p.context.mottattDato,
});
