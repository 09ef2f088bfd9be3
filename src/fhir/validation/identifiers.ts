/**
 * Norwegian identifiers are checked by their system, wherever they stand and whatever profile the
 * resource claims (or none): a Patient's identifier, a Reference's logical identifier
 * (`subject.identifier`), a contained resource's. The checks are the domain's (src/domain/identity).
 */
import { IdentifierSystem, isValidDnr, isValidFnr, isValidHprNumber, isValidOrgnr } from '../../domain/identity/index.ts';
import type { OutcomeIssue } from '../outcome.ts';

/** What a value of each identifier system must be, and how to say it is not. */
const IDENTIFIER_CHECKS: Record<string, { name: string; valid(value: string): boolean; expected: string }> = {
  [IdentifierSystem.FNR]: { name: 'fødselsnummer', valid: isValidFnr, expected: '11 digits with a valid birth date and check digits' },
  [IdentifierSystem.DNR]: { name: 'D-nummer', valid: isValidDnr, expected: '11 digits, the first raised by 4, with valid check digits' },
  [IdentifierSystem.HPR]: { name: 'HPR number', valid: isValidHprNumber, expected: 'up to 9 digits (zero-padded to 10 at most)' },
  [IdentifierSystem.ORGNR]: { name: 'organisasjonsnummer', valid: isValidOrgnr, expected: '9 digits with a mod-11 check digit' },
  [IdentifierSystem.HER]: { name: 'HER-id', valid: (v) => /^[0-9]{1,9}$/.test(v), expected: 'up to 9 digits' },
};

/** Adds an error for every identifier of a known system whose value is not valid for it. */
export function checkIdentifiers(value: unknown, path: string, issues: OutcomeIssue[]): void {
  if (Array.isArray(value)) {
    value.forEach((v, i) => checkIdentifiers(v, `${path}[${i}]`, issues));
    return;
  }
  if (value === null || typeof value !== 'object') return;
  const o = value as Record<string, unknown>;
  const check = typeof o.system === 'string' ? IDENTIFIER_CHECKS[o.system] : undefined;
  if (check && typeof o.value === 'string' && !check.valid(o.value)) {
    issues.push({
      severity: 'error', code: 'value', expression: [path],
      diagnostics: `${path}.value: '${o.value.slice(0, 20)}' is not a valid ${check.name} (${check.expected})`,
    });
  }
  for (const [key, child] of Object.entries(o)) {
    if (child !== null && typeof child === 'object') checkIdentifiers(child, `${path}.${key}`, issues);
  }
}
