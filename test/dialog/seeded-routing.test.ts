/**
 * Routing on the seeded synthetic population, on both stores: it holds patients with a GP, on a
 * vacant list and on no list, and the municipalities' services; each gets its recipient, and no
 * request waits on a doctor who does not exist.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEFAULTS } from '../../src/config.ts';
import { seedDatabase } from '../../src/cli/seed.ts';
import { getValidator } from '../../src/server.ts';
import { DIALOG } from '../../src/fhir/helsebro-codes.ts';
import { parseSearch } from '../../src/fhir/search/parse.ts';
import { DIALECTS } from '../support/databases.ts';
import { startTestServer, type TestServer } from '../support/runtime.ts';

type Json = Record<string, any>;

for (const dialect of DIALECTS) {
  describe(`routing on the seeded population on ${dialect}`, () => {
    let s: TestServer;
    let patients: Json[];
    let nav: string;

    before(async () => {
      s = await startTestServer(dialect, { auth: { ...DEFAULTS.auth, mode: 'builtin' } });
      await seedDatabase(s.t.db, await getValidator(), { seed: 5, patients: 200 });
      patients = (await s.runtime.service.search({ ...parseSearch('Patient', [['_count', '1000']], { maxCount: 1000 }), total: 'none' })).matches.map((m) => JSON.parse(m.content));
      nav = await s.runtime.auth.tokenFor('nav:Z990001', { purpose: 'Oppfølging' });
    });
    after(() => s.close());

    const send = async (p: Json) => {
      const res = await s.request({ method: 'POST', url: '/fhir/Task/$send-request', headers: { authorization: `Bearer ${nav}` }, body: { resourceType: 'Parameters', parameter: [
        { name: 'patient', valueReference: { reference: `Patient/${p.id}` } }, { name: 'kind', valueCode: 'DIALOGMOTE_INNKALLING' }, { name: 'text', valueString: 'Innkalling til dialogmøte.' }] } });
      assert.equal(res.status, 201, res.text);
      return res.json;
    };
    const regel = (t: Json) => t.extension[0].extension.find((e: Json) => e.url === 'regel').valueCode;

    it('sends to the GP list, the municipality of a vacant list, or the home municipality', async () => {
      const withGp = patients.find((p) => p.generalPractitioner?.some((g: Json) => g.reference.startsWith('Practitioner/')))!;
      const vacant = patients.find((p) => p.generalPractitioner?.[0]?.reference.startsWith('PractitionerRole/fastlege-ubesatt-'));
      const noList = patients.find((p) => !p.generalPractitioner);
      assert.ok(vacant && noList, 'the population has a vacant list and a patient on no list');
      const toGp = await send(withGp);
      assert.equal(regel(toGp), 'FASTLEGE');
      assert.equal(toGp.owner.reference, withGp.generalPractitioner[0].reference);
      const toList = await send(vacant);
      assert.equal(regel(toList), 'KOMMUNE_LISTEANSVAR');
      const role = JSON.parse((await s.runtime.service.read('PractitionerRole', vacant.generalPractitioner[0].reference.split('/')[1])).content);
      assert.equal(toList.owner.reference, role.organization.reference);
      const toHome = await send(noList);
      assert.equal(regel(toHome), 'KOMMUNE_BOSTED');
      const org = JSON.parse((await s.runtime.service.read('Organization', toHome.owner.reference.split('/')[1])).content);
      assert.equal(org.identifier.find((i: Json) => i.system === DIALOG.KOMMUNENUMMER_SYSTEM).value, noList.address[0].district);
      for (const t of [toList, toHome]) assert.ok(t.extension[0].extension.some((e: Json) => e.url === 'flagg' && e.valueCode === 'UTEN_FASTLEGE'));
    });
  });
}
