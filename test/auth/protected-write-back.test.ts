/**
 * Redacted data is never written back: a doctor who was served a protected Patient without its
 * address (and with the REDACTED label) and writes it back — PUT, PATCH, a transaction or batch
 * entry — keeps the stored address and stores no label; their other changes apply. Setting a hidden
 * element, or lifting the protection, is refused with nothing changed.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { seedDatabase } from '../../src/cli/seed.ts';
import { DEFAULTS } from '../../src/config.ts';
import { IdentifierSystem, makeSyntheticIdent } from '../../src/domain/identity/index.ts';
import { getValidator } from '../../src/server.ts';
import { hprNumber, practitionerId } from '../../src/synthetic/population.ts';
import { DIALECTS } from '../support/databases.ts';
import { startTestServer, type TestServer } from '../support/runtime.ts';

const SEED = 7;
const PROTECTION = 'https://helsebro.no/fhir/StructureDefinition/adressebeskyttelse';
const CONFIDENTIAL = { system: 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality', code: 'R', display: 'restricted' };
const ADDRESS = [{ line: ['Hemmelig vei 1'], postalCode: '0150', city: 'Oslo' }];
const TELECOM = [{ system: 'phone', value: '+4799999999' }];

type Json = Record<string, any>;

for (const dialect of DIALECTS) {
  describe(`writing back a redacted Patient on ${dialect}`, () => {
    let s: TestServer;
    let gp: Record<string, string>;
    let individ = 301;

    /** A protected Patient on the doctor's list, stored with its address; returns its id. */
    async function protectedPatient(): Promise<string> {
      let fnr: string | undefined;
      while (!fnr) fnr = makeSyntheticIdent('1979-05-05', individ++);
      const created = await s.runtime.service.create('Patient', {
        resourceType: 'Patient', meta: { security: [CONFIDENTIAL] }, identifier: [{ system: IdentifierSystem.FNR, value: fnr }], birthDate: '1979-05-05',
        extension: [{ url: PROTECTION, valueCode: 'STRENGT_FORTROLIG' }], name: [{ family: 'Skjult', given: ['Sara'] }],
        address: ADDRESS, telecom: TELECOM, generalPractitioner: [{ reference: `Practitioner/${practitionerId(0)}` }],
      });
      return created.stored.id;
    }
    /** The stored version, as the store holds it. */
    const stored = async (id: string): Promise<Json> => {
      const r = await s.runtime.service.read('Patient', id);
      return { ...JSON.parse(r.content), versionId: r.versionId };
    };
    const served = async (id: string): Promise<Json> => {
      const res = await s.request({ method: 'GET', url: `/fhir/Patient/${id}`, headers: gp });
      assert.equal(res.status, 200, res.text);
      assert.equal(res.json.address, undefined, 'the doctor is served the redacted view');
      return res.json;
    };
    const put = (id: string, body: Json) => s.request({ method: 'PUT', url: `/fhir/Patient/${id}`, headers: gp, body });
    const patch = (id: string, ops: Json[]) => s.request({ method: 'PATCH', url: `/fhir/Patient/${id}`, headers: { ...gp, 'content-type': 'application/json-patch+json' }, body: ops });

    function assertKept(p: Json): void {
      assert.deepEqual(p.address, ADDRESS);
      assert.deepEqual(p.telecom, TELECOM);
      assert.deepEqual(p.meta.security, [CONFIDENTIAL], 'no REDACTED label is stored');
      assert.equal(p.extension[0].valueCode, 'STRENGT_FORTROLIG');
    }
    function assertRefused(res: { status: number; json: Json; text: string }, expression: RegExp): void {
      assert.equal(res.status, 422, res.text);
      assert.equal(res.json.resourceType, 'OperationOutcome');
      assert.ok(res.json.issue.some((i: Json) => expression.test(i.expression?.[0] ?? '')), res.text);
      assert.ok(!res.text.includes('Hemmelig') && !res.text.includes('+4799999999'), 'the refusal shows nothing hidden');
    }

    before(async () => {
      s = await startTestServer(dialect, { auth: { ...DEFAULTS.auth, mode: 'builtin' } });
      await seedDatabase(s.t.db, await getValidator(), { seed: SEED, patients: 20 });
      gp = { authorization: `Bearer ${await s.runtime.auth.tokenFor(`hpr:${hprNumber(SEED, 0)}`)}` };
    });
    after(() => s.close());

    it('keeps the stored address when the Patient is PUT back as served, and stores no REDACTED label', async () => {
      const id = await protectedPatient();
      const view = await served(id);
      assert.ok(view.meta.security.some((c: Json) => c.code === 'REDACTED'));
      const res = await put(id, view);
      assert.equal(res.status, 200, res.text);
      assert.equal(res.json.address, undefined, 'the answer is redacted as well');
      const after = await stored(id);
      assert.equal(after.versionId, 2);
      assertKept(after);
    });

    it('answers a doctor who registers a protected Patient with the redacted view, storing what they sent without the label', async () => {
      let fnr: string | undefined;
      while (!fnr) fnr = makeSyntheticIdent('1979-05-05', individ++);
      const res = await s.request({
        method: 'POST', url: '/fhir/Patient', headers: gp, body: {
          resourceType: 'Patient', meta: { security: [CONFIDENTIAL, { system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationValue', code: 'REDACTED' }] },
          identifier: [{ system: IdentifierSystem.FNR, value: fnr }], birthDate: '1979-05-05', extension: [{ url: PROTECTION, valueCode: 'STRENGT_FORTROLIG' }],
          address: ADDRESS, telecom: TELECOM,
        },
      });
      assert.equal(res.status, 201, res.text);
      assert.ok(!res.text.includes('Hemmelig') && !res.text.includes('+4799999999'), 'the answer is the view the doctor may see');
      assertKept(await stored(res.json.id));
    });

    it('applies the other changes of a PUT and keeps the address', async () => {
      const id = await protectedPatient();
      const view = await served(id);
      const res = await put(id, { ...view, name: [{ family: 'Endret', given: ['Sara'] }] });
      assert.equal(res.status, 200, res.text);
      const after = await stored(id);
      assert.equal(after.name[0].family, 'Endret');
      assertKept(after);
    });

    it('keeps the stored security labels when a PUT or PATCH leaves them out', async () => {
      const id = await protectedPatient();
      const view = await served(id);
      const put1 = await put(id, { ...view, meta: { versionId: view.meta.versionId } });
      assert.equal(put1.status, 200, put1.text);
      assertKept(await stored(id));
      const removed = await patch(id, [{ op: 'remove', path: '/meta/security' }]);
      assert.equal(removed.status, 200, removed.text);
      assertKept(await stored(id));
    });

    it('refuses a PUT that sets a hidden element or lifts the protection, changing nothing', async () => {
      const id = await protectedPatient();
      const view = await served(id);
      const { extension: _protection, ...unprotected } = view;
      for (const [body, at] of [
        [{ ...view, address: [{ line: ['Ny gate 2'], city: 'Bergen' }] }, /(^Patient|resource)\.address$/],
        [{ ...view, address: ADDRESS }, /(^Patient|resource)\.address$/],
        [{ ...view, telecom: [{ system: 'phone', value: '+4711111111' }] }, /(^Patient|resource)\.telecom$/],
        [{ ...unprotected, name: [{ family: 'Avslørt' }] }, /(^Patient|resource)\.extension$/],
        [{ ...view, extension: [{ url: PROTECTION, valueCode: 'FORTROLIG' }] }, /(^Patient|resource)\.extension$/],
      ] as const) {
        assertRefused(await put(id, body), at);
      }
      const after = await stored(id);
      assert.equal(after.versionId, 1);
      assert.equal(after.name[0].family, 'Skjult');
      assertKept(after);
    });

    it('applies a PATCH to the served view: other changes apply, the address is kept, a hidden element cannot be set', async () => {
      const id = await protectedPatient();
      const res = await patch(id, [{ op: 'replace', path: '/name/0/family', value: 'Lappet' }]);
      assert.equal(res.status, 200, res.text);
      let after = await stored(id);
      assert.equal(after.name[0].family, 'Lappet');
      assertKept(after);
      assertRefused(await patch(id, [{ op: 'add', path: '/address', value: [{ city: 'Bergen' }] }]), /(^Patient|resource)\.address$/);
      assertRefused(await patch(id, [{ op: 'remove', path: '/extension' }]), /(^Patient|resource)\.extension$/);
      after = await stored(id);
      assert.equal(after.versionId, 2);
      assertKept(after);
    });

    it('applies the same rule to transaction and batch PUT entries', async () => {
      const id = await protectedPatient();
      const view = await served(id);
      const entry = (body: Json) => ({ resource: body, request: { method: 'PUT', url: `Patient/${id}` } });
      const bundle = (type: string, entries: Json[]) => s.request({ method: 'POST', url: '/fhir', headers: gp, body: { resourceType: 'Bundle', type, entry: entries } });

      const asServed = await bundle('transaction', [entry({ ...view, name: [{ family: 'Transaksjon' }] })]);
      assert.equal(asServed.status, 200, asServed.text);
      assert.ok(!asServed.text.includes('Hemmelig'), 'the transaction answers with the redacted view');
      let after = await stored(id);
      assert.equal(after.name[0].family, 'Transaksjon');
      assertKept(after);

      const observation = { resourceType: 'Observation', status: 'final', code: { coding: [{ system: 'http://loinc.org', code: '29463-7' }] }, subject: { reference: `Patient/${id}` } };
      const withNewAddress = await bundle('transaction', [
        { resource: observation, request: { method: 'POST', url: 'Observation' } },
        entry({ ...(await served(id)), address: [{ city: 'Bergen' }] }),
      ]);
      assertRefused(withNewAddress, /(^Patient|resource)\.address$/);
      const observations = await s.request({ method: 'GET', url: `/fhir/Observation?subject=Patient/${id}`, headers: gp });
      assert.equal(observations.json.entry?.length ?? 0, 0, 'the transaction was rolled back whole');

      const batch = await bundle('batch', [entry({ ...view, address: [{ city: 'Bergen' }] }), entry({ ...(await served(id)), name: [{ family: 'Batch' }] })]);
      assert.equal(batch.status, 200, batch.text);
      assert.match(String(batch.json.entry[0].response.status), /^422/);
      assert.match(String(batch.json.entry[1].response.status), /^200/);
      after = await stored(id);
      assert.equal(after.name[0].family, 'Batch');
      assertKept(after);
    });
  });
}
