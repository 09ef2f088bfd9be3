/**
 * The maximum date for sykepenger (maksdato, ftrl. § 8-12; lifecycle-and-views §6): the last
 * sykepengedag if the sick leave goes on. Sick days come from the sykmeldinger with the same
 * syketilfelle logic the rules use (a gap of 16 or more days starts a new case, reference 3.1).
 *
 * How days are counted (see docs/dialog.md):
 * - a sick day is a calendar day inside a period of a sykmelding that counts (not INVALID, not
 *   AVBRUTT, no refused backdating; AVVENTENDE periods are not sick days);
 * - the first 16 sick days of each case are the arbeidsgiverperiode (calendar days, weekends
 *   included; a gap of up to 15 days inside a case does not restart it) and are not sykepengedager;
 * - after that every sick Monday–Friday is one sykepengedag, whatever the grade: a graded day
 *   counts as a whole day (our reading of § 8-12, as NAV counts it); public holidays count too;
 * - the days since the latest sick day are assumed sick, so the result says when the right ends
 *   if the sick leave continues;
 * - 248 days within the last three years; days of earlier cases count unless 26 weeks (182 days)
 *   without any sick day lie in between, which gives a full new right;
 * - from the day after the 67th birthday at most 60 days; none from the 70th birthday.
 */
import { fromDay, isWeekday, plusYears, toDay, type DayNumber } from '../rules/dates.ts';
import type { TidligereSykmelding } from '../sykmelding/model.ts';
import { countsAsSickLeave, sickDays, syketilfelleStart } from '../sykmelding/syketilfelle.ts';

export const SYKEPENGEDAGER = 248;
export const DAGER_ETTER_67 = 60;
export const ARBEIDSGIVERPERIODE_DAGER = 16;
/** 26 weeks fully able to work give a new full right (ftrl. § 8-12 second ledd). */
export const NY_RETT_ETTER_DAGER = 26 * 7;

export interface Person {
  ident: string;
  fodselsdato: string;
}

export type Begrensning = 'ORDINAER_248' | 'ALDER_67_60_DAGER' | 'ALDER_70';

export interface Maksdato {
  /** First day of the current syketilfelle. */
  startdato: string;
  /** The latest recorded sick day. */
  sisteSykedag: string;
  /** Last day of the current case's arbeidsgiverperiode (projected if it has not ended yet). */
  arbeidsgiverperiodeTom: string;
  /** Sykepengedager used up to and including `asOf`, earlier cases in the window included. */
  brukteDager: number;
  /** Sykepengedager left after `asOf` until the maksdato. */
  gjenstaendeDager: number;
  maksdato: string;
  begrensning: Begrensning;
}

/** The cases, oldest first, as [start, end] day numbers: each found by the rules' syketilfelle walk. */
export function syketilfeller(daysNewestFirst: DayNumber[]): Array<[DayNumber, DayNumber]> {
  const cases: Array<[DayNumber, DayNumber]> = [];
  let i = 0;
  while (i < daysNewestFirst.length) {
    const end = daysNewestFirst[i];
    const start = syketilfelleStart(end, daysNewestFirst.slice(i));
    cases.unshift([start, end]);
    while (i < daysNewestFirst.length && daysNewestFirst[i] >= start) i++;
  }
  return cases;
}

export function computeMaksdato(sykmeldinger: TidligereSykmelding[], person: Person, asOf: string): Maksdato | undefined {
  const days = sickDays(sykmeldinger.filter(countsAsSickLeave));
  if (days.length === 0) return undefined;
  const sick = new Set(days);
  const last = days[0];
  const cases = syketilfeller(days);
  // Only the cases since the last gap of 26 weeks count towards the current right.
  let first = cases.length - 1;
  while (first > 0 && cases[first][0] - cases[first - 1][1] - 1 < NY_RETT_ETTER_DAGER) first--;
  const caseStarts = new Set(cases.slice(first).map(([start]) => start));
  const current = cases[cases.length - 1][0];

  const birthday67 = plusYears(person.fodselsdato, 67);
  const birthday70 = plusYears(person.fodselsdato, 70);
  const today = toDay(asOf);
  const counted: DayNumber[] = [];
  let oldest = 0;
  let after67 = 0;
  let agp = 0;
  let agpTom = current + ARBEIDSGIVERPERIODE_DAGER - 1;
  let brukte = 0;
  let gjenstaende = 0;
  let lastPaid: DayNumber | undefined;
  let result: { day: DayNumber; begrensning: Begrensning } | undefined;

  for (let d = cases[first][0]; !result; d++) {
    if (d >= birthday70) {
      result = { day: lastPaid ?? birthday70 - 1, begrensning: 'ALDER_70' };
      break;
    }
    if (caseStarts.has(d)) agp = 0;
    // Past the latest sick day the sick leave is assumed to go on.
    if (d <= last && !sick.has(d)) continue;
    if (agp < ARBEIDSGIVERPERIODE_DAGER) {
      agp++;
      if (d >= current && agp === ARBEIDSGIVERPERIODE_DAGER) agpTom = d;
      continue;
    }
    if (!isWeekday(d)) continue;
    // The three-year window: forget days counted three years or more before this one.
    const windowStart = plusYears(fromDay(d), -3);
    while (oldest < counted.length && counted[oldest] <= windowStart) oldest++;
    counted.push(d);
    lastPaid = d;
    if (d > birthday67) after67++;
    if (d <= today) brukte = counted.length - oldest;
    else gjenstaende++;
    if (counted.length - oldest >= SYKEPENGEDAGER) result = { day: d, begrensning: 'ORDINAER_248' };
    else if (after67 >= DAGER_ETTER_67) result = { day: d, begrensning: 'ALDER_67_60_DAGER' };
  }
  return {
    startdato: fromDay(current),
    sisteSykedag: fromDay(last),
    arbeidsgiverperiodeTom: fromDay(agpTom),
    brukteDager: brukte,
    gjenstaendeDager: gjenstaende,
    maksdato: fromDay(result.day),
    begrensning: result.begrensning,
  };
}

