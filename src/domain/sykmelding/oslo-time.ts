/**
 * Norwegian wall-clock time without an offset, as NAV compares times (java.time LocalDateTime in
 * Europe/Oslo): an instant is turned into the date and time shown on a clock in Oslo, so adding
 * 24 hours means "the same clock time the next day" even across a daylight-saving change. Pure:
 * the time-zone rules come from Intl, not from the machine's zone.
 */
const OSLO = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Oslo', hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
});

const HOUR = 3_600_000;
/** Oslo's offset per UTC hour (offsets change only on whole hours); bounded, formatting is slow. */
const offsets = new Map<number, number>();

function osloOffset(instant: number): number {
  const hour = Math.floor(instant / HOUR);
  const known = offsets.get(hour);
  if (known !== undefined) return known;
  const at = hour * HOUR;
  const part = (parts: Intl.DateTimeFormatPart[], type: string) => Number(parts.find((p) => p.type === type)!.value);
  const parts = OSLO.formatToParts(at);
  const wall = Date.UTC(part(parts, 'year'), part(parts, 'month') - 1, part(parts, 'day'), part(parts, 'hour'), part(parts, 'minute'), part(parts, 'second'));
  if (offsets.size > 10_000) offsets.clear();
  offsets.set(hour, wall - at);
  return wall - at;
}

/** An ISO date-time with an offset (or `Z`): an instant. Without one it is already Oslo clock time. */
const HAS_OFFSET = /(?:Z|[+-]\d{2}:?\d{2})$/i;

/**
 * Oslo wall-clock time of an ISO date-time, as milliseconds of a naive local date-time (counted as
 * if it were UTC, so plain arithmetic on it is LocalDateTime arithmetic). A date-time without an
 * offset, or a bare date (midnight), is taken as Oslo clock time already.
 */
export function osloLocalTime(iso: string): number {
  if (iso.length > 10 && HAS_OFFSET.test(iso)) {
    const instant = Date.parse(iso);
    return instant + osloOffset(instant);
  }
  return Date.parse(iso.length > 10 ? `${iso}Z` : `${iso}T00:00:00Z`);
}

/** `YYYY-MM-DDTHH:mm:ss`, Oslo clock time, for the recorded inputs. */
export function formatLocalTime(local: number): string {
  return new Date(local).toISOString().slice(0, 19);
}

/** The calendar date in Oslo (`YYYY-MM-DD`) of an ISO date-time, e.g. 23:30 UTC on 25 April is 26 April. */
export function osloCalendarDate(iso: string): string {
  return formatLocalTime(osloLocalTime(iso)).slice(0, 10);
}

/**
 * The instant (ISO, UTC) at which a calendar date begins in Oslo. Oslo's offset is one or two
 * hours and never changes at midnight, so one of the two candidates is the answer.
 */
export function osloStartOfDay(date: string): string {
  const local = Date.parse(`${date}T00:00:00Z`);
  for (const hours of [1, 2]) {
    const instant = new Date(local - hours * HOUR).toISOString();
    if (osloLocalTime(instant) === local) return instant;
  }
  throw new Error(`No Oslo midnight found for ${date}`);
}
