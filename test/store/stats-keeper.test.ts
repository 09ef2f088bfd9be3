/** The statistics keeper analyzes when a resource type has doubled since the last ANALYZE, not before. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Database } from '../../src/store/database.ts';
import { StatsKeeper } from '../../src/store/stats-keeper.ts';

function fakeDb(counts: Map<string, number>) {
  const analyzed: number[] = [];
  const tables: string[] = [];
  const db = {
    kind: 'pglite',
    async query() {
      return { rows: [...counts.entries()].map(([resource_type, n]) => ({ resource_type, n: String(n) })) };
    },
    // One pass analyzes the tables one statement at a time, starting with resource.
    async exec(sql: string) {
      const table = /^ANALYZE ([a-z_]+)$/.exec(sql)?.[1];
      assert.ok(table, sql);
      if (table === 'resource') analyzed.push(counts.get('Task') ?? 0);
      tables.push(table);
    },
    async transaction() { throw new Error('unused'); },
    async close() {},
  } as unknown as Database;
  return { db, analyzed, tables };
}

/** Writes `n` versions of `type` one by one, as the repository reports them, each followed by any ANALYZE it starts. */
function writer(keeper: StatsKeeper, counts: Map<string, number>, type: string) {
  return async (n: number) => {
    for (let i = 0; i < n; i++) {
      counts.set(type, (counts.get(type) ?? 0) + 1);
      keeper.recordWrite(type);
      await keeper.idle();
    }
  };
}

describe('StatsKeeper', () => {
  it('analyzes at the first threshold, then each time a type has doubled', async () => {
    const counts = new Map([['Patient', 10_000], ['Task', 0]]);
    const { db, analyzed, tables } = fakeDb(counts);
    const keeper = new StatsKeeper(db, { minWrites: 100 });
    const write = writer(keeper, counts, 'Task');
    await write(99);
    assert.deepEqual(analyzed, [], 'below the threshold');
    await write(1);
    assert.deepEqual(analyzed, [100]);
    await write(99);
    assert.deepEqual(analyzed, [100], 'not yet doubled');
    await write(1);
    assert.deepEqual(analyzed, [100, 200]);
    await write(200);
    assert.deepEqual(analyzed, [100, 200, 400]);
    // Each pass covers the resource tables and every search index table.
    const pass = ['resource', 'resource_history', 'sp_string', 'sp_token', 'sp_date', 'sp_number', 'sp_quantity', 'sp_reference', 'sp_uri'];
    assert.deepEqual(tables, [...pass, ...pass, ...pass]);
  });

  it('lets types that grow together share one pass per doubling', async () => {
    // A sykmelding and its status Task are written together: one pass refreshes the statistics of both.
    const counts = new Map([['QuestionnaireResponse', 0], ['Task', 0]]);
    const { db, tables } = fakeDb(counts);
    const keeper = new StatsKeeper(db, { minWrites: 100 });
    const passes = () => tables.filter((t) => t === 'resource').length;
    const sykmelding = writer(keeper, counts, 'QuestionnaireResponse');
    const task = writer(keeper, counts, 'Task');
    for (let i = 0; i < 100; i++) {
      await sykmelding(1);
      await task(1);
    }
    assert.equal(passes(), 1, 'the first type at the threshold starts the pass; the other is refreshed by it');
    for (let i = 0; i < 98; i++) {
      await sykmelding(1);
      await task(1);
    }
    assert.equal(passes(), 1, 'neither has doubled since');
    for (let i = 0; i < 2; i++) {
      await sykmelding(1);
      await task(1);
    }
    assert.equal(passes(), 2, 'both have doubled: one more pass');
  });

  it('leaves a large type that grows a little alone', async () => {
    const counts = new Map([['Observation', 100_000]]);
    const { db, analyzed } = fakeDb(counts);
    const keeper = new StatsKeeper(db, { minWrites: 100 });
    for (let i = 0; i < 100; i++) keeper.recordWrite('Observation');
    await keeper.idle();
    assert.deepEqual(analyzed, [], 'what the store held before this process wrote is the first baseline');
    await writer(keeper, counts, 'Observation')(5000);
    assert.deepEqual(analyzed, [], '5,100 writes do not double 100,000');
  });

  it('after a restart, analyzes a type once its writes double what the store held at start', async () => {
    const counts = new Map([['Observation', 1_000], ['Task', 0]]);
    const { db, tables } = fakeDb(counts);
    const keeper = new StatsKeeper(db, { minWrites: 100 });
    const write = writer(keeper, counts, 'Observation');
    await write(999);
    assert.deepEqual(tables, [], '999 writes on 1,000');
    await write(1);
    assert.equal(tables[0], 'resource', '1,000 writes on 1,000');
  });
});
