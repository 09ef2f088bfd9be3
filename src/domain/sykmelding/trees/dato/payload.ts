import type { DayNumber } from '../../../rules/dates.ts';
import type { RulePayload } from '../../payload.ts';

/** What the dates tree reads: first and last day, the signature date and the day the rules run. */
export interface DatoPayload {
  fom: DayNumber;
  tom: DayNumber;
  signatur: DayNumber;
  evaluationDate: string;
}

export const toDatoPayload = (p: RulePayload): DatoPayload => ({ fom: p.fom, tom: p.tom, signatur: p.signatur, evaluationDate: p.context.evaluationDate });
