/** Batch and transaction Bundles over HTTP, on both stores. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DIALECTS } from '../support/databases.ts';
import { startTestServer, type TestServer } from '../support/runtime.ts';

const uuid = (n: number) => `urn:uuid:00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

for (const dialect of DIALECTS) {
  describe(`bundles on ${dialect}`, () => {
    let s: TestServer;
    before(async () => {
      s = await startTestServer(dialect);
    });
    after(() => s.close());

    it('runs a transaction: resolves urn:uuid references and answers in entry order', async () => {
      const res = await s.request({
        method: 'POST', url: '/fhir',
        body: {
          resourceType: 'Bundle', type: 'transaction',
          entry: [
            {
              fullUrl: uuid(2), request: { method: 'POST', url: 'Patient' },
              resource: { resourceType: 'Patient', name: [{ family: 'Tx' }], generalPractitioner: [{ reference: uuid(1) }], managingOrganization: { reference: uuid(3) } },
            },
            { fullUrl: uuid(1), request: { method: 'POST', url: 'Practitioner' }, resource: { resourceType: 'Practitioner', name: [{ family: 'Lege' }] } },
            { fullUrl: uuid(3), request: { method: 'POST', url: 'Organization' }, resource: { resourceType: 'Organization', name: 'Legekontoret' } },
          ],
        },
      });
      assert.equal(res.status, 200, res.text);
      assert.equal(res.json.type, 'transaction-response');
      assert.deepEqual(res.json.entry.map((e: any) => e.response.status), ['201 Created', '201 Created', '201 Created']);
      const patient = res.json.entry[0].resource;
      const practitioner = res.json.entry[1].resource;
      assert.equal(patient.generalPractitioner[0].reference, `Practitioner/${practitioner.id}`);
      assert.equal(patient.managingOrganization.reference, `Organization/${res.json.entry[2].resource.id}`);
      const read = await s.request({ method: 'GET', url: `/fhir/Patient/${patient.id}` });
      assert.equal(read.json.generalPractitioner[0].reference, `Practitioner/${practitioner.id}`);
    });

    it('rolls back the whole transaction when one entry fails', async () => {
      const before = (await s.t.db.query<{ n: string }>('SELECT count(*) AS n FROM resource')).rows[0].n;
      const res = await s.request({
        method: 'POST', url: '/fhir',
        body: {
          resourceType: 'Bundle', type: 'transaction',
          entry: [
            { request: { method: 'PUT', url: 'Patient/tx-keep' }, resource: { resourceType: 'Patient', id: 'tx-keep' } },
            { request: { method: 'GET', url: 'Patient/does-not-exist' } },
          ],
        },
      });
      assert.equal(res.status, 404);
      assert.match(res.json.issue[0].diagnostics, /Bundle\.entry\[1\]/);
      const after = (await s.t.db.query<{ n: string }>('SELECT count(*) AS n FROM resource')).rows[0].n;
      assert.equal(after, before);
    });

    it('processes DELETE, POST, PUT, GET in that order whatever the entry order', async () => {
      await s.request({ method: 'PUT', url: '/fhir/Patient/order-1', body: { resourceType: 'Patient', id: 'order-1', active: true } });
      const res = await s.request({
        method: 'POST', url: '/fhir',
        body: {
          resourceType: 'Bundle', type: 'transaction',
          entry: [
            { request: { method: 'GET', url: 'Patient/order-2' } },
            { request: { method: 'PUT', url: 'Patient/order-2' }, resource: { resourceType: 'Patient', id: 'order-2' } },
            { request: { method: 'DELETE', url: 'Patient/order-1' } },
          ],
        },
      });
      assert.equal(res.status, 200, res.text);
      assert.equal(res.json.entry[0].resource.id, 'order-2');
      assert.equal(res.json.entry[2].response.status, '204 No Content');
    });

    it('handles conditional entries: If-None-Exist and conditional references', async () => {
      const ident = { system: 'urn:test:tx', value: 'cond-tx-1' };
      const bundle = {
        resourceType: 'Bundle', type: 'transaction',
        entry: [
          { fullUrl: uuid(10), request: { method: 'POST', url: 'Patient', ifNoneExist: 'identifier=urn:test:tx|cond-tx-1' }, resource: { resourceType: 'Patient', identifier: [ident] } },
          { fullUrl: uuid(11), request: { method: 'POST', url: 'Observation' }, resource: {
            resourceType: 'Observation', status: 'final', code: { text: 'x' }, subject: { reference: uuid(10) } } },
        ],
      };
      const first = await s.request({ method: 'POST', url: '/fhir', body: bundle });
      assert.equal(first.status, 200, first.text);
      const second = await s.request({ method: 'POST', url: '/fhir', body: bundle });
      assert.equal(second.json.entry[0].response.status, '200 OK');
      assert.equal(second.json.entry[0].resource.id, first.json.entry[0].resource.id);
      assert.equal(second.json.entry[1].resource.subject.reference, `Patient/${first.json.entry[0].resource.id}`);
      const third = await s.request({
        method: 'POST', url: '/fhir',
        body: { resourceType: 'Bundle', type: 'transaction', entry: [
          { request: { method: 'POST', url: 'Observation' }, resource: {
            resourceType: 'Observation', status: 'final', code: { text: 'y' }, subject: { reference: 'Patient?identifier=urn:test:tx|cond-tx-1' } } },
        ] },
      });
      assert.equal(third.status, 200, third.text);
      assert.equal(third.json.entry[0].resource.subject.reference, `Patient/${first.json.entry[0].resource.id}`);
    });

    it('runs a batch entry by entry, reporting each outcome', async () => {
      const res = await s.request({
        method: 'POST', url: '/fhir',
        body: {
          resourceType: 'Bundle', type: 'batch',
          entry: [
            { request: { method: 'POST', url: 'Patient' }, resource: { resourceType: 'Patient', active: true } },
            { request: { method: 'POST', url: 'Patient' }, resource: { resourceType: 'Patient', gender: 'robot' } },
            { request: { method: 'GET', url: 'Patient/nobody-here' } },
          ],
        },
      });
      assert.equal(res.status, 200);
      assert.equal(res.json.type, 'batch-response');
      assert.deepEqual(res.json.entry.map((e: any) => e.response.status.split(' ')[0]), ['201', '422', '404']);
      assert.equal(res.json.entry[1].response.outcome.resourceType, 'OperationOutcome');
    });

    it('applies a PATCH entry carried as a Binary', async () => {
      await s.request({ method: 'PUT', url: '/fhir/Patient/patch-tx', body: { resourceType: 'Patient', id: 'patch-tx', active: true } });
      const patch = Buffer.from(JSON.stringify([{ op: 'replace', path: '/active', value: false }])).toString('base64');
      const res = await s.request({
        method: 'POST', url: '/fhir',
        body: { resourceType: 'Bundle', type: 'transaction', entry: [
          { request: { method: 'PATCH', url: 'Patient/patch-tx' }, resource: { resourceType: 'Binary', contentType: 'application/json-patch+json', data: patch } },
        ] },
      });
      assert.equal(res.status, 200, res.text);
      assert.equal(res.json.entry[0].resource.active, false);
    });
  });
}
