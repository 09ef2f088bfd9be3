import type { Godkjenning } from '../../../behandler/hpr.ts';
import type { DayNumber } from '../../../rules/dates.ts';
import type { RulePayload } from '../../payload.ts';

/** What the HPR tree reads: the behandler's HPR approvals, the dates, and the syketilfelle start. */
export interface HprPayload {
  finnesIHpr: boolean;
  godkjenninger: Godkjenning[];
  /** Signature date: extra competences must be valid on it. */
  signatur: DayNumber;
  fom: DayNumber;
  tom: DayNumber;
  /** Syketilfelle start (reference 3.1); worked out only when a rule asks. */
  readonly startdato: DayNumber;
}

/** A class, not an object literal with a getter: V8 makes those slowly, once per evaluation. */
class HprProjection implements HprPayload {
  readonly finnesIHpr: boolean;
  readonly godkjenninger: Godkjenning[];
  readonly signatur: DayNumber;
  readonly fom: DayNumber;
  readonly tom: DayNumber;
  constructor(private readonly shared: RulePayload) {
    this.finnesIHpr = shared.context.behandler.finnesIHpr;
    this.godkjenninger = shared.context.behandler.godkjenninger;
    this.signatur = shared.signatur;
    this.fom = shared.fom;
    this.tom = shared.tom;
  }
  get startdato(): DayNumber {
    return this.shared.startdato;
  }
}

export const toHprPayload = (p: RulePayload): HprPayload => new HprProjection(p);
