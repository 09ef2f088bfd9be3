/**
 * Identity cannot be borrowed by re-creating a deleted id: a PUT on a deleted Patient by a doctor
 * who could not see it is refused, so what still refers to that id (its sykmeldinger) is not adopted.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { seedDatabase } from '../../src/cli/seed.ts';
import { DEFAULTS } from '../../src/config.ts';
import { getValidator } from '../../src/server.ts';
import { hprNumber, practitionerId } from '../../src/synthetic/population.ts';
import { DIALECTS } from '../support/databases.ts';
import { startTestServer, type TestServer } from '../support/runtime.ts';

const SEED = 4;
const EXAMPLE = JSON.parse(readFileSync(new URL('../../fhir/examples/QuestionnaireResponse-eksempel-sykmelding.json', import.meta.url), 'utf8'));

for (const dialect of DIALECTS) {
  describe(`re-creating a deleted id on ${dialect}`, () => {
    let s: TestServer;
    let gpA: Record<string, string>;
    let gpB: Record<string, string>;
    before(async () => {
      s = await startTestServer(dialect, { auth: { ...DEFAULTS.auth, mode: 'builtin' } });
      await seedDatabase(s.t.db, await getValidator(), { seed: SEED, patients: 40 });
      gpA = { authorization: `Bearer ${await s.runtime.auth.tokenFor(`hpr:${hprNumber(SEED, 0)}`)}` };
      gpB = { authorization: `Bearer ${await s.runtime.auth.tokenFor(`hpr:${hprNumber(SEED, 1)}`)}` };
    });
    after(() => s.close());

    it("does not let another doctor bring back a deleted patient and with it their sykmeldinger", async () => {
      const list = await s.request({ method: 'GET', url: '/fhir/Patient?_count=1', headers: gpA });
      const patient = list.json.entry[0].resource;
      const submit = await s.request({ method: 'POST', url: '/fhir/QuestionnaireResponse/$submit', headers: gpA, body: { ...EXAMPLE, id: undefined, subject: { reference: `Patient/${patient.id}` }, author: { reference: `Practitioner/${practitionerId(0)}` } } });
      assert.equal(submit.status, 201, submit.text);
      const qrId = submit.json.parameter.find((p: { name: string }) => p.name === 'sykmelding').valueReference.reference;
      assert.equal((await s.request({ method: 'DELETE', url: `/fhir/Patient/${patient.id}`, headers: gpA })).status, 204);

      const adopted = { ...patient, meta: undefined, generalPractitioner: [{ reference: `Practitioner/${practitionerId(1)}` }] };
      const put = await s.request({ method: 'PUT', url: `/fhir/Patient/${patient.id}`, headers: gpB, body: adopted });
      // Refused, and worded as an id taken by someone they may not see: not telling them it was deleted.
      assert.equal(put.status, 404, put.text);
      assert.equal(put.json.issue[0].diagnostics, `Patient/${patient.id} is not known`);
      const tx = await s.request({ method: 'POST', url: '/fhir', headers: gpB, body: { resourceType: 'Bundle', type: 'transaction', entry: [{ resource: adopted, request: { method: 'PUT', url: `Patient/${patient.id}` } }] } });
      assert.equal(tx.status, 404, tx.text);
      assert.equal((await s.request({ method: 'GET', url: `/fhir/${qrId}`, headers: gpB })).status === 200, false, "the old sykmelding stays out of reach");
      assert.equal((await s.request({ method: 'GET', url: `/fhir/Patient/${patient.id}`, headers: gpB })).status === 200, false);
    });
  });
}
