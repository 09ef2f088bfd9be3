/** Organisation numbers (Enhetsregisteret): 9 digits, mod-11 check digit, first digit 8 or 9. */
import { mod11, toDigits } from './mod11.ts';

const W = [3, 2, 7, 6, 5, 4, 3, 2];

export function isValidOrgnr(value: string): boolean {
  const d = toDigits(value);
  if (!d || d.length !== 9) return false;
  if (d[0] !== 8 && d[0] !== 9) return false;
  return mod11(d, W) === d[8];
}

/** Completes 8 leading digits with their check digit, or undefined if none exists. */
export function completeOrgnr(first8: string): string | undefined {
  const d = toDigits(first8);
  if (!d || d.length !== 8) return undefined;
  const k = mod11(d, W);
  return k === undefined ? undefined : first8 + k;
}
