/**
 * Whether a caller may open a launch context (POST /auth/launch) for a patient: the context is
 * granted from what the hub knows, never taken on the caller's word. An EHR system registers the
 * consultations it runs (any patient in the hub). A doctor may launch for a patient they have a
 * relationship with: on their GP list or registered by them (the Patient is in their own view),
 * a sykmelding they wrote about the patient, or an Encounter naming them as participant (the
 * consultation the EHR registered). Anyone else opens no launch.
 */
import type { Principal } from '../access/principal.ts';
import { forbidden, notFound } from '../fhir/outcome.ts';
import type { FhirService } from './fhir-service.ts';

const PATIENT_ID = /^[A-Za-z0-9\-.]{1,64}$/;

/**
 * Returns the relationship found. A system gets 404 for an unknown patient; a doctor gets the same
 * 403 whether the patient is unknown or not theirs, so the answer tells nothing about who exists.
 */
export async function requireLaunchRelationship(service: FhirService, principal: Principal, patientId: string): Promise<string> {
  if (principal.role !== 'doctor' && principal.role !== 'system' && principal.role !== 'dev') throw forbidden('Only a doctor’s EHR or a system can create a launch context');
  const known = PATIENT_ID.test(patientId);
  if (principal.role !== 'doctor') {
    if (!known || !(await service.exists('Patient', `_id=${patientId}`))) throw notFound(`No Patient/${patientId.slice(0, 64)}`);
    return 'ehr-system';
  }
  const refused = forbidden(`You have no relationship the hub knows of (GP list, a consultation, a sykmelding you wrote) with Patient/${patientId.slice(0, 64)}: the EHR must register the consultation`);
  if (!known || !principal.fhirUser) throw refused;
  // The doctor's own view without any launch: their GP list, the Patients they registered, what they wrote.
  const own = service.forPrincipal({ ...principal, patient: undefined });
  if (await own.exists('Patient', `_id=${patientId}`)) return 'gp-list-or-registered';
  if (await own.exists('QuestionnaireResponse', `subject=Patient/${patientId}&author=${principal.fhirUser}`)) return 'author';
  if (await service.exists('Encounter', `subject=Patient/${patientId}&participant=${principal.fhirUser}`)) return 'encounter';
  throw refused;
}
