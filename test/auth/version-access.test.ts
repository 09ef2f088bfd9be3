/**
 * Every version obeys access, not only the current one: an Observation written about patient A and
 * then moved to patient B shows A's version only to those who may see A, and B's only to those who
 * may see B — by vread and in instance, type and system history, with totals and paging that count
 * only what the caller may see. Also for versions written before the store recorded whom each
 * version is about (filled in by the migration's backfill).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { seedDatabase } from '../../src/cli/seed.ts';
import { DEFAULTS } from '../../src/config.ts';
import { getValidator } from '../../src/server.ts';
import { backfillVersionSubjects } from '../../src/store/backfill-version-subjects.ts';
import { hprNumber } from '../../src/synthetic/population.ts';
import { DIALECTS } from '../support/databases.ts';
import { startTestServer, type TestServer } from '../support/runtime.ts';

const SEED = 8;

type Json = Record<string, any>;

/** `Type/id/_history/n` of every entry of a history bundle (deletions included). */
const versionsIn = (bundle: Json): string[] =>
  (bundle.entry ?? []).map((e: Json) => `${String(e.fullUrl).split('/fhir/')[1]}/_history/${/\d+/.exec(e.response.etag)![0]}`);

for (const dialect of DIALECTS) {
  describe(`access to every version on ${dialect}`, () => {
    let s: TestServer;
    /** Who may see patient A (and not B), and who may see B (and not A). */
    const sides: Record<'A' | 'B', { patient: string; citizen: string; doctor: string }> = {} as never;
    let moved: string;
    let deleted: string;

    const get = (url: string, token: string) => s.request({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
    const observation = (patient: string) => ({
      resourceType: 'Observation', status: 'final', code: { coding: [{ system: 'http://loinc.org', code: '8867-4' }] },
      subject: { reference: `Patient/${patient}` }, effectiveDateTime: '2026-02-01',
    });
    /** What one user sees of the two moved resources. */
    const mine = (versions: string[]) => versions.filter((v) => v.startsWith(`Observation/${moved}/`) || v.startsWith(`Observation/${deleted}/`)).sort();

    before(async () => {
      s = await startTestServer(dialect, { auth: { ...DEFAULTS.auth, mode: 'builtin' } });
      await seedDatabase(s.t.db, await getValidator(), { seed: SEED, patients: 40 });
      const doctors = [`hpr:${hprNumber(SEED, 0)}`, `hpr:${hprNumber(SEED, 1)}`];
      const tokens = await Promise.all(doctors.map((d) => s.runtime.auth.tokenFor(d)));
      const lists = await Promise.all(tokens.map(async (t) => new Map<string, Json>((await get('/fhir/Patient?_count=100', t)).json.entry.map((e: Json) => [e.resource.id, e.resource]))));
      const only = (k: 0 | 1) => [...lists[k].values()].find((p) => !lists[1 - k].has(p.id))!;
      for (const [side, k] of [['A', 0], ['B', 1]] as const) {
        const patient = only(k);
        sides[side] = { patient: patient.id, doctor: tokens[k], citizen: await s.runtime.auth.tokenFor(`pid:${patient.identifier[0].value}`) };
      }
      // Written by the server itself (no creator to see it through), then moved from A to B.
      const repo = s.runtime.service.repo;
      for (const remove of [false, true]) {
        const first = await repo.create(observation(sides.A.patient));
        await repo.update({ ...observation(sides.B.patient), id: first.id });
        if (remove) await repo.delete('Observation', first.id);
        if (remove) deleted = first.id;
        else moved = first.id;
      }
    });
    after(() => s.close());

    const users = () => [
      { who: "B's doctor", side: 'B' as const, token: sides.B.doctor },
      { who: 'B', side: 'B' as const, token: sides.B.citizen },
      { who: "A's doctor", side: 'A' as const, token: sides.A.doctor },
      { who: 'A', side: 'A' as const, token: sides.A.citizen },
    ];
    /** What each side may see: A the versions about A, B those about B (a deletion is about whom the deleted version was). */
    const expected = (side: 'A' | 'B') => (side === 'A'
      ? [`Observation/${moved}/_history/1`, `Observation/${deleted}/_history/1`]
      : [`Observation/${moved}/_history/2`, `Observation/${deleted}/_history/2`, `Observation/${deleted}/_history/3`]).sort();

    it('refuses a vread of a version about the other patient, and gives one about their own whatever the resource says now', async () => {
      for (const user of users()) {
        for (const id of [moved, deleted]) {
          const [own, other] = user.side === 'A' ? [1, 2] : [2, 1];
          const refused = await get(`/fhir/Observation/${id}/_history/${other}`, user.token);
          // Refused as a version nobody holds is (security.md: forbidden and absent read alike).
          assert.equal(refused.status, 404, `${user.who}: version ${other} of ${id}: ${refused.text}`);
          assert.equal(refused.json.resourceType, 'OperationOutcome');
          assert.equal(refused.json.issue[0].diagnostics, `Observation/${id} has no version ${other}`);
          assert.doesNotMatch(refused.text, new RegExp(sides[user.side === 'A' ? 'B' : 'A'].patient), 'nothing of the other patient in the refusal');
          const shown = await get(`/fhir/Observation/${id}/_history/${own}`, user.token);
          assert.equal(shown.status, 200, `${user.who}: version ${own} of ${id}: ${shown.text}`);
          assert.equal(shown.json.subject.reference, `Patient/${sides[user.side].patient}`);
        }
        const deletion = await get(`/fhir/Observation/${deleted}/_history/3`, user.token);
        assert.equal(deletion.status, user.side === 'B' ? 410 : 404, `${user.who}: the deletion of what was B's by then`);
        const read = await get(`/fhir/Observation/${deleted}`, user.token);
        assert.equal(read.status, user.side === 'B' ? 410 : 404, `${user.who}: reading what was deleted as B's: ${read.text}`);
        const absent = await get(`/fhir/Observation/${moved}/_history/9`, user.token);
        assert.equal(absent.status, 404);
        assert.equal(absent.json.issue[0].diagnostics, `Observation/${moved} has no version 9`, 'worded as a hidden version is');
      }
    });

    it('gives instance history of only the versions the caller may see, counted so', async () => {
      for (const user of users()) {
        for (const id of [moved, deleted]) {
          const history = await get(`/fhir/Observation/${id}/_history`, user.token);
          assert.equal(history.status, 200, `${user.who}: ${history.text}`);
          const want = expected(user.side).filter((v) => v.startsWith(`Observation/${id}/`));
          assert.deepEqual(versionsIn(history.json).sort(), want, `${user.who}: history of ${id}`);
          assert.equal(history.json.total, want.length);
          const first = await get(`/fhir/Observation/${id}/_history?_count=1`, user.token);
          assert.equal(first.json.total, want.length);
          assert.equal(first.json.link.some((l: Json) => l.relation === 'next'), want.length > 1, `${user.who}: a next page only when there is one to see`);
        }
      }
    });

    it('gives type and system history of only the versions the caller may see, with totals to match', async () => {
      for (const user of users()) {
        for (const url of ['/fhir/Observation/_history', '/fhir/_history']) {
          const history = await get(`${url}?_count=1000`, user.token);
          assert.equal(history.status, 200, `${user.who}: ${url}: ${history.text}`);
          assert.deepEqual(mine(versionsIn(history.json)), expected(user.side), `${user.who}: ${url}`);
          assert.equal(history.json.total, history.json.entry.length, `${user.who}: ${url} counts what it shows`);
          for (const r of (history.json.entry as Json[]).map((e) => e.resource).filter((r) => r?.resourceType === 'Observation')) {
            assert.notEqual(r.subject.reference, `Patient/${sides[user.side === 'A' ? 'B' : 'A'].patient}`, `${user.who}: ${url} shows nothing about the other patient`);
          }
          const page = await get(`${url}?_count=1`, user.token);
          assert.equal(page.json.total, history.json.total, `${user.who}: ${url} pages count the same`);
        }
      }
    });

    it('judges versions written before whom each is about was recorded, once the migration has filled it in', async () => {
      await s.t.db.query(`UPDATE resource_history SET patients = NULL, authors = NULL WHERE resource_type = 'Observation' AND id = ANY($1::text[])`, [[moved, deleted]]);
      await s.t.db.transaction((tx) => backfillVersionSubjects(tx));
      for (const user of users()) {
        const history = await get(`/fhir/Observation/_history?_count=1000`, user.token);
        assert.deepEqual(mine(versionsIn(history.json)), expected(user.side), `${user.who}: after the backfill`);
      }
    });
  });
}
