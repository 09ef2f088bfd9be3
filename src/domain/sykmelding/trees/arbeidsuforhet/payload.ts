import type { RuleContext } from '../../context.ts';
import type { Diagnose, Sykmelding } from '../../model.ts';
import type { RulePayload } from '../../payload.ts';

/** What the work-incapacity tree reads: the diagnoses as written, another reason, and the code lists. */
export interface ArbeidsuforhetPayload {
  hoveddiagnose?: Diagnose;
  bidiagnoser: Diagnose[];
  annenFravarsgrunn?: Sykmelding['annenFravarsgrunn'];
  isKnownCode?: RuleContext['isKnownCode'];
}

export const toArbeidsuforhetPayload = (p: RulePayload): ArbeidsuforhetPayload => ({
  hoveddiagnose: p.sykmelding.hoveddiagnose,
  bidiagnoser: p.sykmelding.bidiagnoser,
  annenFravarsgrunn: p.sykmelding.annenFravarsgrunn,
  isKnownCode: p.context.isKnownCode,
});
