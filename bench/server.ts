/**
 * A benchmark server in its own process, so the load generator does not share its event loop. On one
 * store (populated first) it serves four apps, each on its own port:
 * - Helsebro as configured for the throughput figures (`--insecure-dev`, logging silenced);
 * - Helsebro with the built-in authorisation server and the audit log on (the cost of authorisation);
 * - the same with audit records made but not stored: it splits that cost into authorisation
 *   (tokens, scopes, access conditions) and the audit write. It exists only here, to measure with;
 *   the product has no way to serve without storing its audit records;
 * - the ceiling: a bare Fastify app with three routes — a stored JSON document, one primary-key
 *   SELECT, one INSERT — the machine's ceiling for the matching Helsebro interaction, in the same
 *   database.
 * The four share one database handle (PGlite allows one process per data directory), so the load
 * generator can measure a scenario, its ceiling and its authorised twin back to back.
 * Prints one line `READY <port> <authPort> <ceilingPort> <unauditedPort>` on stdout when all four listen.
 */
import Fastify from 'fastify';
import { parseArgs } from 'node:util';
import { writeFileSync } from 'node:fs';
import { DEFAULTS, type Config } from '../src/config.ts';
import { createRuntime, getValidator, openStore } from '../src/server.ts';
import { AuditLog, type AuditEntry } from '../src/audit/audit-log.ts';
import type { Database } from '../src/store/database.ts';
import { createRepository } from '../src/store/sql-repository.ts';
import type { FhirResource } from '../src/store/repository.ts';
import { generatePopulation } from '../src/synthetic/index.ts';
import { observation } from './fixtures.ts';
import { loadOrCreateSigningKey } from '../src/auth/keys.ts';
import { issueToken } from '../src/auth/tokens.ts';
import { fastlegeRoleId, hprNumber, practitionerId } from '../src/synthetic/population.ts';

const { values } = parseArgs({
  options: {
    'database-url': { type: 'string' },
    'data-dir': { type: 'string' },
    patients: { type: 'string', default: '0' },
    'observations-per-patient': { type: 'string', default: '4' },
    samples: { type: 'string' },
    'token-file': { type: 'string' },
  },
});

const config: Config = {
  ...DEFAULTS,
  port: 0,
  logLevel: 'silent',
  environment: 'test',
  databaseUrl: values['database-url'],
  dataDir: values['data-dir'] ?? DEFAULTS.dataDir,
  poolSize: 40,
  // The throughput figures are for the FHIR layer; the second app measures authorisation and audit too.
  auth: { ...DEFAULTS.auth, mode: 'insecure-dev', tokenLifetime: 3600 },
  publicBaseUrl: 'http://127.0.0.1/fhir',
  rateLimitPerMinute: 0,
};

/** Handed every audit entry the real log would be (the auth plugin builds them alike); stores none. */
class UnstoredAuditLog extends AuditLog {
  override record(_entry: AuditEntry): Promise<void> {
    return Promise.resolve();
  }
}

async function populate(db: Database, patients: number, perPatient: number, samplesFile: string): Promise<void> {
  const existing = await db.query<{ n: string }>("SELECT count(*) AS n FROM resource WHERE resource_type = 'Observation'");
  const repo = createRepository(db);
  const samples: Array<{ id: string; fnr: string }> = [];
  const doctors: string[] = [];
  let batch: FhirResource[] = [];
  let total = 0;
  const flush = async () => {
    const items = batch;
    batch = [];
    if (Number(existing.rows[0].n) === 0) {
      await repo.withTransaction(async (tx) => {
        for (const r of items) await tx.create(r, { id: String(r.id) });
      });
    }
    total += items.length;
  };
  let p = 0;
  for (const resource of generatePopulation({ seed: 7, patients })) {
    batch.push(resource as FhirResource);
    if (resource.resourceType === 'Practitioner' && doctors.length < 50 && JSON.stringify(resource.qualification ?? []).includes('"code":"LE"')) doctors.push(String(resource.id));
    if (resource.resourceType === 'Patient') {
      const ident = (resource.identifier as Array<{ value: string }> | undefined)?.[0]?.value ?? '';
      if (samples.length < 2000 && p % 7 === 0) samples.push({ id: String(resource.id), fnr: ident });
      for (let k = 0; k < perPatient; k++) batch.push(observation(String(resource.id), p * perPatient + k) as FhirResource);
      p++;
    }
    if (batch.length >= 500) await flush();
  }
  await flush();
  // As after any bulk load: statistics, visibility map and hint bits set, dirty pages flushed — so
  // the first scenarios do not pay for the load (autovacuum and a checkpoint would run during them).
  await db.exec('VACUUM ANALYZE');
  await db.exec('CHECKPOINT');
  writeFileSync(samplesFile, JSON.stringify({ total, samples, doctors }));
}

