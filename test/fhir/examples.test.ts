/**
 * The implementation guide's examples (fhir/examples/) validate with the server's own validator,
 * and the example transaction (patient, doctor, sykmelding) is accepted end to end on both stores.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { hasErrors } from '../../src/fhir/outcome.ts';
import { getValidator } from '../../src/server.ts';
import { DIALECTS } from '../support/databases.ts';
import { startTestServer, type TestServer } from '../support/runtime.ts';

const DIR = new URL('../../fhir/examples/', import.meta.url);
const examples = readdirSync(DIR).filter((f) => f.endsWith('.json')).map((f) => ({ file: f, resource: JSON.parse(readFileSync(new URL(f, DIR), 'utf8')) }));

describe('implementation guide examples', () => {
  it('has examples of every kind the guide profiles', () => {
    assert.deepEqual([...new Set(examples.map((e) => e.resource.resourceType))].sort(), ['Bundle', 'Organization', 'Patient', 'Practitioner', 'QuestionnaireResponse']);
  });

  for (const { file, resource } of examples) {
    it(`${file} validates without errors`, async () => {
      const issues = (await getValidator()).validate(resource);
      assert.ok(!hasErrors(issues), JSON.stringify(issues.filter((i) => i.severity === 'error'), null, 1));
    });
  }
});

for (const dialect of DIALECTS) {
  describe(`example transaction on ${dialect}`, () => {
    let s: TestServer;
    before(async () => {
      s = await startTestServer(dialect, {}, { now: () => new Date('2026-11-23T09:30:00+01:00') });
    });
    after(() => s.close());

    it('stores the patient, the doctor and an accepted sykmelding', async () => {
      const bundle = examples.find((e) => e.resource.resourceType === 'Bundle')!.resource;
      const res = await s.request({ method: 'POST', url: '/fhir', body: bundle });
      assert.equal(res.status, 200, res.text);
      const qrId = /QuestionnaireResponse\/([^/]+)/.exec(res.json.entry[2].response.location)![1];
      const status = await s.request({ method: 'GET', url: `/fhir/QuestionnaireResponse/${qrId}/$status` });
      assert.equal(status.json.parameter.find((p: any) => p.name === 'status').valueCode, 'OK', status.text);
      // Sent again (the EHR retries): the conditional creates match and the sykmelding is a duplicate.
      const again = await s.request({ method: 'POST', url: '/fhir', body: bundle });
      assert.equal(again.status, 200, again.text);
      assert.deepEqual(again.json.entry.map((e: any) => e.response.status.slice(0, 3)), ['200', '200', '200']);
      assert.equal((await s.request({ method: 'GET', url: '/fhir/QuestionnaireResponse?_summary=count' })).json.total, 1);
    });
  });
}
