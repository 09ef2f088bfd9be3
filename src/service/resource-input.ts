/**
 * Checks on a resource body that come before validation: it must be an object of the expected type,
 * and ids must follow the FHIR id rules (https://hl7.org/fhir/R4/datatypes.html#id).
 */
import { badRequest } from '../fhir/outcome.ts';
import type { FhirResource } from '../store/repository.ts';

const FHIR_ID = /^[A-Za-z0-9\-.]{1,64}$/;

export function assertValidId(id: string, what = 'id'): void {
  if (!FHIR_ID.test(id)) throw badRequest(`${what} '${truncate(id)}' is not a valid FHIR id (1–64 of A–Z, a–z, 0–9, '-', '.')`);
}

export function asResource(body: unknown, expectedType?: string): FhirResource {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw badRequest('The body must be a JSON object holding a FHIR resource');
  }
  const resource = body as FhirResource;
  if (typeof resource.resourceType !== 'string') throw badRequest('The resource has no resourceType', 'resourceType');
  if (expectedType && resource.resourceType !== expectedType) {
    throw badRequest(`The body is a ${truncate(resource.resourceType)}, but the URL names ${expectedType}`, 'resourceType');
  }
  if (resource.id !== undefined && (typeof resource.id !== 'string' || !FHIR_ID.test(resource.id))) {
    throw badRequest(`Resource id '${truncate(String(resource.id))}' is not a valid FHIR id`, `${resource.resourceType}.id`);
  }
  return resource;
}

function truncate(value: string, max = 80): string {
  return value.length > max ? `${value.slice(0, max)}…` : value;
}
