import type { RuleFunctions } from '../../../rules/tree.ts';
import { toDay, weekdaysStrictlyBetween } from '../../../rules/dates.ts';
import type { Periode, PeriodeType } from '../../model.ts';
import { formatLocalTime, osloLocalTime } from '../../oslo-time.ts';
import type { PerioderRule } from './definitions.ts';
import type { PerioderPayload } from './payload.ts';

const DAY = 86_400_000;

/** Some period's fom or tom lies inside another period; identical periods are not compared (NAV's quirk). */
function overlapping(list: Periode[]): boolean {
  for (const a of list) {
    for (const b of list) {
      if (a === b || (a.fom === b.fom && a.tom === b.tom)) continue;
      const [bf, bt] = [toDay(b.fom), toDay(b.tom)];
      const [af, at] = [toDay(a.fom), toDay(a.tom)];
      if ((af >= bf && af <= bt) || (at >= bf && at <= bt)) return true;
    }
  }
  return false;
}

/** Mon–Fri days strictly between consecutive periods (sorted by fom); a weekend-only gap is fine. */
function gapWithWorkingDays(list: Periode[]): boolean {
  const sorted = [...list].sort((a, b) => toDay(a.fom) - toDay(b.fom));
  for (let i = 1; i < sorted.length; i++) {
    if (weekdaysStrictlyBetween(toDay(sorted[i - 1].tom), toDay(sorted[i].fom)) > 0) return true;
  }
  return false;
}

const ofType = (p: PerioderPayload, type: PeriodeType) => p.perioder.filter((q) => q.type === type);
const dates = (p: PerioderPayload) => ({ perioder: p.perioder.map((q) => ({ fom: q.fom, tom: q.tom })) });
const types = (p: PerioderPayload) => ({ periodetyper: p.perioder.map((q) => q.type) });
/** Treatment days allowed: one per started week counted from fom. */
const maxBehandlingsdager = (q: Periode) => Math.floor((toDay(q.tom) - toDay(q.fom)) / 7) + 1;

export const perioderRules: RuleFunctions<PerioderRule, PerioderPayload> = {
  PERIODER_MANGLER: (p) => ({ result: p.perioder.length === 0, inputs: { antallPerioder: p.perioder.length } }),
  FRADATO_ETTER_TILDATO: (p) => ({ result: p.perioder.some((q) => toDay(q.fom) > toDay(q.tom)), inputs: dates(p) }),
  OVERLAPPENDE_PERIODER: (p) => ({ result: overlapping(p.perioder), inputs: dates(p) }),
  OPPHOLD_MELLOM_PERIODER: (p) => ({ result: gapWithWorkingDays(p.perioder), inputs: dates(p) }),
  IKKE_DEFINERT_PERIODE: (p) => ({ result: p.perioder.some((q) => q.type === 'UGYLDIG'), inputs: types(p) }),
  // Norwegian clock times, as NAV compares them: 24 hours after receipt is the same clock time the
  // next day, also across a daylight-saving change (then 23 or 25 real hours).
  BEHANDLINGSDATO_ETTER_MOTTATTDATO: (p) => {
    const behandlet = osloLocalTime(p.behandletTidspunkt);
    const mottatt = osloLocalTime(p.mottattDato);
    return { result: behandlet > mottatt + DAY, inputs: { behandletTidspunkt: formatLocalTime(behandlet), mottattDato: formatLocalTime(mottatt) } };
  },
  AVVENTENDE_SYKMELDING_KOMBINERT: (p) => ({ result: ofType(p, 'AVVENTENDE').length > 0 && p.perioder.length > 1, inputs: types(p) }),
  MANGLENDE_INNSPILL_TIL_ARBEIDSGIVER: (p) => {
    const innspill = ofType(p, 'AVVENTENDE').map((q) => q.innspillTilArbeidsgiver);
    return { result: innspill.some((i) => !i?.trim()), inputs: { innspillTilArbeidsgiver: innspill } };
  },
  // tom − fom > 16 means more than 17 calendar days; NAV's message says 16, its code allows 17.
  AVVENTENDE_SYKMELDING_OVER_16_DAGER: (p) => {
    const lengths = ofType(p, 'AVVENTENDE').map((q) => toDay(q.tom) - toDay(q.fom));
    return { result: lengths.some((d) => d > 16), inputs: { avventendeDager: lengths } };
  },
  FOR_MANGE_BEHANDLINGSDAGER_PER_UKE: (p) => {
    const counts = ofType(p, 'BEHANDLINGSDAGER').map((q) => ({ antall: q.behandlingsdager ?? 0, tillatt: maxBehandlingsdager(q) }));
    return { result: counts.some((c) => c.antall > c.tillatt), inputs: { behandlingsdager: counts } };
  },
  GRADERT_SYKMELDING_OVER_99_PROSENT: (p) => {
    const grader = ofType(p, 'GRADERT').map((q) => q.grad);
    return { result: grader.some((g) => (g ?? 0) > 99), inputs: { grader } };
  },
  // Only 0 is refused; negative grades are not checked (as NAV's code).
  GRADERT_SYKMELDING_0_PROSENT: (p) => {
    const grader = ofType(p, 'GRADERT').map((q) => q.grad);
    return { result: grader.some((g) => g === 0), inputs: { grader } };
  },
  SYKMELDING_MED_BEHANDLINGSDAGER: (p) => ({ result: ofType(p, 'BEHANDLINGSDAGER').length > 0, inputs: types(p) }),
};
