/**
 * The one payload every rule reads: the sykmelding, its context, and derived facts computed once
 * (day numbers) or on first use (syketilfelle start, ETTERSENDING, FORLENGELSE, ARBEIDSGIVERPERIODE),
 * so a sykmelding that never reaches the backdating tree never pays for them.
 */
import type { RuleContext } from './context.ts';
import { toDay, type DayNumber } from '../rules/dates.ts';
import type { Sykmelding } from './model.ts';
import {
  earliestFom, isEttersending, isForlengelse, isInnenforArbeidsgiverperiode, latestTom, relevantForSyketilfelle, sickDays, syketilfelleStart,
} from './syketilfelle.ts';

export class RulePayload {
  readonly fom: DayNumber;
  readonly tom: DayNumber;
  /** Signature date, date part only. */
  readonly signatur: DayNumber;
  readonly today: DayNumber;
  private days?: DayNumber[];
  private start?: DayNumber;
  private ettersendingValue?: boolean;
  private forlengelseValue?: boolean;
  private agpValue?: boolean;

  constructor(
    readonly sykmelding: Sykmelding,
    readonly context: RuleContext,
  ) {
    const hasPeriods = sykmelding.perioder.length > 0;
    this.fom = hasPeriods ? earliestFom(sykmelding.perioder) : NaN;
    this.tom = hasPeriods ? latestTom(sykmelding.perioder) : NaN;
    this.signatur = toDay(sykmelding.signaturDato);
    this.today = toDay(context.evaluationDate);
  }

  private sickDays(): DayNumber[] {
    this.days ??= sickDays(relevantForSyketilfelle(this.fom, this.context.tidligereSykmeldinger));
    return this.days;
  }

  get startdato(): DayNumber {
    this.start ??= syketilfelleStart(this.fom, this.sickDays());
    return this.start;
  }

  get ettersending(): boolean {
    this.ettersendingValue ??= isEttersending(this.sykmelding, this.context.tidligereSykmeldinger);
    return this.ettersendingValue;
  }

  get forlengelse(): boolean {
    this.forlengelseValue ??= isForlengelse(this.sykmelding, this.context.tidligereSykmeldinger);
    return this.forlengelseValue;
  }

  /** The helper facts that some rule asked for (nothing is computed just for the report). */
  computedFacts(): { syketilfelleStartdato?: DayNumber; ettersending?: boolean; forlengelse?: boolean; arbeidsgiverperiode?: boolean } {
    return { syketilfelleStartdato: this.start, ettersending: this.ettersendingValue, forlengelse: this.forlengelseValue, arbeidsgiverperiode: this.agpValue };
  }

  get arbeidsgiverperiode(): boolean {
    this.agpValue ??= isInnenforArbeidsgiverperiode(this.sykmelding, this.sickDays(), this.startdato);
    return this.agpValue;
  }
}
