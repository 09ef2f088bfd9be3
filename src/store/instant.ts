/**
 * Timestamps as both drivers hand them back (PostgreSQL's text form, `2026-11-30 16:24:41.123+00`)
 * turned into the ISO instants FHIR serves (`2026-11-30T16:24:41.123Z`). The store writes instants
 * with millisecond precision; when the session's time zone is UTC (the usual server setting) the
 * text is rewritten as it is, and any other form goes through Date.
 */
const UTC_MILLIS = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d)(?:\.(\d{1,3}))?\+00$/;

export function toInstant(value: string): string {
  const m = UTC_MILLIS.exec(value);
  if (m) return `${m[1]}T${m[2]}.${(m[3] ?? '').padEnd(3, '0')}Z`;
  return new Date(value.includes('T') ? value : value.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00')).toISOString();
}
