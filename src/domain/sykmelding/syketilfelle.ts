/**
 * Helper facts computed from the patient's earlier sykmeldinger: the syketilfelle start date,
 * ETTERSENDING, FORLENGELSE and the ARBEIDSGIVERPERIODE, and the word count of the backdating
 * justification. Pure functions on day numbers.
 */
import { toDay, workingDaysBetween, type DayNumber } from '../rules/dates.ts';
import type { Periode, Sykmelding, TidligereSykmelding } from './model.ts';

const BACKDATING_MERKNADER = new Set(['UGYLDIG_TILBAKEDATERING', 'TILBAKEDATERING_KREVER_FLERE_OPPLYSNINGER']);
const SAME_DIAGNOSIS_EXCLUDED = new Set([...BACKDATING_MERKNADER, 'UNDER_BEHANDLING']);

export function earliestFom(perioder: Periode[]): DayNumber {
  let min = Infinity;
  for (const p of perioder) min = Math.min(min, toDay(p.fom));
  return min;
}

export function latestTom(perioder: Periode[]): DayNumber {
  let max = -Infinity;
  for (const p of perioder) max = Math.max(max, toDay(p.tom));
  return max;
}

/** A sykmelding whose days count as sick days at all: not rejected, not cancelled by the patient, no refused backdating (3.1). */
export function countsAsSickLeave(s: TidligereSykmelding): boolean {
  return s.perioder.length > 0 && s.status !== 'INVALID' && s.brukerhandling !== 'AVBRUTT' && !s.merknader.some((m) => BACKDATING_MERKNADER.has(m));
}

/** Earlier sykmeldinger that count towards the syketilfelle (reference 3.1). */
export function relevantForSyketilfelle(fom: DayNumber, earlier: TidligereSykmelding[]): TidligereSykmelding[] {
  return earlier.filter((s) => countsAsSickLeave(s) && latestTom(s.perioder) > fom - 280 && earliestFom(s.perioder) < fom);
}

/** Every sick day (AVVENTENDE excluded) of the given sykmeldinger, newest first, without duplicates. */
export function sickDays(sykmeldinger: TidligereSykmelding[]): DayNumber[] {
  // A bitmap over the covered span: no Set, no sort (this runs for every sykmelding with history).
  let min = Infinity;
  let max = -Infinity;
  const spans: number[] = [];
  for (const s of sykmeldinger) {
    for (const p of s.perioder) {
      if (p.type === 'AVVENTENDE') continue;
      const from = toDay(p.fom);
      const to = toDay(p.tom);
      if (to < from) continue;
      spans.push(from, to);
      if (from < min) min = from;
      if (to > max) max = to;
    }
  }
  if (spans.length === 0) return [];
  const marked = new Uint8Array(max - min + 1);
  for (let i = 0; i < spans.length; i += 2) marked.fill(1, spans[i] - min, spans[i + 1] - min + 1);
  const days: DayNumber[] = [];
  for (let d = max; d >= min; d--) if (marked[d - min]) days.push(d);
  return days;
}

/**
 * The first day of the sick-leave case: walk back from the new earliest fom through earlier sick
 * days; a gap of more than 16 days between the current start and the next earlier day ends it.
 * Days on or after the current start are passed over (they cannot move the start earlier).
 */
export function syketilfelleStart(fom: DayNumber, days: DayNumber[]): DayNumber {
  let start = fom;
  for (const day of days) {
    if (day >= start) continue;
    if (start - day > 16) break;
    start = day;
  }
  return start;
}

/** Earlier sykmeldinger with the same main diagnosis and no blocking remark (reference 3.5). */
function sameDiagnosis(sykmelding: Sykmelding, earlier: TidligereSykmelding[]): TidligereSykmelding[] {
  const kode = sykmelding.hoveddiagnose?.kode;
  if (!kode) return [];
  return earlier.filter((s) => s.status !== 'INVALID' && !s.merknader.some((m) => SAME_DIAGNOSIS_EXCLUDED.has(m)) && s.hoveddiagnoseKode === kode);
}

/** ETTERSENDING (3.2): the same single period was sent before (same type, dates and grade). */
export function isEttersending(sykmelding: Sykmelding, earlier: TidligereSykmelding[]): boolean {
  if (sykmelding.perioder.length !== 1 || !sykmelding.hoveddiagnose) return false;
  const p = sykmelding.perioder[0];
  return sameDiagnosis(sykmelding, earlier).some((s) =>
    s.perioder.some((q) => q.type === p.type && q.fom === p.fom && q.tom === p.tom && (p.type !== 'GRADERT' || q.grad === p.grad)),
  );
}

/** FORLENGELSE (3.3): the new sykmelding continues an earlier single 100 % or graded period. */
export function isForlengelse(sykmelding: Sykmelding, earlier: TidligereSykmelding[]): boolean {
  if (sykmelding.perioder.length === 0) return false;
  const fom = earliestFom(sykmelding.perioder);
  const tom = latestTom(sykmelding.perioder);
  return sameDiagnosis(sykmelding, earlier)
    .filter((s) => s.perioder.length === 1 && (s.perioder[0].type === 'AKTIVITET_IKKE_MULIG' || s.perioder[0].type === 'GRADERT'))
    .some((s) => {
      const pf = toDay(s.perioder[0].fom);
      const pt = toDay(s.perioder[0].tom);
      return !workingDaysBetween(fom, pt) || (pf <= fom && fom <= pt && tom >= pt);
    });
}

/**
 * ARBEIDSGIVERPERIODE (3.4): the case is still within the employer's 16 days. The new days are
 * counted, then earlier sick days back to the syketilfelle start; a gap with no working days is
 * counted whole (weekends included), otherwise only the sick day itself.
 */
export function isInnenforArbeidsgiverperiode(sykmelding: Sykmelding, days: DayNumber[], startdato: DayNumber): boolean {
  const fom = earliestFom(sykmelding.perioder);
  const tom = latestTom(sykmelding.perioder);
  if (tom - fom + 1 > 16) return false;
  const counted = new Set<DayNumber>();
  for (const p of sykmelding.perioder) for (let d = toDay(p.fom), e = toDay(p.tom); d <= e; d++) counted.add(d);
  let previous = fom;
  for (const d of days) {
    if (d >= fom) continue;
    if (d < startdato) break;
    if (!workingDaysBetween(previous, d)) {
      for (let g = d; g < previous; g++) counted.add(g);
    } else {
      counted.add(d);
    }
    previous = d;
    if (counted.size > 16) return false;
  }
  return counted.size <= 16;
}

/** Words in the justification (3.6): split on single spaces; a word has at least one ASCII letter. */
export function countWords(text: string | undefined): number {
  if (!text) return 0;
  let n = 0;
  for (const piece of text.trim().split(' ')) if (/[A-Za-z]/.test(piece)) n++;
  return n;
}
