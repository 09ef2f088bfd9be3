/**
 * Identity cannot be borrowed through a second record: among current resources a fødselsnummer or
 * D-nummer is carried by one Patient, an HPR number by one Practitioner. The store refuses a create,
 * update or transaction that would make a second one (409, naming nothing of the first), atomically
 * and under concurrent writers, so a doctor cannot make a Patient with another person's number and
 * reach that person's earlier sykmeldinger through it.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { seedDatabase } from '../../src/cli/seed.ts';
import { DEFAULTS } from '../../src/config.ts';
import { IdentifierSystem, makeSyntheticIdent } from '../../src/domain/identity/index.ts';
import { getValidator } from '../../src/server.ts';
import { hprNumber, practitionerId } from '../../src/synthetic/population.ts';
import { DIALECTS } from '../support/databases.ts';
import { startTestServer, type TestServer } from '../support/runtime.ts';

const SEED = 6;
const EXAMPLE = JSON.parse(readFileSync(new URL('../../fhir/examples/QuestionnaireResponse-eksempel-sykmelding.json', import.meta.url), 'utf8'));

type Json = Record<string, any>;

/** A fresh synthetic identity number for a birth date (the first individual number with valid check digits from `from`). */
function ident(birthDate: string, from: number, kind: 'FNR' | 'DNR' = 'FNR'): string {
  for (let n = from; n < from + 20; n++) {
    const value = makeSyntheticIdent(birthDate, n, kind);
    if (value) return value;
  }
  throw new Error(`no identity number for ${birthDate}`);
}

const patient = (fnr: string, family = 'Nordmann', system: string = IdentifierSystem.FNR) => ({
  resourceType: 'Patient', identifier: [{ system, value: fnr }], name: [{ family, given: ['Kari'] }], birthDate: '1984-03-07',
});

/** How many current Patients carry the number, seen by the store itself. */
async function carriers(s: TestServer, value: string, system: string = IdentifierSystem.FNR): Promise<string[]> {
  return (await s.runtime.service.repo.findByIdentifier('Patient', { system, value })).map((r) => r.id);
}

function assertTaken(res: { status: number; json: Json; text: string }, ...secrets: string[]): void {
  assert.equal(res.status, 409, res.text);
  assert.equal(res.json.resourceType, 'OperationOutcome');
  assert.equal(res.json.issue[0].code, 'duplicate');
  assert.match(res.json.issue[0].diagnostics, /already carries this (fødselsnummer|D-nummer|HPR number)/);
  for (const secret of secrets) assert.ok(!res.text.includes(secret), `the refusal does not mention '${secret}'`);
}

