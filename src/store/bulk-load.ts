/**
 * Writes resources with their fixed ids straight into the store, in transactions of a few hundred,
 * each validated like any other write and none through write hooks or access checks: the server's
 * bulk load of generated data (the synthetic population). Writing the same resources again changes nothing.
 */
import { hasErrors, isFhirError } from '../fhir/outcome.ts';
import type { Validator } from '../fhir/validation/index.ts';
import type { Database } from './database.ts';
import type { FhirResource, Repository } from './repository.ts';
import { createRepository } from './sql-repository.ts';

const BATCH = 250;

/** Loads every resource; `onProgress` hears the running count after each transaction. Returns how many were written. */
export async function bulkLoad(db: Database, validator: Validator, resources: Iterable<FhirResource>, onProgress?: (written: number) => void): Promise<number> {
  const repo = createRepository(db);
  let batch: FhirResource[] = [];
  let written = 0;
  const flush = async () => {
    const items = batch;
    batch = [];
    await repo.withTransaction(async (tx) => {
      for (const resource of items) await writeOne(tx, validator, resource);
    });
    written += items.length;
    onProgress?.(written);
  };
  for (const resource of resources) {
    batch.push(resource);
    if (batch.length >= BATCH) await flush();
  }
  if (batch.length) await flush();
  return written;
}

async function writeOne(repo: Repository, validator: Validator, resource: FhirResource): Promise<void> {
  const issues = validator.validate(resource);
  if (hasErrors(issues)) {
    throw new Error(`Generated ${resource.resourceType}/${resource.id} is invalid: ${issues.map((i) => `${i.expression?.[0] ?? ''} ${i.diagnostics}`).join('; ')}`);
  }
  const id = String(resource.id);
  const existing = await repo.readIfExists(resource.resourceType, id);
  if (!existing) {
    await repo.create(resource, { id });
    return;
  }
  try {
    await repo.update({ ...resource, id });
  } catch (err) {
    if (!isFhirError(err)) throw err;
    throw new Error(`Could not write ${resource.resourceType}/${id}: ${err.message}`, { cause: err });
  }
}
