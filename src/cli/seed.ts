/**
 * Loads the synthetic population into a store. Resources are written in transactions of a few
 * hundred, with their fixed ids, and validated like any other write, so a seeded store is also a
 * check that the generator produces valid FHIR. Re-running with the same seed changes nothing.
 */
import type { Config } from '../config.ts';
import { hasErrors, isFhirError } from '../fhir/outcome.ts';
import type { Validator } from '../fhir/validation/index.ts';
import { getValidator, openStore } from '../server.ts';
import type { Database } from '../store/database.ts';
import type { FhirResource, Repository } from '../store/repository.ts';
import { createRepository } from '../store/sql-repository.ts';
import { generatePopulation } from '../synthetic/index.ts';

const BATCH = 250;

export interface SeedOptions {
  seed: number;
  patients: number;
  onProgress?: (written: number) => void;
}

export async function seedStore(config: Config, options: SeedOptions): Promise<number> {
  const db = await openStore(config);
  try {
    const started = Date.now();
    const written = await seedDatabase(db, await getValidator(), { ...options, onProgress: (n) => process.stdout.write(`\r${n} resources`) });
    console.log(`\rSeeded ${written} resources (seed ${options.seed}, ${options.patients} patients) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return written;
  } finally {
    await db.close();
  }
}

export async function seedDatabase(db: Database, validator: Validator, options: SeedOptions): Promise<number> {
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
    options.onProgress?.(written);
  };
  for (const resource of generatePopulation({ seed: options.seed, patients: options.patients })) {
    batch.push(resource as FhirResource);
    if (batch.length >= BATCH) await flush();
  }
  if (batch.length) await flush();
  // Fresh statistics let the planner pick index plans for searches on the new data.
  await db.exec('ANALYZE');
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
