/**
 * The implementation guide's examples (fhir/examples/) validate with the server's own validator,
 * and the example transaction (a new patient and a sykmelding by a demo GP, named by HPR number) is
 * accepted end to end on both stores when that GP's EHR posts it.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { seedDatabase } from '../../src/cli/seed.ts';
import { DEFAULTS } from '../../src/config.ts';
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
    let headers: Record<string, string>;
    before(async () => {
      s = await startTestServer(dialect, { auth: { ...DEFAULTS.auth, mode: 'builtin' } }, { now: () => new Date('2026-11-23T09:30:00+01:00') });
      // The demo population (seed 1): hpr:1079190 is its first GP, the author the example names.
      await seedDatabase(s.t.db, await getValidator(), { seed: 1, patients: 40 });
      headers = { authorization: `Bearer ${await s.runtime.auth.tokenFor('hpr:1079190')}` };
    });
    after(() => s.close());

    it("stores the new patient and the GP's accepted sykmelding", async () => {
      const bundle = examples.find((e) => e.resource.resourceType === 'Bundle')!.resource;
      const res = await s.request({ method: 'POST', url: '/fhir', headers, body: bundle });
      assert.equal(res.status, 200, res.text);
      assert.deepEqual(res.json.entry.map((e: any) => e.response.status.slice(0, 3)), ['201', '201']);
      const qr = res.json.entry[1].resource;
      const gp = await s.request({ method: 'GET', url: `/fhir/${qr.author.reference}`, headers });
      assert.equal(gp.json.identifier[0].value, '1079190', 'the conditional author reference resolved to the GP');
      const status = await s.request({ method: 'GET', url: `/fhir/QuestionnaireResponse/${qr.id}/$status`, headers });
      assert.equal(status.status, 200, status.text);
      assert.equal(status.json.parameter.find((p: any) => p.name === 'status').valueCode, 'OK', status.text);
      // Sent again (the EHR retries): the conditional create matches and the sykmelding is a duplicate.
      const again = await s.request({ method: 'POST', url: '/fhir', headers, body: bundle });
      assert.equal(again.status, 200, again.text);
      assert.deepEqual(again.json.entry.map((e: any) => e.response.status.slice(0, 3)), ['200', '200']);
      const mine = await s.request({ method: 'GET', url: `/fhir/QuestionnaireResponse?subject=${qr.subject.reference}&_summary=count`, headers });
      assert.equal(mine.json.total, 1);
    });
  });
}
