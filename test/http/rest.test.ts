/** The REST interactions through real HTTP requests (inject), on both stores. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DIALECTS } from '../support/databases.ts';
import { startTestServer, type TestServer } from '../support/runtime.ts';

const patient = (family: string, extra: Record<string, unknown> = {}) => ({
  resourceType: 'Patient',
  identifier: [{ system: 'urn:test:pasient', value: `${family.length}` }],
  name: [{ family, given: ['Ola'] }],
  ...extra,
});

for (const dialect of DIALECTS) {
  describe(`FHIR REST on ${dialect}`, () => {
    let s: TestServer;
    before(async () => {
      s = await startTestServer(dialect);
    });
    after(() => s.close());

    it('creates with 201, Location, ETag and Last-Modified, then reads the same resource', async () => {
      const res = await s.request({ method: 'POST', url: '/fhir/Patient', body: patient('Hansen') });
      assert.equal(res.status, 201);
      assert.equal(res.headers['content-type'], 'application/fhir+json; charset=utf-8');
      assert.equal(res.headers.etag, 'W/"1"');
      assert.match(String(res.headers.location), /^http:\/\/helsebro\.test\/fhir\/Patient\/[0-9a-f-]{36}\/_history\/1$/);
      assert.ok(res.headers['last-modified']);
      const read = await s.request({ method: 'GET', url: `/fhir/Patient/${res.json.id}` });
      assert.equal(read.status, 200);
      assert.deepEqual(read.json, res.json);
    });

    it('honours Prefer: return=minimal and return=OperationOutcome', async () => {
      const minimal = await s.request({ method: 'POST', url: '/fhir/Patient', body: patient('Min'), headers: { prefer: 'return=minimal' } });
      assert.equal(minimal.status, 201);
      assert.equal(minimal.text, '');
      assert.ok(minimal.headers.location);
      const oo = await s.request({ method: 'POST', url: '/fhir/Patient', body: patient('Oo'), headers: { prefer: 'return=OperationOutcome' } });
      assert.equal(oo.json.resourceType, 'OperationOutcome');
    });

    it('updates with If-Match and answers 412 on a stale version', async () => {
      const created = (await s.request({ method: 'POST', url: '/fhir/Patient', body: patient('Berg') })).json;
      const ok = await s.request({ method: 'PUT', url: `/fhir/Patient/${created.id}`, headers: { 'if-match': 'W/"1"' }, body: { ...created, gender: 'male' } });
      assert.equal(ok.status, 200);
      assert.equal(ok.json.meta.versionId, '2');
      const stale = await s.request({ method: 'PUT', url: `/fhir/Patient/${created.id}`, headers: { 'if-match': 'W/"1"' }, body: { ...created, gender: 'female' } });
      assert.equal(stale.status, 412);
      assert.equal(stale.json.resourceType, 'OperationOutcome');
    });

    it('creates on update with the client id (201), and refuses an id mismatch (400)', async () => {
      const res = await s.request({ method: 'PUT', url: '/fhir/Patient/my-id-1', body: { ...patient('Put'), id: 'my-id-1' } });
      assert.equal(res.status, 201);
      const mismatch = await s.request({ method: 'PUT', url: '/fhir/Patient/my-id-2', body: { ...patient('Put'), id: 'other' } });
      assert.equal(mismatch.status, 400);
    });

    it('vreads and lists instance, type and system history', async () => {
      const c = (await s.request({ method: 'POST', url: '/fhir/Patient', body: patient('Hist') })).json;
      await s.request({ method: 'PUT', url: `/fhir/Patient/${c.id}`, body: { ...c, active: true } });
      const v1 = await s.request({ method: 'GET', url: `/fhir/Patient/${c.id}/_history/1` });
      assert.equal(v1.status, 200);
      assert.equal(v1.json.active, undefined);
      const h = await s.request({ method: 'GET', url: `/fhir/Patient/${c.id}/_history` });
      assert.equal(h.json.type, 'history');
      assert.equal(h.json.total, 2);
      assert.deepEqual(h.json.entry.map((e: any) => e.request.method), ['PUT', 'POST']);
      const type = await s.request({ method: 'GET', url: '/fhir/Patient/_history?_count=2' });
      assert.equal(type.json.entry.length, 2);
      const all = await s.request({ method: 'GET', url: '/fhir/Patient/_history?_count=1000' });
      assert.equal(type.json.total, all.json.entry.length);
      assert.equal(all.json.total, all.json.entry.length);
      assert.ok(type.json.link.some((l: any) => l.relation === 'next'));
      const system = await s.request({ method: 'GET', url: '/fhir/_history?_count=1' });
      assert.equal(system.json.entry.length, 1);
    });

    it('deletes softly: 204, then 410 on read, history keeps the deletion', async () => {
      const c = (await s.request({ method: 'POST', url: '/fhir/Patient', body: patient('Del') })).json;
      assert.equal((await s.request({ method: 'DELETE', url: `/fhir/Patient/${c.id}` })).status, 204);
      assert.equal((await s.request({ method: 'GET', url: `/fhir/Patient/${c.id}` })).status, 410);
      const h = await s.request({ method: 'GET', url: `/fhir/Patient/${c.id}/_history` });
      assert.equal(h.json.entry[0].request.method, 'DELETE');
      assert.equal(h.json.entry[0].resource, undefined);
    });

    it('patches with JSON Patch and validates the result', async () => {
      const c = (await s.request({ method: 'POST', url: '/fhir/Patient', body: patient('Patch') })).json;
      const ok = await s.request({
        method: 'PATCH', url: `/fhir/Patient/${c.id}`, headers: { 'content-type': 'application/json-patch+json' },
        payload: JSON.stringify([{ op: 'replace', path: '/name/0/family', value: 'Patched' }]),
      });
      assert.equal(ok.status, 200);
      assert.equal(ok.json.name[0].family, 'Patched');
      const bad = await s.request({
        method: 'PATCH', url: `/fhir/Patient/${c.id}`, headers: { 'content-type': 'application/json-patch+json' },
        payload: JSON.stringify([{ op: 'add', path: '/gender', value: 42 }]),
      });
      assert.equal(bad.status, 422);
      const failedTest = await s.request({
        method: 'PATCH', url: `/fhir/Patient/${c.id}`, headers: { 'content-type': 'application/json-patch+json' },
        payload: JSON.stringify([{ op: 'test', path: '/name/0/family', value: 'Nope' }]),
      });
      assert.equal(failedTest.status, 422);
      assert.equal((await s.request({ method: 'GET', url: `/fhir/Patient/${c.id}` })).json.meta.versionId, '2');
    });

    it('conditional create returns the existing match instead of a duplicate', async () => {
      const body = { ...patient('Cond'), identifier: [{ system: 'urn:test', value: 'cond-1' }] };
      const first = await s.request({ method: 'POST', url: '/fhir/Patient', body, headers: { 'if-none-exist': 'identifier=urn:test|cond-1' } });
      assert.equal(first.status, 201);
      const second = await s.request({ method: 'POST', url: '/fhir/Patient', body, headers: { 'if-none-exist': 'identifier=urn:test|cond-1' } });
      assert.equal(second.status, 200);
      assert.equal(second.json.id, first.json.id);
    });

    it('conditional update creates, then updates the single match; conditional delete removes it', async () => {
      const body = { ...patient('CondUp'), identifier: [{ system: 'urn:test', value: 'cu-1' }] };
      const created = await s.request({ method: 'PUT', url: '/fhir/Patient?identifier=urn:test|cu-1', body });
      assert.equal(created.status, 201);
      const updated = await s.request({ method: 'PUT', url: '/fhir/Patient?identifier=urn:test|cu-1', body: { ...body, active: false } });
      assert.equal(updated.status, 200);
      assert.equal(updated.json.id, created.json.id);
      assert.equal(updated.json.meta.versionId, '2');
      const del = await s.request({ method: 'DELETE', url: '/fhir/Patient?identifier=urn:test|cu-1' });
      assert.equal(del.status, 204);
      assert.equal((await s.request({ method: 'GET', url: `/fhir/Patient/${created.json.id}` })).status, 410);
    });

    it('conditional operations that match several resources answer 412', async () => {
      const body = { ...patient('Twin'), identifier: [{ system: 'urn:test', value: 'twin' }] };
      await s.request({ method: 'POST', url: '/fhir/Patient', body });
      await s.request({ method: 'POST', url: '/fhir/Patient', body });
      const res = await s.request({ method: 'PUT', url: '/fhir/Patient?identifier=urn:test|twin', body });
      assert.equal(res.status, 412);
      const create = await s.request({ method: 'POST', url: '/fhir/Patient', body, headers: { 'if-none-exist': 'identifier=urn:test|twin' } });
      assert.equal(create.status, 412);
    });

    it('shapes reads with _summary, _elements and _pretty', async () => {
      const c = (await s.request({ method: 'POST', url: '/fhir/Patient', body: { ...patient('Shape'), text: { status: 'generated', div: '<div xmlns="http://www.w3.org/1999/xhtml">x</div>' } } })).json;
      const el = await s.request({ method: 'GET', url: `/fhir/Patient/${c.id}?_elements=name` });
      assert.deepEqual(Object.keys(el.json).sort(), ['id', 'meta', 'name', 'resourceType']);
      assert.equal(el.json.meta.tag.at(-1).code, 'SUBSETTED');
      const data = await s.request({ method: 'GET', url: `/fhir/Patient/${c.id}?_summary=data` });
      assert.equal(data.json.text, undefined);
      assert.ok(data.json.identifier);
      const pretty = await s.request({ method: 'GET', url: `/fhir/Patient/${c.id}?_pretty=true` });
      assert.match(pretty.text, /\n {2}"resourceType"/);
      const xml = await s.request({ method: 'GET', url: `/fhir/Patient/${c.id}?_format=xml` });
      assert.equal(xml.status, 406);
    });

    it('serves a CapabilityStatement that lists what the server does', async () => {
      const res = await s.request({ method: 'GET', url: '/fhir/metadata' });
      assert.equal(res.status, 200);
      assert.equal(res.json.resourceType, 'CapabilityStatement');
      assert.equal(res.json.fhirVersion, '4.0.1');
      const pat = res.json.rest[0].resource.find((r: any) => r.type === 'Patient');
      assert.ok(pat.searchParam.some((p: any) => p.name === 'identifier' && p.type === 'token'));
      assert.ok(pat.interaction.some((i: any) => i.code === 'patch'));
      assert.ok(res.json.rest[0].interaction.some((i: any) => i.code === 'transaction'));
    });

    it('refuses an invalid fødselsnummer on every write, without any profile, alone or in a transaction', async () => {
      const bad = { resourceType: 'Patient', identifier: [{ system: 'urn:oid:2.16.578.1.12.4.1.4.1', value: '12345678901' }] };
      const post = await s.request({ method: 'POST', url: '/fhir/Patient', body: bad });
      assert.equal(post.status, 422, post.text);
      assert.match(post.json.issue[0].diagnostics, /not a valid fødselsnummer/);
      const tx = await s.request({ method: 'POST', url: '/fhir', body: { resourceType: 'Bundle', type: 'transaction', entry: [{ resource: bad, request: { method: 'POST', url: 'Patient' } }] } });
      assert.equal(tx.status, 422, tx.text);
      const patched = await s.request({ method: 'POST', url: '/fhir/Patient', body: patient('Patchbar') });
      const patch = await s.request({ method: 'PATCH', url: `/fhir/Patient/${patched.json.id}`, headers: { 'content-type': 'application/json-patch+json' }, body: [{ op: 'add', path: '/identifier/-', value: bad.identifier[0] }] });
      assert.equal(patch.status, 422, patch.text);
    });

    it('answers an operation called with the wrong method 405, and an unknown one 404, not as an id', async () => {
      const get = await s.request({ method: 'GET', url: '/fhir/Patient/$validate' });
      assert.equal(get.status, 405, get.text);
      assert.equal(get.json.resourceType, 'OperationOutcome');
      const unknown = await s.request({ method: 'GET', url: '/fhir/Patient/$no-such-operation' });
      assert.equal(unknown.status, 404, unknown.text);
      assert.match(unknown.json.issue[0].diagnostics, /Unknown operation/);
    });

    it('validates with $validate without storing anything', async () => {
      const ok = await s.request({ method: 'POST', url: '/fhir/Patient/$validate', body: patient('Valid') });
      assert.equal(ok.status, 200);
      assert.ok(ok.json.issue.every((i: any) => i.severity !== 'error'));
      const bad = await s.request({ method: 'POST', url: '/fhir/Patient/$validate', body: { resourceType: 'Patient', gender: 'sometimes' } });
      assert.equal(bad.status, 200);
      assert.ok(bad.json.issue.some((i: any) => i.severity === 'error' && i.expression?.[0]?.startsWith('Patient.gender')));
    });

    it('reports health, readiness and metrics', async () => {
      assert.equal((await s.request({ method: 'GET', url: '/healthz' })).status, 200);
      assert.equal((await s.request({ method: 'GET', url: '/readyz' })).json.status, 'ready');
      const metrics = await s.request({ method: 'GET', url: '/metrics' });
      assert.match(metrics.text, /helsebro_http_requests_total\{interaction="create",resource_type="Patient",status="201"\}/);
      assert.match(metrics.text, /helsebro_http_request_duration_seconds_bucket/);
    });

    it('echoes a request id, or makes one', async () => {
      const given = await s.request({ method: 'GET', url: '/fhir/metadata', headers: { 'x-request-id': 'abc-123' } });
      assert.equal(given.headers['x-request-id'], 'abc-123');
      const made = await s.request({ method: 'GET', url: '/fhir/metadata' });
      assert.match(String(made.headers['x-request-id']), /^[0-9a-f-]{36}$/);
    });
  });
}
