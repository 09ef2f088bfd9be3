/**
 * No search is an oracle: the part of a search that reaches into other resources — a `_has` reverse
 * chain, a forward chain, also on a search pinned to a patient — matches only resources the caller
 * may see. Asked about a patient they may not see, a doctor or a citizen learns nothing (who the GP
 * is, who wrote a sykmelding, which office manages them, that an identity number is theirs), while
 * the same searches about a patient they may see answer as before.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { seedDatabase } from '../../src/cli/seed.ts';
import { DEFAULTS } from '../../src/config.ts';
import { IdentifierSystem } from '../../src/domain/identity/index.ts';
import { getValidator } from '../../src/server.ts';
import { hprNumber, practitionerId } from '../../src/synthetic/population.ts';
import { DIALECTS } from '../support/databases.ts';
import { searchRefs, startTestServer, type TestServer } from '../support/runtime.ts';

const SEED = 17;

type Json = Record<string, any>;

for (const dialect of DIALECTS) {
  describe(`searches that reach other resources, on ${dialect}`, () => {
    let s: TestServer;
    /** On doctor 0's list. */
    let mine: Json;
    /** On doctor 1's list: doctor 0 may not see them. */
    let stranger: Json;
    /** On doctor 2's list, with a sykmelding doctor 0 wrote (doctor 0 sees that, not the patient). */
    let former: Json;
    let doctor: string;
    let citizen: string;
    let obsMine: string;

    const ids = async (url: string, token: string) => (await searchRefs(s, url, token)).sort();
    const fnr = (p: Json) => `${IdentifierSystem.FNR}|${p.identifier[0].value}`;
    const gpOf = (p: Json, gp: number) => (p.generalPractitioner ?? []).some((g: Json) => g.reference === `Practitioner/${practitionerId(gp)}`);

    before(async () => {
      s = await startTestServer(dialect, { auth: { ...DEFAULTS.auth, mode: 'builtin' } });
      await seedDatabase(s.t.db, await getValidator(), { seed: SEED, patients: 40 });
      const patients = (await s.runtime.service.repo.search({ resourceType: 'Patient', filters: [], sort: [], count: 1000, offset: 0, total: 'none', include: [], revinclude: [], raw: [] }))
        .matches.map((m) => JSON.parse(m.content) as Json)
        .filter((p) => p.identifier[0].system === IdentifierSystem.FNR && p.managingOrganization);
      const unique = (p: Json) => patients.filter((q) => q.identifier[0].value === p.identifier[0].value).length === 1;
      mine = patients.find((p) => gpOf(p, 0) && unique(p))!;
      stranger = patients.find((p) => gpOf(p, 1) && unique(p))!;
      former = patients.find((p) => gpOf(p, 2) && unique(p))!;
      assert.ok(mine && stranger && former, 'the population has a patient on each list');
      doctor = await s.runtime.auth.tokenFor(`hpr:${hprNumber(SEED, 0)}`);
      citizen = await s.runtime.auth.tokenFor(`pid:${mine.identifier[0].value}`);
      const qr = (subject: Json, gp: number) => ({ resourceType: 'QuestionnaireResponse', status: 'completed', subject: { reference: `Patient/${subject.id}` }, author: { reference: `Practitioner/${practitionerId(gp)}` } });
      await s.runtime.service.create('QuestionnaireResponse', qr(mine, 1));
      await s.runtime.service.create('QuestionnaireResponse', qr(stranger, 1));
      await s.runtime.service.create('QuestionnaireResponse', qr(mine, 0));
      await s.runtime.service.create('QuestionnaireResponse', qr(former, 0));
      // An observation of the doctor's patient that observations of both patients group.
      const obs = (subject: Json, members: string[] = []) => ({
        resourceType: 'Observation', status: 'final', code: { text: 'puls' }, subject: { reference: `Patient/${subject.id}` },
        ...(members.length ? { hasMember: members.map((m) => ({ reference: `Observation/${m}` })) } : {}),
      });
      obsMine = (await s.runtime.service.create('Observation', obs(mine))).stored.id;
      await s.runtime.service.create('Observation', obs(mine, [obsMine]));
      await s.runtime.service.create('Observation', obs(stranger, [obsMine]));
    });
    after(() => s.close());

    it("does not tell a doctor who another doctor's patient's GP is", async () => {
      assert.deepEqual(await ids(`/fhir/Practitioner?_has:Patient:general-practitioner:identifier=${fnr(mine)}`, doctor), [`Practitioner/${practitionerId(0)}`]);
      assert.deepEqual(await ids(`/fhir/Practitioner?_has:Patient:general-practitioner:identifier=${fnr(stranger)}`, doctor), []);
      assert.equal((await ids(`/fhir/PractitionerRole?_has:Patient:general-practitioner:identifier=${fnr(mine)}`, doctor)).length, 1);
      assert.deepEqual(await ids(`/fhir/PractitionerRole?_has:Patient:general-practitioner:identifier=${fnr(stranger)}`, doctor), []);
      assert.deepEqual(await ids(`/fhir/Practitioner?_has:Patient:general-practitioner:_id=${stranger.id}`, doctor), []);
    });

    it('does not tell a doctor who wrote the sykmelding of a patient they may not see', async () => {
      assert.deepEqual(await ids(`/fhir/Practitioner?_has:QuestionnaireResponse:author:subject=Patient/${mine.id}`, doctor), [`Practitioner/${practitionerId(0)}`, `Practitioner/${practitionerId(1)}`]);
      assert.deepEqual(await ids(`/fhir/Practitioner?_has:QuestionnaireResponse:author:subject=Patient/${stranger.id}`, doctor), []);
    });

    it("does not tell a doctor which office manages another doctor's patient", async () => {
      assert.deepEqual(await ids(`/fhir/Organization?_has:Patient:organization:identifier=${fnr(mine)}`, doctor), [mine.managingOrganization.reference]);
      assert.deepEqual(await ids(`/fhir/Organization?_has:Patient:organization:identifier=${fnr(stranger)}`, doctor), []);
    });

    it('follows a forward chain only to patients the doctor may see, even from what they wrote', async () => {
      // Doctor 0 reads both sykmeldinger they wrote, but only one of the two patients.
      assert.equal((await ids(`/fhir/QuestionnaireResponse?author=Practitioner/${practitionerId(0)}`, doctor)).length, 2);
      for (const chain of ['subject:Patient.identifier', 'subject.identifier']) {
        assert.equal((await ids(`/fhir/QuestionnaireResponse?author=Practitioner/${practitionerId(0)}&${chain}=${fnr(mine)}`, doctor)).length, 1, chain);
        assert.deepEqual(await ids(`/fhir/QuestionnaireResponse?author=Practitioner/${practitionerId(0)}&${chain}=${fnr(former)}`, doctor), [], chain);
      }
      // The patient-pinned statement (an identifier chain alone).
      assert.equal((await ids(`/fhir/QuestionnaireResponse?subject:Patient.identifier=${fnr(mine)}`, doctor)).length, 2);
      assert.deepEqual(await ids(`/fhir/QuestionnaireResponse?subject:Patient.identifier=${fnr(former)}`, doctor), []);
      // A chain the patient-pinned statement does not take.
      const sameBirth = mine.birthDate === former.birthDate ? 1 : 0;
      assert.equal((await ids(`/fhir/QuestionnaireResponse?author=Practitioner/${practitionerId(0)}&subject:Patient.birthdate=${former.birthDate}`, doctor)).length, sameBirth);
    });

    it('applies the condition inside _has on a search pinned to a patient the doctor may see', async () => {
      const pinned = `/fhir/Observation?subject=Patient/${mine.id}&_has:Observation:has-member`;
      assert.deepEqual(await ids(`${pinned}:subject=Patient/${mine.id}`, doctor), [`Observation/${obsMine}`]);
      assert.deepEqual(await ids(`${pinned}:subject=Patient/${stranger.id}`, doctor), []);
    });

    it('tells a citizen their own GP and office, and nobody else’s', async () => {
      assert.deepEqual(await ids(`/fhir/Practitioner?_has:Patient:general-practitioner:identifier=${fnr(mine)}`, citizen), [`Practitioner/${practitionerId(0)}`]);
      assert.deepEqual(await ids(`/fhir/Practitioner?_has:Patient:general-practitioner:identifier=${fnr(stranger)}`, citizen), []);
      assert.deepEqual(await ids(`/fhir/Organization?_has:Patient:organization:identifier=${fnr(mine)}`, citizen), [mine.managingOrganization.reference]);
      assert.deepEqual(await ids(`/fhir/Organization?_has:Patient:organization:identifier=${fnr(stranger)}`, citizen), []);
      assert.deepEqual(await ids(`/fhir/Practitioner?_has:QuestionnaireResponse:author:subject=Patient/${stranger.id}`, citizen), []);
      assert.deepEqual(await ids(`/fhir/Observation?subject.identifier=${fnr(stranger)}`, citizen), []);
    });
  });
}
