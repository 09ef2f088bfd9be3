/**
 * Value helpers shared by extraction (write side) and parsing (query side), so a value is
 * normalised and ranged the same way on both sides.
 */

/** Lower case, accents removed: the form string index rows hold and string searches compare. */
export function normaliseString(value: string): string {
  return value.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

const DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?)?)?$/;

/**
 * The implicit range of a FHIR date/dateTime/instant: `2024` is the whole year, `2024-03-05` the
 * whole day, `…T10:15` the whole minute. Times without an offset and plain dates are taken as UTC.
 * Returns [low, high] as ISO instants (high inclusive, to the millisecond), or undefined when invalid.
 */
export function dateRange(value: string): [string, string] | undefined {
  const m = DATE.exec(value);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, frac, tz] = m;
  const year = Number(y);
  const month = mo ? Number(mo) : undefined;
  const day = d ? Number(d) : undefined;
  if (month !== undefined && (month < 1 || month > 12)) return undefined;
  if (day !== undefined && (day < 1 || day > new Date(Date.UTC(year, month!, 0)).getUTCDate())) return undefined;
  if (h !== undefined && (Number(h) > 23 || Number(mi) > 59 || (s !== undefined && Number(s) > 59))) return undefined;
  if (h !== undefined && tz === undefined && value.length > 10 && !value.includes('T')) return undefined;
  const offsetMs = tz && tz !== 'Z' ? (tz[0] === '-' ? -1 : 1) * (Number(tz.slice(1, 3)) * 60 + Number(tz.slice(4, 6))) * 60000 : 0;
  const start = Date.UTC(year, (month ?? 1) - 1, day ?? 1, h ? Number(h) : 0, mi ? Number(mi) : 0, s ? Number(s) : 0, frac ? Math.floor(Number(frac) * 1000) : 0) - offsetMs;
  let end: number;
  if (month === undefined) end = Date.UTC(year + 1, 0, 1) - offsetMs;
  else if (day === undefined) end = Date.UTC(year, month, 1) - offsetMs;
  else if (h === undefined) end = Date.UTC(year, month - 1, day + 1) - offsetMs;
  else if (s === undefined) end = start + 60_000;
  else if (frac === undefined) end = start + 1000;
  else end = start + 1;
  if (year < 1 || !Number.isFinite(start)) return undefined;
  return [new Date(start).toISOString(), new Date(end - 1).toISOString()];
}

/** Decimals a searched number may have (more than a double can tell apart; each is refused, not rounded). */
export const MAX_SEARCH_DECIMALS = 30;

/**
 * A decimal's implicit range from its precision: `5.4` is [5.35, 5.45). Undefined for what is not
 * a number, has more than MAX_SEARCH_DECIMALS decimals, or is too large to be finite.
 */
export function numberRange(value: string): [string, string] | undefined {
  if (!/^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(value)) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n)) return undefined;
  if (/[eE]/.test(value)) return [value, value];
  const decimals = value.includes('.') ? value.split('.')[1].length : 0;
  if (decimals > MAX_SEARCH_DECIMALS) return undefined;
  const half = 5 / 10 ** (decimals + 1);
  return [(n - half).toFixed(decimals + 1), (n + half).toFixed(decimals + 1)];
}