for (const dialect of DIALECTS) {
  describe(`one Patient per identity number on ${dialect}`, () => {
    let s: TestServer;
    before(async () => {
      s = await startTestServer(dialect);
    });
    after(() => s.close());

    it('refuses a second Patient with the same fødselsnummer or D-nummer, and accepts an update that keeps its own', async () => {
      const fnr = ident('1984-03-07', 101);
      const first = await s.request({ method: 'POST', url: '/fhir/Patient', body: patient(fnr, 'Først') });
      assert.equal(first.status, 201, first.text);
      assertTaken(await s.request({ method: 'POST', url: '/fhir/Patient', body: patient(fnr, 'Andre') }), first.json.id, 'Først');
      // The same number twice in one Patient is that Patient's own.
      const twice = { ...first.json, identifier: [...first.json.identifier, { use: 'old', system: IdentifierSystem.FNR, value: fnr }], name: [{ family: 'Først-Igjen' }] };
      const kept = await s.request({ method: 'PUT', url: `/fhir/Patient/${first.json.id}`, body: twice });
      assert.equal(kept.status, 200, kept.text);
      assert.deepEqual(await carriers(s, fnr), [first.json.id]);

      const dnr = ident('1984-03-07', 121, 'DNR');
      assert.equal((await s.request({ method: 'POST', url: '/fhir/Patient', body: patient(dnr, 'D', IdentifierSystem.DNR) })).status, 201);
      assertTaken(await s.request({ method: 'POST', url: '/fhir/Patient', body: patient(dnr, 'D2', IdentifierSystem.DNR) }));
      assert.equal((await carriers(s, dnr, IdentifierSystem.DNR)).length, 1);
    });

    it('lets a number be used again once the Patient carrying it is deleted', async () => {
      const fnr = ident('1984-03-07', 141);
      const first = await s.request({ method: 'POST', url: '/fhir/Patient', body: patient(fnr) });
      assert.equal((await s.request({ method: 'DELETE', url: `/fhir/Patient/${first.json.id}` })).status, 204);
      assert.equal((await s.request({ method: 'POST', url: '/fhir/Patient', body: patient(fnr) })).status, 201);
    });

    it('stores exactly one of several concurrent creates with the same number', async () => {
      for (let round = 0; round < 5; round++) {
        const fnr = ident('1990-06-15', 200 + round * 10);
        const results = await Promise.all([0, 1, 2, 3].map((k) => s.request({ method: 'POST', url: '/fhir/Patient', body: patient(fnr, `Samtidig${k}`) })));
        assert.deepEqual(results.map((r) => r.status).sort(), [201, 409, 409, 409], results.map((r) => r.text).join('\n'));
        assert.deepEqual(await carriers(s, fnr), [results.find((r) => r.status === 201)!.json.id]);
      }
    });

    it("refuses a PUT that gives a Patient another Patient's number, leaving it unchanged", async () => {
      const mine = ident('1975-11-20', 101);
      const theirs = ident('1975-11-20', 121);
      const a = await s.request({ method: 'POST', url: '/fhir/Patient', body: patient(mine, 'Min') });
      const b = await s.request({ method: 'POST', url: '/fhir/Patient', body: patient(theirs, 'Deres') });
      assertTaken(await s.request({ method: 'PUT', url: `/fhir/Patient/${a.json.id}`, body: { ...a.json, identifier: [{ system: IdentifierSystem.FNR, value: theirs }] } }), b.json.id, 'Deres');
      const after = await s.request({ method: 'GET', url: `/fhir/Patient/${a.json.id}` });
      assert.equal(after.json.meta.versionId, '1');
      assert.equal(after.json.identifier[0].value, mine);
      assert.deepEqual(await carriers(s, theirs), [b.json.id]);
      const patched = await s.request({
        method: 'PATCH', url: `/fhir/Patient/${a.json.id}`, headers: { 'content-type': 'application/json-patch+json' },
        body: [{ op: 'replace', path: '/identifier/0/value', value: theirs }],
      });
      assertTaken(patched, b.json.id);
    });

    it('rolls back a whole transaction in which one entry makes a second Patient with a number', async () => {
      const taken = ident('1968-02-02', 101);
      const fresh = ident('1968-02-02', 121);
      assert.equal((await s.request({ method: 'POST', url: '/fhir/Patient', body: patient(taken) })).status, 201);
      const observations = async () => (await s.request({ method: 'GET', url: '/fhir/Observation?code=http://loinc.org|8310-5&_summary=count' })).json.total;
      const before = await observations();
      for (const duplicate of [taken, fresh]) {
        const tx = await s.request({
          method: 'POST', url: '/fhir', body: {
            resourceType: 'Bundle', type: 'transaction', entry: [
              { fullUrl: 'urn:uuid:7d7a1f3e-1111-4a4a-9b9b-000000000001', resource: patient(fresh, 'Ny'), request: { method: 'POST', url: 'Patient' } },
              { resource: { resourceType: 'Observation', status: 'final', code: { coding: [{ system: 'http://loinc.org', code: '8310-5' }] }, subject: { reference: 'urn:uuid:7d7a1f3e-1111-4a4a-9b9b-000000000001' } }, request: { method: 'POST', url: 'Observation' } },
              { resource: patient(duplicate, 'Lånt'), request: { method: 'POST', url: 'Patient' } },
            ],
          },
        });
        assertTaken(tx);
        assert.deepEqual(await carriers(s, fresh), [], 'nothing of the transaction was stored');
        assert.equal((await carriers(s, taken)).length, 1);
        assert.equal(await observations(), before);
      }
    });

    it('refuses a second Practitioner with the same HPR number', async () => {
      const practitioner = { resourceType: 'Practitioner', identifier: [{ system: IdentifierSystem.HPR, value: '7654321' }], name: [{ family: 'Lege' }] };
      assert.equal((await s.request({ method: 'POST', url: '/fhir/Practitioner', body: practitioner })).status, 201);
      assertTaken(await s.request({ method: 'POST', url: '/fhir/Practitioner', body: { ...practitioner, name: [{ family: 'Falsk' }] } }));
    });
  });

  describe(`borrowing another person's identity number on ${dialect}`, () => {
    let s: TestServer;
    let gpA: Record<string, string>;
    let gpB: Record<string, string>;
    let theirs: Json;
    let fnr: string;
    before(async () => {
      s = await startTestServer(dialect, { auth: { ...DEFAULTS.auth, mode: 'builtin' } });
      await seedDatabase(s.t.db, await getValidator(), { seed: SEED, patients: 40 });
      gpA = { authorization: `Bearer ${await s.runtime.auth.tokenFor(`hpr:${hprNumber(SEED, 0)}`)}` };
      gpB = { authorization: `Bearer ${await s.runtime.auth.tokenFor(`hpr:${hprNumber(SEED, 1)}`)}` };
      theirs = (await s.request({ method: 'GET', url: '/fhir/Patient?_count=1', headers: gpA })).json.entry[0].resource;
      fnr = theirs.identifier[0].value;
      assert.notEqual((await s.request({ method: 'GET', url: `/fhir/Patient/${theirs.id}`, headers: gpB })).status, 200, "B does not see A's patient");
      const submit = await s.request({ method: 'POST', url: '/fhir/QuestionnaireResponse/$submit', headers: gpA, body: { ...EXAMPLE, id: undefined, subject: { reference: `Patient/${theirs.id}` }, author: { reference: `Practitioner/${practitionerId(0)}` } } });
      assert.equal(submit.status, 201, submit.text);
    });
    after(() => s.close());

    const secrets = () => [theirs.id, theirs.name[0].family, theirs.address?.[0]?.line?.[0]].filter(Boolean) as string[];

    it("does not let a doctor register a second Patient with another person's number, nor tell them more than that it is taken", async () => {
      const copy = { resourceType: 'Patient', identifier: [{ system: IdentifierSystem.FNR, value: fnr }], name: [{ family: 'Lånt' }], birthDate: theirs.birthDate };
      assertTaken(await s.request({ method: 'POST', url: '/fhir/Patient', headers: gpB, body: copy }), ...secrets());
      // A conditional create searches what the caller may see: it does not find the other person's Patient and gives nothing of it.
      const conditional = await s.request({ method: 'POST', url: '/fhir/Patient', headers: { ...gpB, 'if-none-exist': `identifier=${IdentifierSystem.FNR}|${fnr}` }, body: copy });
      assertTaken(conditional, ...secrets());
      const tx = await s.request({ method: 'POST', url: '/fhir', headers: gpB, body: { resourceType: 'Bundle', type: 'transaction', entry: [{ resource: copy, request: { method: 'POST', url: 'Patient', ifNoneExist: `identifier=${IdentifierSystem.FNR}|${fnr}` } }] } });
      assertTaken(tx, ...secrets());
      assert.deepEqual(await carriers(s, fnr), [theirs.id]);
      // The doctor who may see the patient is answered with it.
      const seen = await s.request({ method: 'POST', url: '/fhir/Patient', headers: { ...gpA, 'if-none-exist': `identifier=${IdentifierSystem.FNR}|${fnr}` }, body: copy });
      assert.equal(seen.status, 200, seen.text);
      assert.equal(seen.json.id, theirs.id);
    });

    it("does not let a doctor move another person's number onto a Patient they registered", async () => {
      const own = await s.request({ method: 'POST', url: '/fhir/Patient', headers: gpB, body: patient(ident('2001-01-09', 501)) });
      assert.equal(own.status, 201, own.text);
      assertTaken(await s.request({ method: 'PUT', url: `/fhir/Patient/${own.json.id}`, headers: gpB, body: { ...own.json, identifier: [{ system: IdentifierSystem.FNR, value: fnr }] } }), ...secrets());
      assert.deepEqual(await carriers(s, fnr), [theirs.id]);
    });

    it("gives the doctor nothing of the other person's earlier sykmeldinger", async () => {
      await s.request({ method: 'POST', url: '/fhir/Patient', headers: gpB, body: { resourceType: 'Patient', identifier: [{ system: IdentifierSystem.FNR, value: fnr }], birthDate: theirs.birthDate } });
      const draft = { ...EXAMPLE, id: undefined, subject: { identifier: { system: IdentifierSystem.FNR, value: fnr } }, author: { reference: `Practitioner/${practitionerId(1)}` } };
      const dryRun = await s.request({ method: 'POST', url: '/fhir/QuestionnaireResponse/$dry-run', headers: gpB, body: draft });
      assert.equal(dryRun.status, 422, dryRun.text);
      assert.match(dryRun.json.issue[0].diagnostics, /no patient you may see/);
      const submit = await s.request({ method: 'POST', url: '/fhir/QuestionnaireResponse/$submit', headers: gpB, body: draft });
      assert.equal(submit.status, 422, submit.text);
      for (const url of [
        `/fhir/Patient?identifier=${IdentifierSystem.FNR}|${fnr}`,
        `/fhir/QuestionnaireResponse?subject.identifier=${IdentifierSystem.FNR}|${fnr}`,
        `/fhir/Task?subject.identifier=${IdentifierSystem.FNR}|${fnr}`,
      ]) {
        const found = await s.request({ method: 'GET', url, headers: gpB });
        assert.equal(found.status, 200, found.text);
        assert.equal(found.json.entry?.length ?? 0, 0, `${url} finds nothing for B`);
      }
    });
  });
}
