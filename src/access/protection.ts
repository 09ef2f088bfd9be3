/**
 * Protected address and identity (fortrolig / strengt fortrolig adresse): a Patient carrying the
 * address-protection extension is served to everyone but the patient themselves without address,
 * contact details, contacts and managing organisation, marked with the REDACTED security label.
 */
import { EXT } from '../fhir/helsebro-codes.ts';
import type { Principal } from './principal.ts';
import type { HiddenElements } from '../fhir/search/visibility.ts';
import { searchParamsFor, splitUnion } from '../fhir/search/registry.ts';

/** The elements of a protected Patient that only the patient sees. */
export const HIDDEN = ['address', 'telecom', 'contact', 'managingOrganization', 'photo'] as const;
/** The security label a redacted view carries (never stored: see redaction-merge.ts). */
export const REDACTED = { system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationValue', code: 'REDACTED', display: 'redacted' };

/** Whether the caller sees protected addresses: only the patient (a citizen sees only their own Patients). */
export function seesProtectedData(principal: Principal): boolean {
  return principal.role === 'citizen' || principal.role === 'dev';
}

/** The stored JSON text as this caller may see it (unchanged unless it is a protected Patient). */
export function redactProtected(content: string): string {
  if (!content.includes(EXT.ADRESSEBESKYTTELSE) || !content.startsWith('{"resourceType":"Patient"')) return content;
  const patient = JSON.parse(content) as Record<string, unknown> & { meta?: Record<string, unknown> };
  for (const key of HIDDEN) delete patient[key];
  const meta = patient.meta ?? {};
  meta.security = [...((meta.security as unknown[] | undefined) ?? []), REDACTED];
  patient.meta = meta;
  return JSON.stringify(patient);
}

let hiddenParams: string[] | undefined;

/** The Patient search parameters that read a hidden element (`address-city` reads Patient.address), from the SearchParameter definitions. */
export function hiddenSearchParams(): string[] {
  const reads = new RegExp(`^\\(?Patient\\.(${HIDDEN.join('|')})\\b`);
  hiddenParams ??= [...searchParamsFor('Patient').values()].filter((def) => splitUnion(def.expression).some((path) => reads.test(path))).map((def) => def.code);
  return hiddenParams;
}

/**
 * For a caller who does not see protected data: what redactProtected leaves out is not searchable
 * either. An index row of a hidden parameter on a protected Patient (the same test as above: a
 * Patient carrying the extension) is treated as absent — it matches no value, counts as missing
 * for `:missing`, sorts last and is not followed by `_include`, `_has` or a chain.
 */
export function protectedElements(): HiddenElements {
  return { resourceType: 'Patient', params: hiddenSearchParams(), marker: EXT.ADRESSEBESKYTTELSE };
}
