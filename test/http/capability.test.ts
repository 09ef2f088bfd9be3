/**
 * The CapabilityStatement tells the truth: it is valid FHIR (no empty arrays), names how to
 * authenticate, lists per type only the interactions that work, and every OperationDefinition and
 * the implementation guide it names are served. Every conformance resource in fhir/ is valid.
 */
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DEFAULTS } from '../../src/config.ts';
import { seedDatabase } from '../../src/cli/seed.ts';
import { DEFAULT_IG_DIR } from '../../src/fhir/validation/index.ts';
import { hprNumber } from '../../src/synthetic/population.ts';
import { startTestServer, type TestServer } from '../support/runtime.ts';

const SEED = 3;

/** Paths of arrays with nothing in them (FHIR JSON forbids them). */
function emptyArrays(value: unknown, path = ''): string[] {
  if (Array.isArray(value)) return value.length === 0 ? [path] : value.flatMap((v, i) => emptyArrays(v, `${path}[${i}]`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => emptyArrays(v, path ? `${path}.${k}` : k));
  return [];
}

const errors = (issues: Array<{ severity: string; diagnostics?: string; expression?: string[] }>) =>
  issues.filter((i) => i.severity === 'error' || i.severity === 'fatal').map((i) => `${i.expression?.[0] ?? ''}: ${i.diagnostics ?? ''}`);

describe('CapabilityStatement', () => {
  let s: TestServer;
  let token: string;
  let statement: any;
  const get = (url: string) => s.request({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });

  before(async () => {
    s = await startTestServer('pglite', { auth: { ...DEFAULTS.auth, mode: 'builtin' } });
    await seedDatabase(s.t.db, s.runtime.validator, { seed: SEED, patients: 5 });
    token = await s.runtime.auth.tokenFor(`hpr:${hprNumber(SEED, 0)}`);
    statement = (await s.request({ method: 'GET', url: '/fhir/metadata' })).json;
  });
  after(() => s.close());

  it('is valid FHIR by the server\'s own validator, with no empty arrays', () => {
    assert.equal(statement.resourceType, 'CapabilityStatement');
    assert.deepEqual(emptyArrays(statement), []);
    assert.deepEqual(errors(s.runtime.validator.validate(statement) as any), []);
  });

  it('says how to authenticate: SMART on FHIR with the authorize and token endpoints', async () => {
    const security = statement.rest[0].security;
    assert.equal(security.service[0].coding[0].code, 'SMART-on-FHIR');
    assert.equal(security.service[0].coding[0].system, 'http://terminology.hl7.org/CodeSystem/restful-security-service');
    const uris = security.extension.find((e: any) => e.url === 'http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris');
    const smart = (await s.request({ method: 'GET', url: '/fhir/.well-known/smart-configuration' })).json;
    assert.equal(uris.extension.find((e: any) => e.url === 'authorize').valueUri, smart.authorization_endpoint);
    assert.equal(uris.extension.find((e: any) => e.url === 'token').valueUri, smart.token_endpoint);
  });

  it('lists only read and search for AuditEvent, and a write to it is refused', async () => {
    const audit = statement.rest[0].resource.find((r: any) => r.type === 'AuditEvent');
    assert.deepEqual(audit.interaction.map((i: any) => i.code).sort(), ['read', 'search-type', 'vread']);
    assert.equal(audit.conditionalCreate, undefined);
    const patient = statement.rest[0].resource.find((r: any) => r.type === 'Patient');
    assert.ok(patient.interaction.some((i: any) => i.code === 'create'));
    const write = await s.request({ method: 'POST', url: '/fhir/AuditEvent', headers: { authorization: `Bearer ${token}` }, body: { resourceType: 'AuditEvent' } });
    assert.ok(write.status === 405 || write.status === 403, write.text);
  });

  it('serves every OperationDefinition it names at its URL, matching the operation', async () => {
    const named: Array<{ name: string; definition: string; type?: string }> = [
      ...statement.rest[0].operation.map((o: any) => ({ ...o })),
      ...statement.rest[0].resource.flatMap((r: any) => (r.operation ?? []).map((o: any) => ({ ...o, type: r.type }))),
    ];
    const ours = [...new Map(named.filter((o) => o.definition.startsWith('https://helsebro.no/fhir/')).map((o) => [`${o.type}|${o.definition}`, o])).values()];
    assert.ok(ours.length >= 11, `our operations: ${ours.length}`);
    for (const op of ours) {
      const id = op.definition.slice('https://helsebro.no/fhir/OperationDefinition/'.length);
      const res = await get(`/fhir/OperationDefinition/${id}`);
      assert.equal(res.status, 200, `${op.definition}: ${res.text}`);
      assert.equal(res.json.url, op.definition);
      assert.equal(res.json.code, op.name);
      assert.ok(res.json.resource.includes(op.type), `${op.definition} applies to ${op.type}`);
      const byUrl = await get(`/fhir/OperationDefinition?url=${encodeURIComponent(op.definition)}`);
      assert.equal(byUrl.json.total ?? byUrl.json.entry.length, 1);
    }
    // The HL7 ones are the specification's own, served by hl7.org.
    assert.ok(named.filter((o) => !o.definition.startsWith('https://helsebro.no/fhir/')).every((o) => o.definition.startsWith('http://hl7.org/fhir/OperationDefinition/')));
  });

  it('names our implementation guide, which is served and lists the conformance resources', async () => {
    assert.deepEqual(statement.implementationGuide, ['https://helsebro.no/fhir/ImplementationGuide/helsebro']);
    const ig = await get('/fhir/ImplementationGuide/helsebro');
    assert.equal(ig.status, 200, ig.text);
    assert.equal(ig.json.url, statement.implementationGuide[0]);
    for (const r of ig.json.definition.resource) assert.equal((await get(`/fhir/${r.reference.reference}`)).status, 200, r.reference.reference);
  });

  it('every resource in fhir/ is valid by the server\'s own validator', async () => {
    const files = (await readdir(DEFAULT_IG_DIR)).filter((f) => f.endsWith('.json'));
    assert.ok(files.length >= 17, `files: ${files.length}`);
    for (const file of files) {
      const resource = JSON.parse(await readFile(join(DEFAULT_IG_DIR, file), 'utf8'));
      assert.equal(file, `${resource.resourceType}-${resource.id}.json`, 'a file is named after its resource');
      assert.deepEqual(emptyArrays(resource), [], file);
      assert.deepEqual(errors(s.runtime.validator.validate(resource) as any), [], file);
    }
  });
});
