/**
 * Wires the running server: opens the store, migrates it, loads the implementation guide and
 * builds the app. Used by `helsebro serve`, the tests and the benchmarks.
 */
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { Config } from './config.ts';
import { createValidator, type Validator } from './fhir/validation/index.ts';
import { buildApp } from './http/app.ts';
import { FhirService } from './service/fhir-service.ts';
import { loadImplementationGuide } from './service/implementation-guide.ts';
import { WRITE_HOOKS } from './service/write-hooks.ts';
import { openDatabase, type Database } from './store/database.ts';
import { migrate } from './store/migrate.ts';
import { createRepository } from './store/sql-repository.ts';

export const VERSION: string = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

export interface Runtime {
  config: Config;
  db: Database;
  validator: Validator;
  service: FhirService;
  app: FastifyInstance;
  close(): Promise<void>;
}

let sharedValidator: Promise<Validator> | undefined;

/** The validator's definitions are large and immutable, so one process loads them once. */
export function getValidator(): Promise<Validator> {
  sharedValidator ??= createValidator();
  return sharedValidator as Promise<Validator>;
}

export async function openStore(config: Config): Promise<Database> {
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: config.poolSize });
  await migrate(db);
  return db;
}

export async function createRuntime(config: Config, options: { db?: Database; logger?: boolean | Record<string, unknown> } = {}): Promise<Runtime> {
  const db = options.db ?? (await openStore(config));
  const validator = await getValidator();
  const service = new FhirService({
    repo: createRepository(db),
    validator,
    refuseSyntheticIdentities: config.environment === 'production',
    hooks: WRITE_HOOKS,
  });
  await loadImplementationGuide(service);
  const app = await buildApp({ config, db, validator, service, version: VERSION, logger: options.logger });
  return {
    config, db, validator, service, app,
    async close() {
      await app.close();
      if (!options.db) await db.close();
    },
  };
}
