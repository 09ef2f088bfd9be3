/** The statistics keeper analyzes when a resource type has doubled since the last ANALYZE, not before. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Database } from '../../src/store/database.ts';
import { StatsKeeper } from '../../src/store/stats-keeper.ts';

function fakeDb(counts: Map<string, number>) {
  const analyzed: number[] = [];
  const db = {
    kind: 'pglite',
    async query() {
      return { rows: [...counts.entries()].map(([resource_type, n]) => ({ resource_type, n: String(n) })) };
    },
    async exec(sql: string) {
      assert.equal(sql, 'ANALYZE');
      analyzed.push(counts.get('Task') ?? 0);
    },
    async transaction() { throw new Error('unused'); },
    async close() {},
  } as unknown as Database;
  return { db, analyzed };
}

describe('StatsKeeper', () => {
  it('analyzes at the first threshold, then each time a type has doubled', async () => {
    const counts = new Map([['Patient', 10_000], ['Task', 0]]);
    const { db, analyzed } = fakeDb(counts);
    const keeper = new StatsKeeper(db, { minWrites: 100 });
    const write = async (n: number) => {
      for (let i = 0; i < n; i++) {
        counts.set('Task', counts.get('Task')! + 1);
        keeper.recordWrite('Task');
        await keeper.idle();
      }
    };
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
  });

  it('leaves a large type that grows a little alone', async () => {
    const counts = new Map([['Observation', 100_000]]);
    const { db, analyzed } = fakeDb(counts);
    const keeper = new StatsKeeper(db, { minWrites: 100 });
    for (let i = 0; i < 100; i++) keeper.recordWrite('Observation');
    await keeper.idle();
    assert.deepEqual(analyzed, [0], 'the first pass has no baseline yet');
    for (let i = 0; i < 5000; i++) {
      keeper.recordWrite('Observation');
      await keeper.idle();
    }
    assert.deepEqual(analyzed, [0], '5,000 writes do not double 100,000');
  });
});
