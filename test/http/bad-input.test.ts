/**
 * A corpus of broken requests. Each must be answered with an OperationOutcome and the right 4xx
 * status, and none may write anything.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { InjectOptions } from 'fastify';
import { startTestServer, type TestServer } from '../support/runtime.ts';

const FHIR = { 'content-type': 'application/fhir+json' };
const deep = (n: number) => '{"resourceType":"Patient","extension":' + '['.repeat(n) + ']'.repeat(n) + '}';

interface Case { name: string; request: InjectOptions; status: number }

const corpus: Case[] = [
  { name: 'malformed JSON', request: { method: 'POST', url: '/fhir/Patient', headers: FHIR, payload: '{"resourceType": "Patient",' }, status: 400 },
  { name: 'empty body', request: { method: 'POST', url: '/fhir/Patient', headers: FHIR, payload: '' }, status: 400 },
  { name: 'JSON array body', request: { method: 'POST', url: '/fhir/Patient', headers: FHIR, payload: '[]' }, status: 400 },
  { name: 'JSON string body', request: { method: 'POST', url: '/fhir/Patient', headers: FHIR, payload: '"Patient"' }, status: 400 },
  { name: 'null body', request: { method: 'POST', url: '/fhir/Patient', headers: FHIR, payload: 'null' }, status: 400 },
  { name: 'missing resourceType', request: { method: 'POST', url: '/fhir/Patient', headers: FHIR, payload: '{"name":[]}' }, status: 400 },
  { name: 'wrong resourceType for URL', request: { method: 'POST', url: '/fhir/Patient', headers: FHIR, payload: '{"resourceType":"Observation"}' }, status: 400 },
  { name: 'unknown resource type', request: { method: 'POST', url: '/fhir/Pasient', headers: FHIR, payload: '{"resourceType":"Pasient"}' }, status: 404 },
  { name: 'unknown type on read', request: { method: 'GET', url: '/fhir/Nonsense/1' }, status: 404 },
  { name: 'unknown element', request: { method: 'POST', url: '/fhir/Patient', headers: FHIR, payload: '{"resourceType":"Patient","colour":"blue"}' }, status: 422 },
  { name: 'wrong primitive type', request: { method: 'POST', url: '/fhir/Patient', headers: FHIR, payload: '{"resourceType":"Patient","active":"yes"}' }, status: 422 },
  { name: 'bad code', request: { method: 'POST', url: '/fhir/Patient', headers: FHIR, payload: '{"resourceType":"Patient","gender":"robot"}' }, status: 422 },
  { name: 'bad date', request: { method: 'POST', url: '/fhir/Patient', headers: FHIR, payload: '{"resourceType":"Patient","birthDate":"1990-13-45"}' }, status: 422 },
  { name: 'nesting over the limit', request: { method: 'POST', url: '/fhir/Patient', headers: FHIR, payload: deep(200) }, status: 400 },
  { name: 'body over the size limit', request: { method: 'POST', url: '/fhir/Patient', headers: FHIR, payload: `{"resourceType":"Patient","x":"${'a'.repeat(5 * 1024 * 1024)}"}` }, status: 413 },
  { name: 'XML body', request: { method: 'POST', url: '/fhir/Patient', headers: { 'content-type': 'application/fhir+xml' }, payload: '<Patient/>' }, status: 415 },
  { name: 'text body', request: { method: 'POST', url: '/fhir/Patient', headers: { 'content-type': 'text/plain' }, payload: 'hello' }, status: 415 },
  { name: 'invalid id in URL', request: { method: 'GET', url: '/fhir/Patient/bad_id!' }, status: 400 },
  { name: 'too long id in URL', request: { method: 'GET', url: `/fhir/Patient/${'a'.repeat(65)}` }, status: 400 },
  { name: 'invalid id in body', request: { method: 'PUT', url: '/fhir/Patient/a1', headers: FHIR, payload: '{"resourceType":"Patient","id":"a 1"}' }, status: 400 },
  { name: 'numeric id in body', request: { method: 'PUT', url: '/fhir/Patient/a1', headers: FHIR, payload: '{"resourceType":"Patient","id":1}' }, status: 400 },
  { name: 'update without id', request: { method: 'PUT', url: '/fhir/Patient/a1', headers: FHIR, payload: '{"resourceType":"Patient"}' }, status: 400 },
  { name: 'bad If-Match', request: { method: 'PUT', url: '/fhir/Patient/a1', headers: { ...FHIR, 'if-match': 'banana' }, payload: '{"resourceType":"Patient","id":"a1"}' }, status: 400 },
  { name: 'bad version id', request: { method: 'GET', url: '/fhir/Patient/a1/_history/x' }, status: 400 },
  { name: 'NUL in a JSON string', request: { method: 'POST', url: '/fhir/Patient', headers: FHIR, payload: '{"resourceType":"Patient","name":[{"family":"a\\u0000b"}]}' }, status: 400 },
  { name: 'NUL in a search value', request: { method: 'GET', url: '/fhir/Patient?identifier=a%00b' }, status: 400 },
  { name: 'NUL in a form-encoded search', request: { method: 'POST', url: '/fhir/Patient/_search', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'name=a%00b' }, status: 400 },
  { name: 'NUL in a logical patient reference', request: { method: 'POST', url: '/fhir/QuestionnaireResponse/$dry-run', headers: FHIR, payload: '{"resourceType":"QuestionnaireResponse","status":"completed","subject":{"identifier":{"system":"urn:oid:2.16.578.1.12.4.1.4.1","value":"0101\\u000080"}}}' }, status: 400 },
  { name: '$validate with parameters that are not a list', request: { method: 'POST', url: '/fhir/Observation/$validate', headers: FHIR, payload: '{"resourceType":"Parameters","parameter":"x"}' }, status: 400 },
  { name: 'search parameter without a value', request: { method: 'GET', url: '/fhir/Patient?_lastUpdated=' }, status: 400 },
  { name: 'number with hundreds of decimals', request: { method: 'GET', url: `/fhir/Observation?value-quantity=0.${'1'.repeat(400)}` }, status: 400 },
  { name: 'unknown search parameter', request: { method: 'GET', url: '/fhir/Patient?favourite-colour=blue' }, status: 400 },
  { name: 'bad search date', request: { method: 'GET', url: '/fhir/Patient?birthdate=yesterday' }, status: 400 },
  { name: 'bad search prefix', request: { method: 'GET', url: '/fhir/Patient?birthdate=xx2020' }, status: 400 },
  { name: 'bad _count', request: { method: 'GET', url: '/fhir/Patient?_count=-1' }, status: 400 },
  { name: 'unknown modifier', request: { method: 'GET', url: '/fhir/Patient?name:sounds-like=x' }, status: 400 },
  { name: 'bad _since', request: { method: 'GET', url: '/fhir/_history?_since=soon' }, status: 400 },
  { name: 'bundle of wrong type', request: { method: 'POST', url: '/fhir', headers: FHIR, payload: '{"resourceType":"Bundle","type":"collection"}' }, status: 400 },
  { name: 'not a bundle at base', request: { method: 'POST', url: '/fhir', headers: FHIR, payload: '{"resourceType":"Patient"}' }, status: 400 },
  { name: 'transaction entry without request', request: { method: 'POST', url: '/fhir', headers: FHIR, payload: '{"resourceType":"Bundle","type":"transaction","entry":[{"resource":{"resourceType":"Patient"}}]}' }, status: 400 },
  { name: 'transaction with an invalid entry', request: { method: 'POST', url: '/fhir', headers: FHIR, payload: JSON.stringify({ resourceType: 'Bundle', type: 'transaction', entry: [
    { resource: { resourceType: 'Patient' }, request: { method: 'POST', url: 'Patient' } },
    { resource: { resourceType: 'Patient', gender: 'robot' }, request: { method: 'POST', url: 'Patient' } },
  ] }) }, status: 422 },
  { name: 'transaction with a dangling urn:uuid', request: { method: 'POST', url: '/fhir', headers: FHIR, payload: JSON.stringify({ resourceType: 'Bundle', type: 'transaction', entry: [
    { resource: { resourceType: 'Patient', generalPractitioner: [{ reference: 'urn:uuid:0a6f0d1e-0000-4000-8000-000000000000' }] }, request: { method: 'POST', url: 'Patient' } },
  ] }) }, status: 400 },
  { name: 'PATCH of an unknown resource', request: { method: 'PATCH', url: '/fhir/Patient/a1', headers: { 'content-type': 'application/json-patch+json' }, payload: '{"op":"add"}' }, status: 404 },
  { name: 'unknown route', request: { method: 'GET', url: '/fhir/Patient/a1/extra/path/here' }, status: 404 },
  { name: 'unsupported method on instance', request: { method: 'POST', url: '/fhir/Patient/a1' }, status: 404 },
];

describe('broken requests', () => {
  let s: TestServer;
  before(async () => {
    s = await startTestServer('pglite');
  });
  after(() => s.close());

  const countRows = async () => {
    const r = await s.t.db.query<{ n: string }>('SELECT (SELECT count(*) FROM resource_history) + (SELECT count(*) FROM sp_token) AS n');
    return Number(r.rows[0].n);
  };

  for (const c of corpus) {
    it(`${c.name} → ${c.status} with an OperationOutcome, nothing written`, async () => {
      const before = await countRows();
      const res = await s.app.inject(c.request);
      assert.equal(res.statusCode, c.status, res.body.slice(0, 300));
      const body = JSON.parse(res.body);
      assert.equal(body.resourceType, 'OperationOutcome');
      assert.ok(body.issue.length > 0 && body.issue.every((i: { severity: string }) => i.severity === 'error' || i.severity === 'fatal'));
      assert.equal(await countRows(), before);
    });
  }

  it('never answers a client error with a 500, even for random garbage', async () => {
    let seed = 42;
    const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    const pieces = ['{', '}', '[', ']', '"resourceType"', ':', '"Patient"', ',', '"id"', '"x"', 'null', '1', '"name"', '"\\u0000"', '"extension"'];
    for (let i = 0; i < 300; i++) {
      const payload = Array.from({ length: 1 + Math.floor(rnd() * 20) }, () => pieces[Math.floor(rnd() * pieces.length)]).join('');
      const res = await s.app.inject({ method: 'POST', url: '/fhir/Patient', headers: FHIR, payload });
      assert.ok(res.statusCode < 500, `${payload} gave ${res.statusCode}: ${res.body.slice(0, 200)}`);
    }
  });
});
