import type { Config } from '../config.ts';
import { createRuntime } from '../server.ts';
import { expireSykmeldinger } from '../sykmelding/status.ts';
import { markOverdue, rerouteOpenRequests } from '../dialog/jobs.ts';
import { runAapTransitions } from '../dialog/aap.ts';
import { demoPersonas } from '../synthetic/index.ts';
import { seedDatabase } from './seed.ts';
import { publicRootOf } from '../auth/web-clients.ts';

const EXPIRY_INTERVAL_MS = 6 * 60 * 60 * 1000;
/** The dialogue's job: hourly, so a request turns overdue (and a GP change reroutes) within the hour. */
const DIALOG_INTERVAL_MS = 60 * 60 * 1000;

/** What every store holds from the start (the implementation guide, code lists): not data of its own. */
const CONFORMANCE_TYPES = ['Questionnaire', 'StructureDefinition', 'CodeSystem', 'ValueSet', 'ConceptMap', 'OperationDefinition', 'SearchParameter', 'CompartmentDefinition', 'CapabilityStatement', 'ImplementationGuide'];

export async function serve(config: Config, options: { seed?: number; patients: number }): Promise<void> {
  const runtime = await createRuntime(config);
  const log = runtime.app.log;
  if (options.seed !== undefined) {
    // Only a store without data of its own gets the demo population: never on top of imported registries or people.
    const existing = await runtime.db.query('SELECT 1 FROM resource WHERE resource_type <> ALL($1::text[]) LIMIT 1', [CONFORMANCE_TYPES]);
    if (existing.rows.length === 0) {
      log.info({ seed: options.seed, patients: options.patients }, 'empty store: loading the synthetic demo population');
      const n = await seedDatabase(runtime.db, runtime.validator, { seed: options.seed, patients: options.patients });
      log.info({ resources: n }, 'demo population loaded');
    }
  }
  const address = await runtime.app.listen({ host: config.host, port: config.port });
  const store = config.databaseUrl ? 'PostgreSQL' : `PGlite in ${config.dataDir}`;
  console.log(`Helsebro FHIR server listening on ${address}/fhir (store: ${store})`);
  if (config.auth.mode === 'insecure-dev') console.log('WARNING: --insecure-dev: every request is accepted without a token. Never use this with real data.');
  if (config.auth.mode === 'builtin' && !config.publicBaseUrl && (config.port === 0 || ['0.0.0.0', '::'].includes(config.host))) {
    log.warn({ issuer: runtime.auth.issuer }, 'the authorisation server is named after --host/--port, which clients cannot reach: set HELSEBRO_BASE_URL');
  }
  if (config.auth.mode === 'builtin' && options.seed !== undefined) printDemoUsers(options.seed, options.patients);
  // The same condition as the sandbox's routes (src/http/app.ts); production refuses builtin mode anyway.
  if (config.auth.mode === 'builtin' && config.environment !== 'production') {
    console.log(`EHR sandbox (launch the doctor's app as an EHR would): ${publicRootOf(runtime.auth.fhirBase)}/sandbox/`);
  }
  const expire = () => expireSykmeldinger(runtime.service, new Date())
    .then((ids) => ids.length && log.info({ expired: ids.length }, 'expired unused sykmeldinger'))
    .catch((err: unknown) => log.error({ err }, 'sykmelding expiry failed'));
  void expire();
  setInterval(() => void expire(), EXPIRY_INTERVAL_MS).unref();
  const dialog = async () => {
    try {
      const now = new Date();
      const { overdue, reminders } = await markOverdue(runtime.service, now);
      const moved = await rerouteOpenRequests(runtime.service, now);
      const aap = (await runAapTransitions(runtime.service, now)).filter((r) => r.created || r.updated);
      if (overdue.length || moved.length || aap.length) log.info({ overdue: overdue.length, reminders: reminders.length, rerouted: moved.length, aap: aap.length }, 'dialogue job');
    } catch (err) {
      log.error({ err }, 'dialogue job failed');
    }
  };
  void dialog();
  setInterval(() => void dialog(), DIALOG_INTERVAL_MS).unref();
  const health = runtime.terminology.status().filter((l) => !l.loaded);
  if (health.length) log.warn({ missing: health.map((l) => l.id) }, "diagnosis code lists not loaded: the rules check only the code system (run 'helsebro terminology import')");
  const stop = async (signal: string) => {
    log.info({ signal }, 'shutting down');
    await runtime.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

/** Who to sign in as in the demo population (built-in authorisation server). */
function printDemoUsers(seed: number, patients: number): void {
  const p = demoPersonas({ seed, patients });
  const lines = [
    p.gps[0] && `  doctor (GP):      --as hpr:${p.gps[0].identifier}  (${p.gps[0].label})`,
    p.patientWithFastlege && `  citizen:          --as pid:${p.patientWithFastlege.identifier}  (${p.patientWithFastlege.label})`,
    p.employer && `  employer:         --as orgnr:${p.employer.identifier}  (${p.employer.label})`,
    '  NAV caseworker:   --as nav:Z990001',
  ].filter(Boolean);
  console.log(`Every /fhir request needs a bearer token. Demo users:\n${lines.join('\n')}\nExample: TOKEN=$(npx helsebro token --as hpr:${p.gps[0]?.identifier ?? '…'}) && curl -H "Authorization: Bearer $TOKEN" <base>/fhir/Patient`);
}
