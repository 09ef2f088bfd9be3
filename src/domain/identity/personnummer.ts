/**
 * Norwegian national identity numbers: fødselsnummer (fnr), D-nummer (dnr) and their synthetic
 * variants. Pure functions, no I/O.
 *
 * Layout: DDMMYY IIICC. D-numbers add 4 to the first digit of the day; Skatteetaten's synthetic
 * numbers ("Test Norge", used in test environments) add 80 to the month, and older NAV test numbers
 * add 40. Synthetic numbers can never belong to a real person, so demo data and tests use only them.
 * Since 2032 numbers may be issued with any valid check digits; we validate with mod-11 (both check
 * digits) as every register does today.
 */
import { mod11, toDigits } from './mod11.ts';

export type IdentKind = 'FNR' | 'DNR';

interface ParsedIdent {
  kind: IdentKind;
  /** True for Test Norge (+80 month) and NAV test (+40 month) numbers. */
  synthetic: boolean;
  birthDate: string; // YYYY-MM-DD
}

const W1 = [3, 7, 6, 1, 8, 9, 4, 5, 2];
const W2 = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];

export function checkDigits(first9: string): string | undefined {
  const d = toDigits(first9);
  if (!d || d.length !== 9) return undefined;
  const k1 = mod11(d, W1);
  if (k1 === undefined) return undefined;
  const k2 = mod11([...d, k1], W2);
  if (k2 === undefined) return undefined;
  return `${k1}${k2}`;
}

/** Century from the individual number (digits 7–9) and the two-digit year, per Skatteetaten. */
function century(individ: number, yy: number): number | undefined {
  if (individ <= 499) return 1900;
  if (individ <= 749 && yy >= 54) return 1800;
  if (individ >= 900 && yy >= 40) return 1900;
  if (individ >= 500 && yy <= 39) return 2000;
  return undefined;
}

function isValidDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d <= days;
}

/** Parses and validates an 11-digit fnr or dnr; undefined when it is not a valid number. */
export function parseIdent(value: string): ParsedIdent | undefined {
  if (value.length !== 11) return undefined;
  const digits = toDigits(value);
  if (!digits) return undefined;
  if (checkDigits(value.slice(0, 9)) !== value.slice(9)) return undefined;
  let day = digits[0] * 10 + digits[1];
  let month = digits[2] * 10 + digits[3];
  const yy = digits[4] * 10 + digits[5];
  const individ = digits[6] * 100 + digits[7] * 10 + digits[8];
  let kind: IdentKind = 'FNR';
  if (day > 40) {
    kind = 'DNR';
    day -= 40;
  }
  let synthetic = false;
  if (month > 80) {
    synthetic = true;
    month -= 80;
  } else if (month > 40) {
    synthetic = true;
    month -= 40;
  }
  const c = century(individ, yy);
  if (c === undefined) return undefined;
  const year = c + yy;
  if (!isValidDate(year, month, day)) return undefined;
  const birthDate = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return { kind, synthetic, birthDate };
}

export function isValidFnr(value: string): boolean {
  return parseIdent(value)?.kind === 'FNR';
}

export function isValidDnr(value: string): boolean {
  return parseIdent(value)?.kind === 'DNR';
}

/**
 * Builds a synthetic (Test Norge, month + 80) identity number for a birth date and individual
 * number, or undefined when that individual number has no valid check digits (try the next one).
 */
export function makeSyntheticIdent(birthDate: string, individ: number, kind: IdentKind = 'FNR'): string | undefined {
  const [y, m, d] = birthDate.split('-').map(Number);
  const day = kind === 'DNR' ? d + 40 : d;
  const first9 = `${pad2(day)}${pad2(m + 80)}${pad2(y % 100)}${String(individ).padStart(3, '0')}`;
  const cc = checkDigits(first9);
  if (cc === undefined) return undefined;
  const ident = first9 + cc;
  return parseIdent(ident)?.birthDate === birthDate ? ident : undefined;
}

/** Individual-number range that gives the right century for a birth year. */
export function individRange(year: number): [number, number] {
  if (year >= 2000) return [500, 999];
  if (year < 1900) return [500, 749];
  return [0, 499];
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}
