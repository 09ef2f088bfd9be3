import type { DayNumber } from '../../../rules/dates.ts';
import type { RulePayload } from '../../payload.ts';

/** What the under-13 tree reads: the birth date (PDL) and the last day of sick leave. */
export interface PasientUnder13Payload {
  fodselsdato: string;
  tom: DayNumber;
}

export const toPasientUnder13Payload = (p: RulePayload): PasientUnder13Payload => ({ fodselsdato: p.context.pasient.fodselsdato, tom: p.tom });
