/**
 * The fixed-shape lookups (src/store/lookups.ts) give the same answer as the FHIR searches they
 * stand for, on PGlite and on PostgreSQL — including deleted resources, other identifiers, other
 * codes and resources with nothing to include.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { LinkedQuery, LinkedStamps, Repository, StoredResource, VersionStamp } from '../../src/store/repository.ts';
import { createRepository } from '../../src/store/sql-repository.ts';
import { findByIdentifierBySearch, findLinkedStampsBySearch } from '../../src/store/lookups-by-search.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/databases.ts';

// Any identifier system several resources may carry: a national identity number is carried by one
// current Patient at most (test/auth/national-identity.test.ts), the lookups are the same for every system.
const EHR_NUMBER = 'https://ehr.example.org/pasientnummer';
const HPR = 'urn:oid:2.16.578.1.12.4.1.4.4';
const CODES = 'https://example.org/task-codes';

const patient = (id: string, fnr: string) => ({ resourceType: 'Patient', id, identifier: [{ system: EHR_NUMBER, value: fnr }] });
const task = (id: string, patientId: string, code: string, focus?: string) => ({
  resourceType: 'Task', id, status: 'requested', intent: 'order',
  code: { coding: [{ system: CODES, code }] },
  for: { reference: `Patient/${patientId}` },
  ...(focus ? { focus: { reference: focus } } : {}),
});
const note = (id: string) => ({ resourceType: 'Basic', id, code: { text: 'note' } });

const ids = (rows: Array<StoredResource | VersionStamp>) => rows.map((r) => `${r.resourceType}/${r.id}@${r.versionId}`);
const shape = (rows: LinkedStamps[]) => rows.map((r) => [ids([r.resource])[0], ids(r.included)]);

const query = (fnr: string, code = 'status'): LinkedQuery => ({
  resourceType: 'Task',
  tag: { param: 'code', system: CODES, code },
  via: { param: 'subject', type: 'Patient', identifier: { system: EHR_NUMBER, value: fnr } },
  include: 'focus',
});

for (const dialect of DIALECTS) {
  describe(`fixed lookups on ${dialect}`, () => {
    let t: TestDatabase;
    let repo: Repository;
    before(async () => {
      t = await createTestDatabase(dialect);
      repo = createRepository(t.db);
      // Two Patient resources with the same number (two EHRs' records of one person), one for someone else.
      await repo.create(patient('p1', '01010112345'), { id: 'p1' });
      await repo.create(patient('p2', '01010112345'), { id: 'p2' });
      await repo.create(patient('p3', '02020212345'), { id: 'p3' });
      await repo.create({ resourceType: 'Practitioner', identifier: [{ system: HPR, value: '1234567' }] }, { id: 'd1' });
      for (const n of ['n1', 'n2', 'n3', 'n4', 'n5']) await repo.create(note(n), { id: n });
      await repo.create(task('t1', 'p1', 'status', 'Basic/n1'), { id: 't1' });
      await repo.create(task('t2', 'p2', 'status', 'Basic/n2'), { id: 't2' });
      await repo.create(task('t3', 'p3', 'status', 'Basic/n3'), { id: 't3' }); // someone else
      await repo.create(task('t4', 'p1', 'other', 'Basic/n4'), { id: 't4' }); // another code
      await repo.create(task('t5', 'p1', 'status'), { id: 't5' }); // nothing to include
      await repo.create(task('t6', 'p1', 'status', 'Basic/n5'), { id: 't6' });
      await repo.delete('Basic', 'n5'); // its focus is gone
      await repo.create(task('t7', 'p1', 'status', 'Basic/n1'), { id: 't7' });
      await repo.delete('Task', 't7'); // deleted itself
      await repo.update({ ...task('t1', 'p1', 'status', 'Basic/n1'), id: 't1', status: 'completed' }); // version 2
    });
    after(() => t.drop());

    it('finds every current resource with an identifier, as the identifier search does', async () => {
      const fast = await repo.findByIdentifier('Patient', { system: EHR_NUMBER, value: '01010112345' });
      assert.deepEqual(ids(fast), ['Patient/p1@1', 'Patient/p2@1']);
      assert.deepEqual(ids(fast), ids(await findByIdentifierBySearch(repo, 'Patient', { system: EHR_NUMBER, value: '01010112345' })));
      assert.deepEqual(JSON.parse(fast[0].content).identifier[0].value, '01010112345');
      assert.deepEqual(ids(await repo.findByIdentifier('Practitioner', { system: HPR, value: '1234567' })), ['Practitioner/d1@1']);
    });

    it('does not match another system, another value, another type or a deleted resource', async () => {
      assert.deepEqual(await repo.findByIdentifier('Patient', { system: HPR, value: '01010112345' }), []);
      assert.deepEqual(await repo.findByIdentifier('Patient', { system: EHR_NUMBER, value: '0101011234' }), []);
      assert.deepEqual(await repo.findByIdentifier('Practitioner', { system: EHR_NUMBER, value: '01010112345' }), []);
      await repo.create(patient('p9', '09090912345'), { id: 'p9' });
      await repo.delete('Patient', 'p9');
      assert.deepEqual(await repo.findByIdentifier('Patient', { system: EHR_NUMBER, value: '09090912345' }), []);
    });

    it('finds tagged resources pointing at anyone with the identifier, with their current targets, as the chained search with _include does', async () => {
      const fast = await repo.findLinkedStamps(query('01010112345'));
      assert.deepEqual(shape(fast), [
        ['Task/t1@2', ['Basic/n1@1']],
        ['Task/t2@1', ['Basic/n2@1']],
        ['Task/t5@1', []],
        ['Task/t6@1', []],
      ]);
      assert.deepEqual(fast, await findLinkedStampsBySearch(repo, query('01010112345')));
    });

    it('stamps each version with its time and the byte size of its content, without reading it', async () => {
      const [first] = await repo.findLinkedStamps(query('01010112345'));
      const stored = await repo.read('Task', first.resource.id);
      assert.equal(first.resource.octets, Buffer.byteLength(stored.content));
      assert.equal(first.resource.lastUpdated, stored.lastUpdated);
      const target = await repo.read('Basic', first.included[0].id);
      assert.equal(first.included[0].octets, Buffer.byteLength(target.content));
    });

    it('narrows by the tag and the identifier', async () => {
      assert.deepEqual(shape(await repo.findLinkedStamps(query('01010112345', 'other'))), [['Task/t4@1', ['Basic/n4@1']]]);
      assert.deepEqual(shape(await repo.findLinkedStamps(query('02020212345'))), [['Task/t3@1', ['Basic/n3@1']]]);
      assert.deepEqual(await repo.findLinkedStamps(query('03030312345')), []);
      for (const q of [query('01010112345', 'other'), query('02020212345'), query('03030312345')]) {
        assert.deepEqual(await repo.findLinkedStamps(q), await findLinkedStampsBySearch(repo, q));
      }
    });

    it('answers the same inside a transaction, seeing its own uncommitted writes', async () => {
      await repo.withTransaction(async (tx) => {
        await tx.create(task('t8', 'p2', 'status', 'Basic/n2'), { id: 't8' });
        assert.deepEqual(shape(await tx.findLinkedStamps(query('01010112345'))).map((r) => r[0]), ['Task/t1@2', 'Task/t2@1', 'Task/t5@1', 'Task/t6@1', 'Task/t8@1']);
        await tx.delete('Task', 't8');
      });
    });
  });
}
