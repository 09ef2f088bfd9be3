/**
 * Who is a patient's GP decides which doctor sees them, so a doctor may name only themselves as
 * one, or keep whom the stored Patient named: registering a patient on another doctor's list, or
 * moving one there, is refused and writes nothing. A system (the registry's import) may.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { seedDatabase } from '../../src/cli/seed.ts';
import { DEFAULTS } from '../../src/config.ts';
import { getValidator } from '../../src/server.ts';
import { fastlegeRoleId, hprNumber, practitionerId } from '../../src/synthetic/population.ts';
import { makeSyntheticIdent } from '../../src/domain/identity/index.ts';
import { DIALECTS } from '../support/databases.ts';
import { startTestServer, type TestServer } from '../support/runtime.ts';

const SEED = 5;
const FNR = 'urn:oid:2.16.578.1.12.4.1.4.1';

for (const dialect of DIALECTS) {
  describe(`naming a patient's GP on ${dialect}`, () => {
    let s: TestServer;
    let mine: Record<string, string>;
    let individ = 100;
    const patient = (gp: string[]) => ({
      resourceType: 'Patient',
      identifier: [{ system: FNR, value: makeSyntheticIdent('1990-04-12', individ++)! }],
      name: [{ family: 'Listeprøve', given: ['Per'] }],
      birthDate: '1990-04-12',
      generalPractitioner: gp.map((reference) => ({ reference })),
    });
    const listSize = async (i: number) => (await s.runtime.service.search({
      resourceType: 'Patient', filters: [], sort: [], count: 0, offset: 0, total: 'accurate', include: [], revinclude: [], raw: [['general-practitioner', `PractitionerRole/${fastlegeRoleId(i)}`]],
    } as never)).total ?? 0;

    before(async () => {
      s = await startTestServer(dialect, { auth: { ...DEFAULTS.auth, mode: 'builtin' } });
      await seedDatabase(s.t.db, await getValidator(), { seed: SEED, patients: 30 });
      mine = { authorization: `Bearer ${await s.runtime.auth.tokenFor(`hpr:${hprNumber(SEED, 0)}`)}` };
    });
    after(() => s.close());

    it('lets a doctor register a patient with themselves as GP', async () => {
      const res = await s.request({ method: 'POST', url: '/fhir/Patient', headers: mine, body: patient([`PractitionerRole/${fastlegeRoleId(0)}`, `Practitioner/${practitionerId(0)}`]) });
      assert.equal(res.status, 201, res.text);
    });

    it('refuses a new patient on another doctor’s list, and writes nothing', async () => {
      const count = async () => (await s.request({ method: 'GET', url: '/fhir/Patient?family=Listeprøve&_summary=count', headers: mine })).json.total;
      const before = await count();
      for (const gp of [`PractitionerRole/${fastlegeRoleId(1)}`, `Practitioner/${practitionerId(1)}`]) {
        const res = await s.request({ method: 'POST', url: '/fhir/Patient', headers: mine, body: patient([gp]) });
        assert.equal(res.status, 403, res.text);
        assert.match(res.json.issue[0].diagnostics, /generalPractitioner/);
      }
      assert.equal(await count(), before);
    });

    it('refuses moving a patient to another doctor’s list, and keeps a GP the stored version named', async () => {
      const created = await s.request({ method: 'POST', url: '/fhir/Patient', headers: mine, body: patient([`PractitionerRole/${fastlegeRoleId(0)}`]) });
      assert.equal(created.status, 201, created.text);
      const moved = await s.request({ method: 'PUT', url: `/fhir/Patient/${created.json.id}`, headers: mine, body: { ...created.json, generalPractitioner: [{ reference: `PractitionerRole/${fastlegeRoleId(2)}` }] } });
      assert.equal(moved.status, 403, moved.text);
      const stored = (await s.request({ method: 'GET', url: `/fhir/Patient/${created.json.id}`, headers: mine })).json;
      assert.deepEqual(stored.generalPractitioner, [{ reference: `PractitionerRole/${fastlegeRoleId(0)}` }]);
      // A patient on the doctor's own list who has another GP too keeps them through an update.
      const own = (await s.request({ method: 'GET', url: `/fhir/Patient?general-practitioner=PractitionerRole/${fastlegeRoleId(0)}&_count=1`, headers: mine })).json.entry[0].resource;
      const renamed = await s.request({ method: 'PUT', url: `/fhir/Patient/${own.id}`, headers: mine, body: { ...own, name: [{ family: 'Nytt', given: ['Navn'] }] } });
      assert.equal(renamed.status, 200, renamed.text);
    });

    it('lets the server\'s own writes (the registry import) set it', async () => {
      const before = await listSize(3);
      await s.runtime.service.create('Patient', patient([`PractitionerRole/${fastlegeRoleId(3)}`]));
      assert.equal(await listSize(3), before + 1);
    });
  });
}
