/**
 * Loads the synthetic population into a store (src/store/bulk-load.ts): written with their fixed
 * ids, in transactions of a few hundred, and validated like any other write, so a seeded store is also a
 * check that the generator produces valid FHIR. Re-running with the same seed changes nothing.
 */
import type { Config } from '../config.ts';
import type { Validator } from '../fhir/validation/index.ts';
import { getValidator, openStore } from '../server.ts';
import type { Database } from '../store/database.ts';
import { bulkLoad } from '../store/bulk-load.ts';
import type { FhirResource } from '../store/repository.ts';
import { generatePopulation } from '../synthetic/index.ts';

interface SeedOptions {
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
  const population = generatePopulation({ seed: options.seed, patients: options.patients }) as Iterable<FhirResource>;
  const written = await bulkLoad(db, validator, population, options.onProgress);
  // Fresh statistics let the planner pick index plans for searches on the new data.
  await db.exec('ANALYZE');
  return written;
}
