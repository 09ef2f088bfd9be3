/**
 * Wires the running server: opens the store, migrates it, loads the implementation guide and
 * builds the app. Used by `helsebro serve`, the tests and the benchmarks.
 */
import { IndexFailureCounter } from './fhir/search/index-failures.ts';
import { VERSION } from './version.ts';
import type { FastifyInstance } from 'fastify';
import { productionProblems, type Config } from './config.ts';
import { createValidator, type Validator } from './fhir/validation/index.ts';
import { buildApp } from './http/app.ts';
import { FhirService } from './service/fhir-service.ts';
import { loadImplementationGuide } from './service/implementation-guide.ts';
import { createWriteHooks, WORKFLOW_OWNERS } from './write-hooks.ts';
import { Terminology } from './terminology/code-lists.ts';
import { loadStoredCodeLists } from './terminology/import.ts';
import { openDatabase, type Database } from './store/database.ts';
import { migrate } from './store/migrate.ts';
import { createRepository } from './store/sql-repository.ts';
import { StatsKeeper } from './store/stats-keeper.ts';
import { AuthService } from './auth/auth-service.ts';
import { AuditLog } from './audit/audit-log.ts';
import { storeCompartment } from './store/compartment-table.ts';


export interface Runtime {
  config: Config;
  db: Database;
  validator: Validator;
  service: FhirService;
  terminology: Terminology;
  auth: AuthService;
  audit: AuditLog;
  /** Search parameter expressions that failed on a write (logged, and counted in /metrics). */
  indexFailures: IndexFailureCounter;
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
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: config.poolSize, statementTimeout: config.statementTimeout });
  await migrate(db);
  return db;
}

export interface RuntimeOptions {
  db?: Database;
  logger?: boolean | Record<string, unknown>;
  /** The clock for intake and the rules' evaluation date; tests fix it. */
  now?: () => Date;
  /** The audit log (by default one writing to this store's audit_log table). */
  audit?: AuditLog;
}

export async function createRuntime(config: Config, options: RuntimeOptions = {}): Promise<Runtime> {
  const problems = productionProblems(config);
  if (problems.length) throw new Error(`Refusing to start in production (HELSEBRO_ENV=production): ${problems.join('; ')}`);
  const db = options.db ?? (await openStore(config));
  const validator = await getValidator();
  const now = options.now ?? (() => new Date());
  const terminology = new Terminology();
  const stats = new StatsKeeper(db);
  const indexFailures = new IndexFailureCounter();
  const service = new FhirService({
    repo: createRepository(db, { onWrite: (type) => stats.recordWrite(type), onIndexFailure: indexFailures.record }),
    validator,
    refuseSyntheticIdentities: config.environment === 'production',
    hooks: createWriteHooks({ now, terminology }),
    workflowOwners: WORKFLOW_OWNERS,
    maxResourceBytes: config.bodyLimit,
  });
  await loadImplementationGuide(service);
  await loadStoredCodeLists(service, terminology);
  await storeCompartment(db);
  const auth = await AuthService.create(config.auth, db, service, fhirBaseUrl(config), now);
  const audit = options.audit ?? new AuditLog(db);
  const app = await buildApp({
    config, db, validator, service, auth, audit, version: VERSION, logger: options.logger,
    operationDeps: { now, terminology, audit, isKnownCode: terminology.isKnownCode },
    capabilityNotes: () => terminology.status().map((l) => (l.loaded
      ? `Code list ${l.id} (${l.url}) loaded: ${l.concepts} codes.`
      : `Code list ${l.id} (${l.url}) is not loaded: the diagnosis rules check only the code system.`)),
    indexFailures,
    health: async () => ({ codeLists: terminology.status().map(({ id, loaded, concepts }) => ({ id, loaded, concepts })) }),
  });
  indexFailures.onFailure = ({ resourceType, param, error }) => app.log.warn({ err: error, resourceType, param }, 'a search parameter expression failed; the version has no index rows for it');
  audit.onProblem = ({ err, entry, stored }) => app.log.error({ err, requestId: entry.requestId, stored },
    stored === 'minimal' ? 'audit row refused; stored without its free text' : 'audit row could not be stored');
  return {
    config, db, validator, service, terminology, auth, audit, indexFailures, app,
    async close() {
      await app.close();
      await stats.idle();
      if (!options.db) await db.close();
    },
  };
}

/** The public FHIR base URL: configured, or this host and port. Tokens name it as their audience. */
function fhirBaseUrl(config: Config): string {
  return config.publicBaseUrl ?? `http://${config.host}:${config.port}/fhir`;
}
