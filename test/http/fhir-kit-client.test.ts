/**
 * An unmodified third-party FHIR client (fhir-kit-client) against the server on a real port:
 * CRUD, search with paging, history and a transaction.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Client } from 'fhir-kit-client';
import { startTestServer, type TestServer } from '../support/runtime.ts';

describe('fhir-kit-client against a running server', () => {
  let s: TestServer;
  let client: InstanceType<typeof Client>;
  before(async () => {
    // Links must point at the real port, so the server derives its base URL from the request.
    s = await startTestServer('pglite', { publicBaseUrl: undefined });
    const address = await s.app.listen({ host: '127.0.0.1', port: 0 });
    client = new Client({ baseUrl: `${address}/fhir` });
  });
  after(() => s.close());

  it('reads the CapabilityStatement', async () => {
    const cs = (await client.capabilityStatement()) as { resourceType: string; fhirVersion: string };
    assert.equal(cs.resourceType, 'CapabilityStatement');
    assert.equal(cs.fhirVersion, '4.0.1');
  });

  it('creates, reads, updates, patches, vreads and deletes', async () => {
    const created = (await client.create({ resourceType: 'Patient', body: { resourceType: 'Patient', name: [{ family: 'Kit' }] } })) as any;
    assert.ok(created.id);
    const read = (await client.read({ resourceType: 'Patient', id: created.id })) as any;
    assert.equal(read.name[0].family, 'Kit');
    const updated = (await client.update({ resourceType: 'Patient', id: created.id, body: { ...read, active: true } })) as any;
    assert.equal(updated.meta.versionId, '2');
    const patched = (await client.patch({ resourceType: 'Patient', id: created.id, jsonPatch: [{ op: 'replace', path: '/active', value: false }] })) as any;
    assert.equal(patched.active, false);
    const v1 = (await client.vread({ resourceType: 'Patient', id: created.id, version: '1' })) as any;
    assert.equal(v1.active, undefined);
    await client.delete({ resourceType: 'Patient', id: created.id });
    await assert.rejects(client.read({ resourceType: 'Patient', id: created.id }), (err: any) => err.response?.status === 410);
  });

  it('searches and walks every page with nextPage', async () => {
    for (let i = 0; i < 7; i++) {
      await client.create({ resourceType: 'Patient', body: { resourceType: 'Patient', name: [{ family: 'Sidetall', given: [`N${i}`] }] } });
    }
    let bundle = (await client.search({ resourceType: 'Patient', searchParams: { family: 'Sidetall', _count: '3' } })) as any;
    const seen: string[] = [];
    for (;;) {
      seen.push(...(bundle.entry ?? []).map((e: any) => e.resource.id));
      const next = client.nextPage({ bundle });
      if (!next) break;
      bundle = await next;
    }
    assert.equal(seen.length, 7);
    assert.equal(new Set(seen).size, 7);
  });

  it('reads history', async () => {
    const h = (await client.typeHistory({ resourceType: 'Patient' })) as any;
    assert.equal(h.type, 'history');
    assert.ok(h.entry.length > 0);
  });

  it('posts a transaction that links entries through urn:uuid', async () => {
    const res = (await client.transaction({
      body: {
        resourceType: 'Bundle', type: 'transaction',
        entry: [
          { fullUrl: 'urn:uuid:11111111-1111-4111-8111-111111111111', request: { method: 'POST', url: 'Organization' }, resource: { resourceType: 'Organization', name: 'Kit legekontor' } },
          { request: { method: 'POST', url: 'Patient' }, resource: { resourceType: 'Patient', managingOrganization: { reference: 'urn:uuid:11111111-1111-4111-8111-111111111111' } } },
        ],
      },
    })) as any;
    assert.equal(res.type, 'transaction-response');
    const org = res.entry[0].resource;
    assert.equal(res.entry[1].resource.managingOrganization.reference, `Organization/${org.id}`);
  });
});
