/**
 * _include and _revinclude obey the token's scopes, not only the role: a token that may read one
 * type does not bring back resources of another through an include.
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

const SEED = 6;
const EXAMPLE = JSON.parse(readFileSync(new URL('../../fhir/examples/QuestionnaireResponse-eksempel-sykmelding.json', import.meta.url), 'utf8'));

for (const dialect of DIALECTS) {
  describe(`includes under narrow scopes on ${dialect}`, () => {
    let s: TestServer;
    let patient: string;
    const doctor = `hpr:${hprNumber(SEED, 0)}`;
    const types = (bundle: { entry?: Array<{ resource: { resourceType: string }; search?: { mode: string } }> }, mode: string) =>
      [...new Set((bundle.entry ?? []).filter((e) => e.search?.mode === mode).map((e) => e.resource.resourceType))].sort();
    const get = async (url: string, scope: string) => s.request({ method: 'GET', url, headers: { authorization: `Bearer ${await s.runtime.auth.tokenFor(doctor, { scope })}` } });

    before(async () => {
      s = await startTestServer(dialect, { auth: { ...DEFAULTS.auth, mode: 'builtin' } });
      await seedDatabase(s.t.db, await getValidator(), { seed: SEED, patients: 40 });
      const full = { authorization: `Bearer ${await s.runtime.auth.tokenFor(doctor)}` };
      patient = (await s.request({ method: 'GET', url: '/fhir/Patient?_count=1', headers: full })).json.entry[0].resource.id;
      const submit = await s.request({ method: 'POST', url: '/fhir/QuestionnaireResponse/$submit', headers: full, body: { ...EXAMPLE, id: undefined, subject: { reference: `Patient/${patient}` }, author: { reference: `Practitioner/${practitionerId(0)}` } } });
      assert.equal(submit.status, 201, submit.text);
    });
    after(() => s.close());

    it('includes what the scopes allow', async () => {
      const res = await get(`/fhir/QuestionnaireResponse?subject=Patient/${patient}&_include=QuestionnaireResponse:subject&_include=QuestionnaireResponse:author`, 'user/QuestionnaireResponse.rs user/Patient.rs user/Practitioner.rs');
      assert.equal(res.status, 200, res.text);
      assert.deepEqual(types(res.json, 'include'), ['Patient', 'Practitioner']);
    });

    it('leaves out included types the token may not read', async () => {
      const res = await get(`/fhir/QuestionnaireResponse?subject=Patient/${patient}&_include=QuestionnaireResponse:subject&_include=QuestionnaireResponse:author`, 'user/QuestionnaireResponse.rs');
      assert.equal(res.status, 200, res.text);
      assert.deepEqual(types(res.json, 'match'), ['QuestionnaireResponse']);
      assert.deepEqual(types(res.json, 'include'), []);
      const rev = await get(`/fhir/Patient?_id=${patient}&_revinclude=QuestionnaireResponse:subject&_revinclude=Task:patient`, 'user/Patient.rs');
      assert.equal(rev.status, 200, rev.text);
      assert.deepEqual(types(rev.json, 'include'), [], 'no sykmelding or status Task through a Patient-only token');
    });
  });
}
