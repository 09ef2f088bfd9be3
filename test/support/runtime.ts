/**
 * Starts a full Helsebro runtime (real app, real store) on a fresh test database. Its log is off;
 * HELSEBRO_TEST_LOG=error (or another pino level) shows it, e.g. the cause behind a 500.
 */
import type { FastifyInstance, InjectOptions } from 'fastify';
import { DEFAULTS, type Config } from '../../src/config.ts';
import { createRuntime, type Runtime, type RuntimeOptions } from '../../src/server.ts';
import { createTestDatabase, type Dialect, type TestDatabase } from './databases.ts';

export interface TestServer {
  runtime: Runtime;
  app: FastifyInstance;
  t: TestDatabase;
  close(): Promise<void>;
  /** app.inject with FHIR JSON defaults; `json` is the parsed body. */
  request(options: InjectOptions & { body?: unknown }): Promise<{ status: number; headers: Record<string, unknown>; json: any; text: string }>;
}

export async function startTestServer(dialect: Dialect, overrides: Partial<Config> = {}, options: Pick<RuntimeOptions, 'now'> = {}): Promise<TestServer> {
  const t = await createTestDatabase(dialect, { statementTimeout: overrides.statementTimeout });
  // Tests of the FHIR foundation run without authentication; auth tests pass `auth` explicitly.
  const config: Config = { ...DEFAULTS, environment: 'test', publicBaseUrl: 'http://helsebro.test/fhir', auth: { ...DEFAULTS.auth, mode: 'insecure-dev' }, rateLimitPerMinute: 0, ...overrides };
  const runtime = await createRuntime(config, { db: t.db, logger: process.env.HELSEBRO_TEST_LOG ? { level: process.env.HELSEBRO_TEST_LOG } : false, ...options });
  return {
    runtime,
    app: runtime.app,
    t,
    async close() {
      await runtime.close();
      await t.drop();
    },
    async request(options) {
      const { body, ...rest } = options;
      const headers: Record<string, string> = { ...(rest.headers as Record<string, string>) };
      let payload = rest.payload;
      if (body !== undefined) {
        payload = typeof body === 'string' ? body : JSON.stringify(body);
        headers['content-type'] ??= 'application/fhir+json';
      }
      const res = await runtime.app.inject({ ...rest, headers, payload });
      let json: unknown;
      try {
        json = res.body ? JSON.parse(res.body) : undefined;
      } catch {
        json = undefined;
      }
      return { status: res.statusCode, headers: res.headers, json, text: res.body };
    },
  };
}

/**
 * What an EHR does when a doctor sees a patient outside their GP list: it registers the consultation
 * (an Encounter naming the doctor as participant), which lets the doctor open a launch for them.
 */
export async function registerConsultation(runtime: Runtime, doctor: string, patientId: string): Promise<string> {
  const hpr = doctor.replace(/^hpr:/, '');
  const practitioner = await runtime.service.findSingle('Practitioner', `identifier=urn:oid:2.16.578.1.12.4.1.4.4|${hpr}`, 'consultation');
  if (!practitioner) throw new Error(`No Practitioner with HPR number ${hpr}`);
  const encounter = await runtime.service.create('Encounter', {
    resourceType: 'Encounter',
    status: 'in-progress',
    class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB' },
    subject: { reference: `Patient/${patientId}` },
    participant: [{ individual: { reference: `Practitioner/${practitioner.id}` } }],
  });
  return encounter.stored.id;
}

/** A search as the token's holder, which must answer 200: the matches and includes as `Type/id`, in the Bundle's order. */
export async function searchRefs(s: TestServer, url: string, token: string): Promise<string[]> {
  const res = await s.request({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
  if (res.status !== 200) throw new Error(`${url}: ${res.status} ${res.text.slice(0, 300)}`);
  return ((res.json.entry ?? []) as Array<{ resource: { resourceType: string; id: string } }>).map((e) => `${e.resource.resourceType}/${e.resource.id}`);
}

/** Creates a resource, which must answer 201, and gives its `Type/id`. */
export async function createRef(s: TestServer, body: Record<string, unknown>): Promise<string> {
  const res = await s.request({ method: 'POST', url: `/fhir/${String(body.resourceType)}`, body });
  if (res.status !== 201) throw new Error(`POST ${String(body.resourceType)}: ${res.status} ${res.text.slice(0, 300)}`);
  return `${String(body.resourceType)}/${String(res.json.id)}`;
}
