import type { DayNumber } from '../../../rules/dates.ts';
import type { RulePayload } from '../../payload.ts';

/**
 * What the backdating tree reads. The facts about earlier sykmeldinger (reference 3.2–3.4) are
 * worked out only when a rule asks for them.
 */
export interface TilbakedateringPayload {
  fom: DayNumber;
  /** Signature date, date part only. */
  signatur: DayNumber;
  hoveddiagnoseSystem?: string;
  /** Field 11.2, the justification for backdating. */
  begrunnelse?: string;
  readonly ettersending: boolean;
  readonly forlengelse: boolean;
  readonly arbeidsgiverperiode: boolean;
}

/** A class, not an object literal with getters: V8 makes those slowly, once per evaluation. */
class TilbakedateringProjection implements TilbakedateringPayload {
  readonly fom: DayNumber;
  readonly signatur: DayNumber;
  readonly hoveddiagnoseSystem?: string;
  readonly begrunnelse?: string;
  constructor(private readonly shared: RulePayload) {
    this.fom = shared.fom;
    this.signatur = shared.signatur;
    this.hoveddiagnoseSystem = shared.sykmelding.hoveddiagnose?.system;
    this.begrunnelse = shared.sykmelding.tilbakedatering?.begrunnelse;
  }
  get ettersending(): boolean {
    return this.shared.ettersending;
  }
  get forlengelse(): boolean {
    return this.shared.forlengelse;
  }
  get arbeidsgiverperiode(): boolean {
    return this.shared.arbeidsgiverperiode;
  }
}

export const toTilbakedateringPayload = (p: RulePayload): TilbakedateringPayload => new TilbakedateringProjection(p);
