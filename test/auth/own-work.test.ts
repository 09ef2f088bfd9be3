/**
 * What a doctor wrote or created is theirs to see — with the whole token only. A token with
 * patient-level scopes (an app launched for one patient) sees that patient's data and nothing the
 * doctor wrote about anyone else; and a resource the doctor created that someone else later moved
 * to a patient the doctor may not see is that patient's, in its current version and in history.
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

const SEED = 9;
const EXAMPLE = JSON.parse(readFileSync(new URL('../../fhir/examples/QuestionnaireResponse-eksempel-sykmelding.json', import.meta.url), 'utf8'));
type Json = Record<string, any>;

for (const dialect of DIALECTS) {
  describe(`a doctor's own work under the token's scope on ${dialect}`, () => {
    let s: TestServer;
    let full: string;
    let mine: string[];
    let stranger: string;
    let sykmelding: string;
    const doctor = `hpr:${hprNumber(SEED, 0)}`;
    const get = (url: string, token: string) => s.request({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
    const ids = (body: Json) => (body.entry ?? []).map((e: Json) => e.resource?.id).filter(Boolean);

    before(async () => {
      s = await startTestServer(dialect, { auth: { ...DEFAULTS.auth, mode: 'builtin' } });
      await seedDatabase(s.t.db, await getValidator(), { seed: SEED, patients: 40 });
      full = await s.runtime.auth.tokenFor(doctor);
      mine = ids((await get('/fhir/Patient?_count=100&_elements=id', full)).json);
      const all = (await s.runtime.service.repo.search({ resourceType: 'Patient', filters: [], sort: [], count: 1000, offset: 0, total: 'none', include: [], revinclude: [], raw: [] })).matches.map((m) => m.id);
      stranger = all.find((id) => !mine.includes(id))!;
      assert.ok(mine.length >= 2 && stranger, 'two own patients and a stranger');
      const submitted = await s.request({ method: 'POST', url: '/fhir/QuestionnaireResponse/$submit', headers: { authorization: `Bearer ${full}` }, body: { ...EXAMPLE, id: undefined, subject: { reference: `Patient/${mine[0]}` }, author: { reference: `Practitioner/${practitionerId(0)}` } } });
      assert.equal(submitted.status, 201, submitted.text);
      sykmelding = submitted.json.parameter.find((p: Json) => p.name === 'sykmelding').valueReference.reference.split('/')[1];
    });
    after(() => s.close());

    it('shows an app launched for one patient nothing the doctor wrote about another', async () => {
      assert.equal((await get(`/fhir/QuestionnaireResponse/${sykmelding}`, full)).status, 200, 'the whole token reads it');
      const launched = await s.runtime.auth.tokenFor(doctor, { patient: mine[1], scope: 'launch openid fhirUser patient/*.rs' });
      const read = await get(`/fhir/QuestionnaireResponse/${sykmelding}`, launched);
      assert.equal(read.status, 404, read.text);
      assert.equal((await get(`/fhir/QuestionnaireResponse/${sykmelding}/$status`, launched)).status, 404);
      for (const url of ['/fhir/QuestionnaireResponse?_summary=count', '/fhir/Task?_summary=count']) {
        assert.equal((await get(url, launched)).json.total, 0, url);
      }
      const history = await get('/fhir/_history?_count=500', launched);
      const about = (history.json.entry ?? []).map((e: Json) => JSON.stringify(e.resource ?? {})).filter((t: string) => t.includes(`Patient/${mine[0]}`));
      assert.deepEqual(about, [], 'no version about the other patient in system history');
      assert.equal((await get(`/fhir/Practitioner?_has:QuestionnaireResponse:author:subject=Patient/${mine[0]}&_summary=count`, launched)).json.total, 0);
    });

    it('hides what the doctor created once someone else moved it to a patient the doctor may not see', async () => {
      const created = await s.request({ method: 'POST', url: '/fhir/Observation', headers: { authorization: `Bearer ${full}` }, body: { resourceType: 'Observation', status: 'final', code: { text: 'puls' }, subject: { reference: `Patient/${mine[0]}` } } });
      assert.equal(created.status, 201, created.text);
      const id = created.json.id;
      await s.runtime.service.update('Observation', id, { resourceType: 'Observation', id, status: 'final', code: { text: 'puls' }, subject: { reference: `Patient/${stranger}` } });
      assert.equal((await get(`/fhir/Observation/${id}`, full)).status, 404, 'the current version is the stranger’s');
      assert.equal((await get(`/fhir/Observation/${id}/_history/2`, full)).status, 404);
      assert.equal((await get(`/fhir/Observation/${id}/_history/1`, full)).status, 200, 'the version about their own patient stays theirs');
      assert.deepEqual(ids((await get(`/fhir/Observation/${id}/_history`, full)).json), [id]);
      assert.equal((await get(`/fhir/Observation?subject=Patient/${stranger}&_summary=count`, full)).json.total, 0);
      const typeHistory = await get('/fhir/Observation/_history?_count=500', full);
      const versions = (typeHistory.json.entry ?? []).filter((e: Json) => e.resource?.id === id).map((e: Json) => e.resource.meta.versionId);
      assert.deepEqual(versions, ['1']);
    });
  });
}
