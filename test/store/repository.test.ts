/** The Repository contract, run on PGlite and on PostgreSQL. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { FhirError } from '../../src/fhir/outcome.ts';
import type { Repository } from '../../src/store/repository.ts';
import { createRepository } from '../../src/store/sql-repository.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/databases.ts';

const patient = (family: string) => ({ resourceType: 'Patient', name: [{ family, given: ['Kari'] }] });

async function rejectsWith(promise: Promise<unknown>, status: number) {
  await assert.rejects(promise, (err: unknown) => err instanceof FhirError && err.status === status);
}

for (const dialect of DIALECTS) {
  describe(`repository on ${dialect}`, () => {
    let t: TestDatabase;
    let repo: Repository;
    before(async () => {
      t = await createTestDatabase(dialect);
      repo = createRepository(t.db);
    });
    after(() => t.drop());

    it('creates with a server id and version 1, and reads it back unchanged', async () => {
      const stored = await repo.create(patient('Nordmann'));
      assert.match(stored.id, /^[0-9a-f-]{36}$/);
      assert.equal(stored.versionId, 1);
      const read = await repo.read('Patient', stored.id);
      assert.equal(read.content, stored.content);
      const json = JSON.parse(read.content);
      assert.equal(json.id, stored.id);
      assert.equal(json.meta.versionId, '1');
      assert.equal(json.meta.lastUpdated, stored.lastUpdated);
    });

    it('refuses to create an id that exists', async () => {
      await repo.create(patient('A'), { id: 'fixed-1' });
      await rejectsWith(repo.create(patient('B'), { id: 'fixed-1' }), 409);
    });

    it('updates with a new version, keeps history, and vreads old versions', async () => {
      const v1 = await repo.create(patient('Old'));
      const { stored: v2, created } = await repo.update({ ...JSON.parse(v1.content), name: [{ family: 'New' }] });
      assert.equal(created, false);
      assert.equal(v2.versionId, 2);
      assert.equal(JSON.parse((await repo.vread('Patient', v1.id, 1)).content).name[0].family, 'Old');
      assert.equal(JSON.parse((await repo.read('Patient', v1.id)).content).name[0].family, 'New');
      const h = await repo.history({ resourceType: 'Patient', id: v1.id, count: 10, offset: 0 });
      assert.deepEqual(h.entries.map((e) => [e.versionId, e.method]), [[2, 'PUT'], [1, 'POST']]);
      assert.equal(h.total, 2);
    });

    it('reads several resources in one call, leaving out unknown ones and flagging deleted ones', async () => {
      const a = await repo.create(patient('Many-A'));
      const b = await repo.create({ resourceType: 'Practitioner', name: [{ family: 'Many-B' }] });
      const c = await repo.create(patient('Many-C'));
      await repo.delete('Patient', c.id);
      const rows = await repo.readMany([
        { resourceType: 'Practitioner', id: b.id }, { resourceType: 'Patient', id: a.id }, { resourceType: 'Patient', id: 'nobody' },
        { resourceType: 'Practitioner', id: a.id }, { resourceType: 'Patient', id: c.id },
      ]);
      const byKey = new Map(rows.map((r) => [`${r.resourceType}/${r.id}`, r]));
      assert.deepEqual([...byKey.keys()].sort(), [`Patient/${a.id}`, `Patient/${c.id}`, `Practitioner/${b.id}`].sort());
      assert.equal(byKey.get(`Patient/${a.id}`)!.content, a.content);
      assert.equal(byKey.get(`Patient/${c.id}`)!.deleted, true);
      assert.deepEqual(await repo.readMany([]), []);
      // A few ids and many ids take different statements: the same answers, repeated ids once.
      const many = await Promise.all(Array.from({ length: 12 }, (_, i) => repo.create(patient(`Many-${i}`))));
      const refs = many.map((m) => ({ resourceType: 'Patient', id: m.id }));
      for (const n of [1, 2, 6, 7, 12]) {
        const wanted = [...refs.slice(0, n), { resourceType: 'Patient', id: 'nobody' }, refs[0]];
        const got = await repo.readMany(wanted);
        assert.deepEqual(got.map((r) => r.id).sort(), refs.slice(0, n).map((r) => r.id).sort(), `${n} ids`);
      }
    });

    it('creates on update with a client id', async () => {
      const { stored, created } = await repo.update({ ...patient('Client'), id: 'client-chosen' });
      assert.equal(created, true);
      assert.equal(stored.versionId, 1);
    });

    it('enforces If-Match versions', async () => {
      const v1 = await repo.create(patient('Match'));
      await repo.update({ ...JSON.parse(v1.content) }, { ifMatchVersion: 1 });
      await rejectsWith(repo.update({ ...JSON.parse(v1.content) }, { ifMatchVersion: 1 }), 412);
      await rejectsWith(repo.delete('Patient', v1.id, { ifMatchVersion: 1 }), 412);
    });

    it('soft-deletes: read gives 410, history keeps every version, and re-creating continues the versions', async () => {
      const v1 = await repo.create(patient('Gone'));
      assert.equal(await repo.delete('Patient', v1.id), true);
      assert.equal(await repo.delete('Patient', v1.id), false);
      await rejectsWith(repo.read('Patient', v1.id), 410);
      await rejectsWith(repo.vread('Patient', v1.id, 2), 410);
      assert.equal(JSON.parse((await repo.vread('Patient', v1.id, 1)).content).name[0].family, 'Gone');
      const again = await repo.update({ ...patient('Back'), id: v1.id });
      assert.equal(again.created, true);
      assert.equal(again.stored.versionId, 3);
    });

    it('answers 404 for unknown ids and versions', async () => {
      await rejectsWith(repo.read('Patient', 'nobody'), 404);
      await rejectsWith(repo.vread('Patient', 'nobody', 1), 404);
    });

    it('rolls back every write of a failed transaction', async () => {
      await assert.rejects(
        repo.withTransaction(async (tx) => {
          await tx.create(patient('Rolled'), { id: 'tx-1' });
          await tx.create(patient('Back'), { id: 'tx-1' });
        }),
      );
      assert.equal(await repo.readIfExists('Patient', 'tx-1'), undefined);
      const h = await repo.history({ resourceType: 'Patient', id: 'tx-1', count: 10, offset: 0 });
      assert.equal(h.total, 0);
    });

    describe('writeTogether (a resource and the companions the server derives from it)', () => {
      const task = (id: string, patientId: string) => ({ resourceType: 'Task', id, status: 'requested', intent: 'order', code: { coding: [{ system: 'urn:test:task', code: 'wt' }] }, for: { reference: `Patient/${patientId}` } });
      const tasksFor = async (patientId: string) =>
        (await repo.findLinkedStamps({ resourceType: 'Task', tag: { param: 'code', system: 'urn:test:task', code: 'wt' }, via: { param: 'subject', type: 'Patient', identifier: { system: 'urn:test', value: patientId } }, include: 'focus' })).length;

      it('stores the resource and its companions with the same time, each searchable', async () => {
        const written = await repo.writeTogether({ ...patient('Together'), identifier: [{ system: 'urn:test', value: 'wt-1' }] }, { method: 'POST', id: 'wt-p1' }, [task('wt-t1', 'wt-p1'), task('wt-t2', 'wt-p1')]);
        assert.equal(written.created, true);
        assert.deepEqual(written.companions.map((c) => [c.resourceType, c.id, c.versionId]), [['Task', 'wt-t1', 1], ['Task', 'wt-t2', 1]]);
        assert.ok(written.companions.every((c) => c.lastUpdated === written.stored.lastUpdated));
        assert.equal((await repo.read('Task', 'wt-t2')).content, written.companions[1].content);
        assert.equal(await tasksFor('wt-1'), 2);
        const h = await repo.history({ resourceType: 'Task', id: 'wt-t1', count: 10, offset: 0 });
        assert.deepEqual(h.entries.map((e) => [e.versionId, e.method]), [[1, 'POST']]);
      });

      it('writes nothing when a companion id is taken, and names it in a 409', async () => {
        await repo.create(task('wt-taken', 'x'), { id: 'wt-taken' });
        await assert.rejects(
          repo.writeTogether({ ...patient('Lost'), identifier: [{ system: 'urn:test', value: 'wt-2' }] }, { method: 'POST', id: 'wt-p2' }, [task('wt-new', 'wt-p2'), task('wt-taken', 'wt-p2')]),
          (err: unknown) => err instanceof FhirError && err.status === 409 && /Task\/wt-taken/.test(JSON.stringify(err.outcome)),
        );
        assert.equal(await repo.readIfExists('Patient', 'wt-p2'), undefined);
        assert.equal(await repo.readIfExists('Task', 'wt-new'), undefined);
        assert.equal((await repo.history({ resourceType: 'Patient', id: 'wt-p2', count: 10, offset: 0 })).total, 0);
        assert.equal(await tasksFor('wt-2'), 0);
      });

      it('writes no companion when the main write loses (its id is taken)', async () => {
        await repo.create(patient('First'), { id: 'wt-p3' });
        await rejectsWith(repo.writeTogether(patient('Second'), { method: 'POST', id: 'wt-p3' }, [task('wt-t3', 'wt-p3')]), 409);
        assert.equal(await repo.readIfExists('Task', 'wt-t3'), undefined);
      });

      it('updates with companions, and keeps a transaction usable after a taken companion id', async () => {
        const v1 = await repo.create(patient('Upd'), { id: 'wt-p4' });
        const written = await repo.writeTogether({ ...JSON.parse(v1.content), gender: 'female' }, { method: 'PUT', id: 'wt-p4', ifMatchVersion: 1 }, [task('wt-t4', 'wt-p4')]);
        assert.equal(written.stored.versionId, 2);
        assert.equal(written.created, false);
        assert.equal(JSON.parse((await repo.read('Task', 'wt-t4')).content).for.reference, 'Patient/wt-p4');
        await rejectsWith(repo.writeTogether(patient('Stale'), { method: 'PUT', id: 'wt-p4', ifMatchVersion: 1 }, [task('wt-t5', 'wt-p4')]), 412);
        assert.equal(await repo.readIfExists('Task', 'wt-t5'), undefined);
        const after = await repo.withTransaction(async (tx) => {
          await rejectsWith(tx.writeTogether(patient('InTx'), { method: 'POST', id: 'wt-p6' }, [task('wt-taken', 'wt-p6')]), 409);
          return tx.readIfExists('Task', 'wt-taken');
        }).catch((err: unknown) => err);
        assert.equal((after as { id?: string }).id, 'wt-taken');
      });
    });

    it('keeps concurrent updates of one resource serial: every version number is used once', async () => {
      const v1 = await repo.create(patient('Race'));
      const base = JSON.parse(v1.content);
      const results = await Promise.all(Array.from({ length: 8 }, (_, i) => repo.update({ ...base, gender: i % 2 ? 'male' : 'female' })));
      const versions = results.map((r) => r.stored.versionId).sort((a, b) => a - b);
      assert.deepEqual(versions, [2, 3, 4, 5, 6, 7, 8, 9]);
    });

    it('pages system history newest first', async () => {
      const h1 = await repo.history({ count: 3, offset: 0 });
      const h2 = await repo.history({ count: 3, offset: 3 });
      assert.equal(h1.entries.length, 3);
      const all = [...h1.entries, ...h2.entries].map((e) => e.lastUpdated);
      assert.deepEqual(all, [...all].sort().reverse());
    });
  });
}
