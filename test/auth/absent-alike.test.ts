/**
 * Forbidden and absent read alike: read, vread, history, update, patch and delete of a resource the
 * caller may not see get the answer an id nobody holds gets — the same status, issue code and
 * wording — so trying an id tells nothing of whether it exists. A refusal about the whole type (a
 * scope, a role that never writes, a missing purpose of use) stays 403, and is the same for both.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { seedDatabase } from '../../src/cli/seed.ts';
import { DEFAULTS } from '../../src/config.ts';
import { IdentifierSystem } from '../../src/domain/identity/index.ts';
import { getValidator } from '../../src/server.ts';
import { hprNumber, practitionerId } from '../../src/synthetic/population.ts';
import { DIALECTS } from '../support/databases.ts';
import { startTestServer, type TestServer } from '../support/runtime.ts';

const SEED = 29;
const ABSENT = 'finnes-ikke-1';

type Json = Record<string, any>;

for (const dialect of DIALECTS) {
  describe(`forbidden and absent alike on ${dialect}`, () => {
    let s: TestServer;
    let doctor: string;
    let citizen: string;
    let caseworker: string;
    let mine: string;
    let stranger: Json;
    let foreignObs: string;
    let deletedObs: string;
    let ownQr: string;

    const obs = (patient: string, id?: string) => ({ resourceType: 'Observation', ...(id ? { id } : {}), status: 'final', code: { text: 'puls' }, subject: { reference: `Patient/${patient}` } });
    const send = (token: string, method: string, url: string, body?: unknown, headers: Record<string, string> = {}) =>
      s.request({ method: method as 'GET', url, headers: { authorization: `Bearer ${token}`, ...headers }, body: body as object | undefined });
    /** The interactions on one id, each as the caller would try it. */
    const interactions = (type: string, body: (id: string) => unknown) => [
      { name: 'read', run: (t: string, id: string, h?: Record<string, string>) => send(t, 'GET', `/fhir/${type}/${id}`, undefined, h) },
      { name: 'vread', run: (t: string, id: string, h?: Record<string, string>) => send(t, 'GET', `/fhir/${type}/${id}/_history/1`, undefined, h) },
      { name: 'history', run: (t: string, id: string, h?: Record<string, string>) => send(t, 'GET', `/fhir/${type}/${id}/_history`, undefined, h) },
      { name: 'update with If-Match', run: (t: string, id: string, h?: Record<string, string>) => send(t, 'PUT', `/fhir/${type}/${id}`, body(id), { 'if-match': 'W/"1"', ...h }) },
      { name: 'patch', run: (t: string, id: string, h?: Record<string, string>) => send(t, 'PATCH', `/fhir/${type}/${id}`, [{ op: 'replace', path: '/status', value: 'amended' }], { 'content-type': 'application/json-patch+json', ...h }) },
      { name: 'delete', run: (t: string, id: string, h?: Record<string, string>) => send(t, 'DELETE', `/fhir/${type}/${id}`, undefined, h) },
    ];
    /** Status, issue codes and wording, with the id left out. */
    const answer = (res: { status: number; json: Json }, id: string) => ({
      status: res.status,
      issues: ((res.json?.issue ?? []) as Json[]).map((i) => `${i.code}: ${String(i.diagnostics ?? '').split(id).join('<id>')}`),
    });
    /** `expected`: the status of each interaction (one for all, or by name; a write refused to the role is 403). */
    async function assertAlike(token: string, type: string, existing: string, body: (id: string) => unknown, expected: number | Record<string, number>, headers?: Record<string, string>) {
      for (const i of interactions(type, body)) {
        const seen = answer(await i.run(token, existing, headers), existing);
        const absent = answer(await i.run(token, ABSENT, headers), ABSENT);
        assert.deepEqual(seen, absent, `${i.name} of ${type}/${existing} answers as for an absent id`);
        assert.equal(seen.status, typeof expected === 'number' ? expected : expected[i.name], `${i.name}: ${JSON.stringify(seen)}`);
      }
    }

    before(async () => {
      s = await startTestServer(dialect, { auth: { ...DEFAULTS.auth, mode: 'builtin' } });
      await seedDatabase(s.t.db, await getValidator(), { seed: SEED, patients: 40 });
      const patients = (await s.runtime.service.repo.search({ resourceType: 'Patient', filters: [], sort: [], count: 1000, offset: 0, total: 'none', include: [], revinclude: [], raw: [] })).matches.map((m) => JSON.parse(m.content) as Json);
      const onList = (p: Json, gp: number) => (p.generalPractitioner ?? []).some((g: Json) => g.reference === `Practitioner/${practitionerId(gp)}`);
      const unique = (p: Json) => patients.filter((q) => q.identifier[0].value === p.identifier[0].value).length === 1;
      mine = patients.find((p) => onList(p, 0))!.id;
      stranger = patients.find((p) => onList(p, 1) && unique(p) && p.identifier[0].system === IdentifierSystem.FNR)!;
      doctor = await s.runtime.auth.tokenFor(`hpr:${hprNumber(SEED, 0)}`);
      citizen = await s.runtime.auth.tokenFor(`pid:${patients.find((p) => onList(p, 2) && unique(p) && p.identifier[0].system === IdentifierSystem.FNR)!.identifier[0].value}`);
      caseworker = await s.runtime.auth.tokenFor('nav:Z990001');
      foreignObs = (await s.runtime.service.create('Observation', obs(stranger.id))).stored.id;
      deletedObs = (await s.runtime.service.create('Observation', obs(stranger.id))).stored.id;
      await s.runtime.service.delete('Observation', deletedObs);
      ownQr = (await s.runtime.service.create('QuestionnaireResponse', { resourceType: 'QuestionnaireResponse', status: 'completed', subject: { reference: `Patient/${stranger.id}` }, author: { reference: `Practitioner/${practitionerId(1)}` } })).stored.id;
    });
    after(() => s.close());

    it("answers a doctor about another doctor's patient data as about an id nobody holds (404)", async () => {
      await assertAlike(doctor, 'Observation', foreignObs, (id) => obs(mine, id), 404);
      await assertAlike(doctor, 'Patient', stranger.id, (id) => ({ ...stranger, id, meta: undefined }), 404);
      const read = await send(doctor, 'GET', `/fhir/Observation/${foreignObs}`);
      assert.equal(read.json.issue[0].code, 'not-found');
      assert.equal(read.json.issue[0].diagnostics, `Observation/${foreignObs} is not known`);
    });

    it('answers a deleted resource the caller may not see as absent, not as deleted', async () => {
      await assertAlike(doctor, 'Observation', deletedObs, (id) => obs(mine, id), 404);
    });

    it('refuses an update about a patient the doctor may not see alike for a taken and a free id', async () => {
      const taken = answer(await send(doctor, 'PUT', `/fhir/Observation/${foreignObs}`, obs(stranger.id, foreignObs)), foreignObs);
      const free = answer(await send(doctor, 'PUT', `/fhir/Observation/${ABSENT}`, obs(stranger.id, ABSENT)), ABSENT);
      assert.deepEqual(taken, free);
      assert.equal(taken.status, 403, JSON.stringify(taken));
      // A free id with the doctor's own patient is a create; a taken one they may not see is not known.
      const over = await send(doctor, 'PUT', `/fhir/Observation/${foreignObs}`, obs(mine, foreignObs));
      assert.equal(over.status, 404, over.text);
      assert.equal(over.json.issue[0].diagnostics, `Observation/${foreignObs} is not known`);
      const stored = JSON.parse((await s.runtime.service.repo.read('Observation', foreignObs)).content);
      assert.equal(stored.subject.reference, `Patient/${stranger.id}`, 'nothing written');
    });

    it("answers a citizen about another person's data as about an id nobody holds", async () => {
      const citizenWrites = { read: 404, vread: 404, history: 404, 'update with If-Match': 403, patch: 404, delete: 403 };
      await assertAlike(citizen, 'Patient', stranger.id, (id) => ({ ...stranger, id, meta: undefined }), citizenWrites);
      await assertAlike(citizen, 'Observation', foreignObs, (id) => obs(stranger.id, id), citizenWrites);
    });

    it('keeps a refusal of the whole type at 403, the same for every id', async () => {
      // A citizen reads no QuestionnaireResponse directly (it may hold content shielded from them).
      for (const i of interactions('QuestionnaireResponse', (id) => ({ resourceType: 'QuestionnaireResponse', id, status: 'completed' })).slice(0, 3)) {
        const seen = answer(await i.run(citizen, ownQr), ownQr);
        assert.deepEqual(seen, answer(await i.run(citizen, ABSENT), ABSENT), i.name);
        assert.equal(seen.status, 403, i.name);
      }
      // Read scopes do not delete.
      const readOnly = await s.runtime.auth.tokenFor(`hpr:${hprNumber(SEED, 0)}`, { scope: 'user/*.rs' });
      const del = answer(await send(readOnly, 'DELETE', `/fhir/Observation/${foreignObs}`), foreignObs);
      assert.deepEqual(del, answer(await send(readOnly, 'DELETE', `/fhir/Observation/${ABSENT}`), ABSENT));
      assert.equal(del.status, 403);
    });

    it('answers a caseworker without a purpose of use alike for a taken and a free id, and with one as absent', async () => {
      for (const i of interactions('Observation', (id) => obs(stranger.id, id))) {
        const seen = answer(await i.run(caseworker, foreignObs), foreignObs);
        assert.deepEqual(seen, answer(await i.run(caseworker, ABSENT), ABSENT), i.name);
        assert.equal(seen.status, 403, `${i.name}: ${JSON.stringify(seen)}`);
      }
      assert.match((await send(caseworker, 'GET', `/fhir/Observation/${foreignObs}`)).json.issue[0].diagnostics, /purpose/);
      const purpose = { 'x-purpose-of-use': 'sykepenger' };
      for (const i of interactions('Observation', (id) => obs(stranger.id, id)).slice(0, 3)) {
        const seen = answer(await i.run(caseworker, foreignObs, purpose), foreignObs);
        assert.deepEqual(seen, answer(await i.run(caseworker, ABSENT, purpose), ABSENT), i.name);
        assert.equal(seen.status, 404, `${i.name}: ${JSON.stringify(seen)}`);
      }
    });
  });
}
