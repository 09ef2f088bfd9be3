/**
 * HPR numbers (Helsepersonellregisteret). Issued as up to 9 digits; senders sometimes zero-pad to
 * 10 (seen in EDI messages). The register publishes no check digit, so we check only the form.
 */
export function normaliseHprNumber(value: string): string | undefined {
  const trimmed = value.trim();
  if (!/^\d{1,10}$/.test(trimmed)) return undefined;
  const n = trimmed.replace(/^0+/, '');
  if (n.length === 0 || n.length > 9) return undefined;
  return n;
}

export function isValidHprNumber(value: string): boolean {
  return normaliseHprNumber(value) !== undefined;
}
