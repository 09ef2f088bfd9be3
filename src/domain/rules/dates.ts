/**
 * Calendar dates as day numbers (days since 1970-01-01), with java.time LocalDate semantics for
 * month and year arithmetic: adding months clamps to the last day of the month (31 Jan + 1 month =
 * 28/29 Feb; 29 Feb + 13 years = 28 Feb). No Date objects in the hot path, no time zones.
 */
export type DayNumber = number;

const DAYS_BEFORE_MONTH = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function daysInMonth(y: number, m: number): number {
  return m === 2 ? (isLeapYear(y) ? 29 : 28) : [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
}

/** Days from 1970-01-01 to y-m-d (proleptic Gregorian). */
function dayNumber(y: number, m: number, d: number): DayNumber {
  const yy = y - 1;
  const days = yy * 365 + Math.floor(yy / 4) - Math.floor(yy / 100) + Math.floor(yy / 400);
  return days + DAYS_BEFORE_MONTH[m - 1] + (m > 2 && isLeapYear(y) ? 1 : 0) + d - 1 - 719162;
}

/** `YYYY-MM-DD` (or the date part of a dateTime) → day number. */
export function toDay(iso: string): DayNumber {
  return dayNumber(
    (iso.charCodeAt(0) - 48) * 1000 + (iso.charCodeAt(1) - 48) * 100 + (iso.charCodeAt(2) - 48) * 10 + (iso.charCodeAt(3) - 48),
    (iso.charCodeAt(5) - 48) * 10 + (iso.charCodeAt(6) - 48),
    (iso.charCodeAt(8) - 48) * 10 + (iso.charCodeAt(9) - 48),
  );
}

/** Day number → `YYYY-MM-DD` (civil-from-days, no Date object). */
export function fromDay(day: DayNumber): string {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${String(y).padStart(4, '0')}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

function parts(iso: string): [number, number, number] {
  return [Number(iso.slice(0, 4)), Number(iso.slice(5, 7)), Number(iso.slice(8, 10))];
}

/** LocalDate.plusMonths: the day is clamped to the target month's length. */
export function plusMonths(iso: string, months: number): DayNumber {
  const [y, m, d] = parts(iso);
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  return dayNumber(ny, nm, Math.min(d, daysInMonth(ny, nm)));
}

/** LocalDate.plusYears: 29 February becomes 28 February in a common year. */
export function plusYears(iso: string, years: number): DayNumber {
  return plusMonths(iso, years * 12);
}

/** 1 = Monday … 7 = Sunday (ISO). 1970-01-01 was a Thursday. */
export function dayOfWeek(day: DayNumber): number {
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

export function isWeekday(day: DayNumber): boolean {
  return dayOfWeek(day) <= 5;
}

/**
 * True when working days (Mon–Fri) lie strictly between an earlier period's tom and a later fom.
 * Overlapping periods (later fom before earlier tom) count as "working days between", as NAV's
 * rules do; next-day, Fri→Mon, Sat→Mon and Fri→Sun are contiguous.
 */
export function workingDaysBetween(laterFom: DayNumber, earlierTom: DayNumber): boolean {
  const d = laterFom - earlierTom;
  if (d < 0) return true;
  const dow = dayOfWeek(laterFom);
  if (dow === 1) return d > 3;
  if (dow === 7) return d > 2;
  return d > 1;
}

/** The number of Mon–Fri days strictly between two days. */
export function weekdaysStrictlyBetween(a: DayNumber, b: DayNumber): number {
  let n = 0;
  for (let day = a + 1; day < b; day++) if (isWeekday(day)) n++;
  return n;
}
