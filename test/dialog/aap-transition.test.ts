/**
 * The AAP transition job on both stores, from a stored sykmelding: too early, nothing; at week 39 of
 * the case, a NAV task and a legeerklæring request to the patient's GP; run again, nothing more.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { makeSyntheticIdent } from '../../src/domain/identity/index.ts';
import { DIALOG, ROLE_SYSTEM, TASK_CODE_SYSTEM } from '../../src/fhir/helsebro-codes.ts';
import { parseSearch } from '../../src/fhir/search/parse.ts';
import { AAP_TASK_CODE, runAapTransitions } from '../../src/dialog/aap.ts';
import { DIALECTS } from '../support/databases.ts';
import { startTestServer, type TestServer } from '../support/runtime.ts';
import { sykInnWithPeriod } from '../support/sykmeldinger.ts';

const FNR = makeSyntheticIdent('1979-01-15', 181) ?? makeSyntheticIdent('1979-01-15', 183)!;

for (const dialect of DIALECTS) {
  describe(`the AAP transition on ${dialect}`, () => {
    let s: TestServer;
    let now = new Date('2026-02-10T10:00:00Z');
    const refs: Record<string, string> = {};
    const create = async (key: string, body: Record<string, unknown>) => {
      refs[key] = `${String(body.resourceType)}/${(await s.runtime.service.create(String(body.resourceType), body)).stored.id}`;
      return refs[key]!;
    };
    const tasks = async (code: string, system = TASK_CODE_SYSTEM) =>
      (await s.runtime.service.search({ ...parseSearch('Task', [['code', `${system}|${code}`], ['patient', refs.patient!]]), total: 'accurate' })).matches.map((m) => JSON.parse(m.content));

    before(async () => {
      s = await startTestServer(dialect, {}, { now: () => now });
      const lege = (hpr: string) => ({
        resourceType: 'Practitioner', identifier: [{ system: 'urn:oid:2.16.578.1.12.4.1.4.4', value: hpr }], name: [{ family: 'Lege', given: ['Lise'] }],
        qualification: [
          { code: { coding: [{ system: 'urn:oid:2.16.578.1.12.4.1.1.9060', code: 'LE', display: 'Lege' }] } },
          { code: { coding: [{ system: 'urn:oid:2.16.578.1.12.4.1.1.7704', code: '1', display: 'Autorisasjon' }] }, period: { start: '2010-01-01' } },
        ],
      });
      await create('sykmelder', lege('1234567'));
      await create('gp', lege('7654321'));
      await create('office', { resourceType: 'Organization', name: 'Prøve legesenter' });
      await create('list', { resourceType: 'PractitionerRole', active: true, practitioner: { reference: refs.gp }, organization: { reference: refs.office }, code: [{ coding: [{ system: ROLE_SYSTEM, code: 'fastlege' }] }] });
      await create('patient', { resourceType: 'Patient', identifier: [{ system: 'urn:oid:2.16.578.1.12.4.1.4.1', value: FNR }], name: [{ family: 'Prøve', given: ['Per'] }], birthDate: '1979-01-15', generalPractitioner: [{ reference: refs.list }] });
      const encounter = await create('encounter', { resourceType: 'Encounter', status: 'finished', class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB' }, subject: { reference: refs.patient } });
      // One long sick leave from 5 February: its maksdato falls about a year later.
      await s.runtime.service.create('QuestionnaireResponse', sykInnWithPeriod({ subject: refs.patient!, author: refs.sykmelder!, encounter }, '2026-02-05', '2026-12-31', 'syk-aap'));
    });
    after(() => s.close());

    it('does nothing before the transition period', async () => {
      now = new Date('2026-08-01T08:00:00Z');
      const results = await runAapTransitions(s.runtime.service, now);
      const mine = results.find((r) => r.patient === refs.patient);
      assert.ok(mine, JSON.stringify(results));
      assert.equal(mine.decision.reason, 'FOR_TIDLIG', mine.decision.forklaring);
      assert.deepEqual(await tasks(AAP_TASK_CODE), []);
    });

    it('creates a NAV task and a legeerklæring request to the GP at week 39, once', async () => {
      now = new Date('2026-11-05T08:00:00Z');
      const first = await runAapTransitions(s.runtime.service, now);
      const mine = first.find((r) => r.patient === refs.patient)!;
      assert.equal(mine.decision.reason, 'OVERGANG', mine.decision.forklaring);
      assert.ok(mine.created);
      const again = await runAapTransitions(s.runtime.service, now);
      assert.equal(again.find((r) => r.patient === refs.patient)!.created, undefined);
      const navTasks = await tasks(AAP_TASK_CODE);
      assert.equal(navTasks.length, 1);
      assert.equal(navTasks[0].input[0].valueDate, mine.decision.maksdato!.maksdato);
      const requests = await tasks('FORESPORSEL_PASIENT_LEGEERKLARING', DIALOG.KIND_SYSTEM);
      assert.equal(requests.length, 1);
      assert.equal(requests[0].owner.reference, refs.list);
      assert.deepEqual(requests[0].partOf, [{ reference: `Task/${navTasks[0].id}` }]);
    });
  });
}
