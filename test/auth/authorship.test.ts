/**
 * A doctor writes in their own name only: a sykmelding (through $submit, a plain create or a
 * transaction) naming another practitioner as author is refused and stores nothing.
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

const SEED = 3;
const EXAMPLE = JSON.parse(readFileSync(new URL('../../fhir/examples/QuestionnaireResponse-eksempel-sykmelding.json', import.meta.url), 'utf8'));

for (const dialect of DIALECTS) {
  describe(`authorship on ${dialect}`, () => {
    let s: TestServer;
    let headers: Record<string, string>;
    let patient: string;
    const sykmelding = (author: string) => ({ ...EXAMPLE, id: undefined, subject: { reference: `Patient/${patient}` }, author: { reference: author } });
    const count = async () => (await s.request({ method: 'GET', url: `/fhir/QuestionnaireResponse?subject=Patient/${patient}&_summary=count`, headers })).json.total;

    before(async () => {
      s = await startTestServer(dialect, { auth: { ...DEFAULTS.auth, mode: 'builtin' } });
      await seedDatabase(s.t.db, await getValidator(), { seed: SEED, patients: 40 });
      headers = { authorization: `Bearer ${await s.runtime.auth.tokenFor(`hpr:${hprNumber(SEED, 0)}`)}` };
      const list = await s.request({ method: 'GET', url: '/fhir/Patient?_count=1&_elements=id', headers });
      patient = list.json.entry[0].resource.id;
    });
    after(() => s.close());

    it("refuses a $submit, a create and a transaction in another doctor's name, storing nothing", async () => {
      const other = `Practitioner/${practitionerId(1)}`;
      const submit = await s.request({ method: 'POST', url: '/fhir/QuestionnaireResponse/$submit', headers, body: sykmelding(other) });
      assert.equal(submit.status, 403, submit.text);
      assert.match(submit.json.issue[0].diagnostics, /own name/);
      const create = await s.request({ method: 'POST', url: '/fhir/QuestionnaireResponse', headers, body: sykmelding(other) });
      assert.equal(create.status, 403, create.text);
      const bundle = { resourceType: 'Bundle', type: 'transaction', entry: [{ resource: sykmelding(other), request: { method: 'POST', url: 'QuestionnaireResponse' } }] };
      const tx = await s.request({ method: 'POST', url: '/fhir', headers, body: bundle });
      assert.equal(tx.status, 403, tx.text);
      assert.equal(await count(), 0);
    });

    it('accepts the same sykmelding in the caller’s own name', async () => {
      const own = await s.request({ method: 'POST', url: '/fhir/QuestionnaireResponse/$submit', headers, body: sykmelding(`Practitioner/${practitionerId(0)}`) });
      assert.equal(own.status, 201, own.text);
      assert.equal(await count(), 1);
    });

    it("does not answer another doctor's copy of a stored sykmelding with the original", async () => {
      // Doctor 2 sees the patient (a launch for them) but sends doctor 1's sykmelding word for word.
      const otherDoctor = { authorization: `Bearer ${await s.runtime.auth.tokenFor(`hpr:${hprNumber(SEED, 1)}`, { patient })}` };
      const copy = await s.request({ method: 'POST', url: '/fhir/QuestionnaireResponse/$submit', headers: otherDoctor, body: sykmelding(`Practitioner/${practitionerId(0)}`) });
      assert.equal(copy.status, 403, copy.text);
      assert.match(copy.json.issue[0].diagnostics, /own name/);
      assert.doesNotMatch(copy.text, /Duplicate|QuestionnaireResponse\//, 'nothing about the stored one');
      assert.equal(await count(), 1);
    });
  });
}
