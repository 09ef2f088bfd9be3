/** The Patient compartment (src/fhir/compartment.ts) as the `compartment_param` table access conditions join. */
import { patientCompartment } from '../fhir/compartment.ts';
import type { Database } from './database.ts';

export async function storeCompartment(db: Database): Promise<void> {
  const types: string[] = [];
  const params: string[] = [];
  for (const [type, list] of patientCompartment()) for (const param of list) {
    types.push(type);
    params.push(param);
  }
  await db.query('INSERT INTO compartment_param (resource_type, param) SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT DO NOTHING', [types, params]);
}
