/**
 * Named statements (`QueryOptions.prepare`) answer exactly as the same text unnamed, on both stores:
 * types, errors, transactions. On PGlite a named statement also has to wait for another caller's
 * open transaction, as PGlite's own queries do, instead of running inside it.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/databases.ts';

const SELECT = `SELECT $1::text AS label, $2::numeric AS amount, $3::timestamptz AS at, $4::text[] AS tags, $5::int AS n, $6::boolean AS flag`;
const VALUES = ['a "quoted" label', '12.50', '2026-11-30T10:00:00.123Z', ['x', 'y,z', null], 7, true];

for (const dialect of DIALECTS) {
  describe(`named statements (${dialect})`, () => {
    let t: TestDatabase;
    before(async () => {
      t = await createTestDatabase(dialect);
      await t.db.exec('CREATE TABLE named_probe (id int PRIMARY KEY, note text)');
    });
    after(() => t.drop());

    it('gives the same rows and types as the unnamed statement, call after call', async () => {
      const plain = await t.db.query(SELECT, VALUES);
      for (let i = 0; i < 7; i++) {
        const named = await t.db.query(SELECT, VALUES, { prepare: 'probe-select' });
        assert.deepEqual(named.rows, plain.rows);
      }
      assert.equal(plain.rows[0].amount, '12.50');
      assert.deepEqual(plain.rows[0].tags, ['x', 'y,z', null]);
      const nulls = await t.db.query(SELECT, [null, null, null, null, null, null], { prepare: 'probe-select' });
      assert.deepEqual(Object.values(nulls.rows[0]), [null, null, null, null, null, null]);
    });

    it('reports a bad value as an error and stays usable', async () => {
      await assert.rejects(t.db.query(SELECT, ['a', 'not a number', null, null, 1, true], { prepare: 'probe-select' }), /numeric|invalid input/);
      const again = await t.db.query<{ n: number }>(SELECT, VALUES, { prepare: 'probe-select' });
      assert.equal(again.rows[0].n, 7);
    });

    it('reports a broken text without keeping its name', async () => {
      await assert.rejects(t.db.query('SELEC 1', [], { prepare: 'probe-broken' }), /syntax/);
      const fixed = await t.db.query<{ one: number }>('SELECT 1 AS one', [], { prepare: 'probe-broken' });
      assert.equal(fixed.rows[0].one, 1);
    });

    it('writes inside a transaction, and a rollback undoes them', async () => {
      const insert = 'INSERT INTO named_probe (id, note) VALUES ($1, $2)';
      await t.db.transaction(async (tx) => {
        await tx.query(insert, [1, 'kept'], { prepare: 'probe-insert' });
        const seen = await tx.query<{ n: string }>('SELECT count(*)::text AS n FROM named_probe', [], { prepare: 'probe-count' });
        assert.equal(seen.rows[0].n, '1');
      });
      await assert.rejects(t.db.transaction(async (tx) => {
        await tx.query(insert, [2, 'undone'], { prepare: 'probe-insert' });
        throw new Error('roll back');
      }), /roll back/);
      const rows = await t.db.query<{ id: number }>('SELECT id FROM named_probe ORDER BY id', [], { prepare: 'probe-ids' });
      assert.deepEqual(rows.rows.map((r) => r.id), [1]);
    });

    it('keeps a name first used in a transaction that rolled back, or refused there', async () => {
      await assert.rejects(t.db.transaction(async (tx) => {
        await tx.query('SELECT $1::int AS x', [1], { prepare: 'probe-first-in-tx' });
        throw new Error('roll back');
      }), /roll back/);
      assert.deepEqual((await t.db.query('SELECT $1::int AS x', [2], { prepare: 'probe-first-in-tx' })).rows, [{ x: 2 }]);
      await assert.rejects(t.db.transaction(async (tx) => {
        await assert.rejects(tx.query('SELECT 1/0', []), /division by zero/);
        await assert.rejects(tx.query('SELECT $1::int AS y', [3], { prepare: 'probe-in-aborted' }), /aborted/);
        throw new Error('roll back');
      }), /roll back/);
      assert.deepEqual((await t.db.query('SELECT $1::int AS y', [4], { prepare: 'probe-in-aborted' })).rows, [{ y: 4 }]);
    });

    it("does not run inside another caller's open transaction", async () => {
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let inserted!: () => void;
      const didInsert = new Promise<void>((resolve) => (inserted = resolve));
      const open = t.db.transaction(async (tx) => {
        await tx.query('INSERT INTO named_probe (id, note) VALUES (3, $1)', ['uncommitted']);
        inserted();
        await held;
        throw new Error('roll back');
      }).catch((err: Error) => err.message);
      await didInsert;
      const outside = t.db.query<{ n: string }>('SELECT count(*)::text AS n FROM named_probe WHERE id = 3', [], { prepare: 'probe-three' });
      setTimeout(release, 50);
      assert.equal(await open, 'roll back');
      assert.equal((await outside).rows[0].n, '0');
    });

    it('refuses one name for two texts', { skip: dialect === 'postgres' && 'the pg driver decides this per connection' }, async () => {
      await t.db.query('SELECT 1 AS one', [], { prepare: 'probe-twice' });
      await assert.rejects(t.db.query('SELECT 2 AS two', [], { prepare: 'probe-twice' }), /already used/);
    });
  });
}