async function ceiling(db: Database): Promise<number> {
  await db.exec(`CREATE TABLE IF NOT EXISTS bench_ceiling (id text PRIMARY KEY, content text NOT NULL);
    INSERT INTO bench_ceiling (id, content) VALUES ('doc-1', '{"resourceType":"Patient","id":"doc-1"}') ON CONFLICT DO NOTHING`);
  const doc = (await db.query<{ content: string }>("SELECT content FROM resource WHERE resource_type = 'Patient' LIMIT 1")).rows[0]?.content
    ?? '{"resourceType":"Patient","id":"doc-1"}';
  const app = Fastify({ logger: false });
  // The load generator sends every body as FHIR JSON; the bare app must accept it as Helsebro does,
  // or its INSERT route would answer 415 without touching the database.
  app.addContentTypeParser('application/fhir+json', { parseAs: 'string' }, (_req, body, done) => done(null, body));
  app.get('/static', async (_req, reply) => reply.type('application/fhir+json').send(doc));
  const ids = (await db.query<{ id: string }>("SELECT id FROM resource WHERE resource_type = 'Patient' LIMIT 100")).rows.map((r) => r.id);
  app.get<{ Params: { n: string } }>('/select/:n', async (req, reply) => {
    const id = ids[Number(req.params.n) % Math.max(1, ids.length)] ?? 'none';
    // Named, as Helsebro's own hot statements are: parsed and planned once per connection.
    const r = await db.query<{ content: string }>('SELECT content FROM resource WHERE resource_type = $1 AND id = $2', ['Patient', id], { prepare: 'ceiling-select' });
    return reply.type('application/fhir+json').send(r.rows[0]?.content ?? '{}');
  });
  let n = 0;
  app.post('/insert', async (_req, reply) => {
    const id = `c-${process.pid}-${n++}`;
    await db.query('INSERT INTO bench_ceiling (id, content) VALUES ($1, $2)', [id, doc], { prepare: 'ceiling-insert' });
    return reply.code(201).send('{}');
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  return (app.server.address() as { port: number }).port;
}

async function main() {
  const db = await openStore(config);
  await getValidator();
  if (values.samples) await populate(db, Number(values.patients), Number(values['observations-per-patient']), values.samples);
  const runtime = await createRuntime(config, { db, logger: false });
  const builtin: Config = { ...config, auth: { ...config.auth, mode: 'builtin' } };
  const authorised = await createRuntime(builtin, { db, logger: false });
  const unaudited = await createRuntime(builtin, { db, logger: false, audit: new UnstoredAuditLog(db) });
  if (values['token-file']) {
    // Tokens for the authorised app: a backend system (no row filter: verification, scopes and
    // audit only) and a GP (their GP list's SQL condition on every query too).
    const key = await loadOrCreateSigningKey(db);
    const system = await issueToken(key, { sub: 'client:bench', role: 'system', scope: 'system/*.rs' }, { issuer: authorised.auth.issuer, audience: authorised.auth.audience, lifetime: 3600 });
    const gp = await authorised.auth.tokenFor(`hpr:${hprNumber(7, 0)}`);
    // The patients on that GP's list (directly or through their fastlege role).
    const list = await db.query<{ id: string }>(
      `SELECT DISTINCT g.id FROM sp_reference g WHERE g.resource_type = 'Patient' AND g.param = 'general-practitioner'
        AND ((g.target_type = 'Practitioner' AND g.target_id = $1) OR (g.target_type = 'PractitionerRole' AND g.target_id = $2)) ORDER BY g.id LIMIT 500`,
      [practitionerId(0), fastlegeRoleId(0)],
    );
    writeFileSync(values['token-file'], JSON.stringify({ system, gp, gpPatients: list.rows.map((r) => r.id) }));
  }
  await runtime.app.listen({ host: '127.0.0.1', port: 0 });
  await authorised.app.listen({ host: '127.0.0.1', port: 0 });
  await unaudited.app.listen({ host: '127.0.0.1', port: 0 });
  const ceilingPort = await ceiling(db);
  const port = (app: typeof runtime.app) => (app.server.address() as { port: number }).port;
  console.log(`READY ${port(runtime.app)} ${port(authorised.app)} ${ceilingPort} ${port(unaudited.app)}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
