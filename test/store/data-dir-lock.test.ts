/**
 * The embedded store's data directory is used by one process at a time: a second opener is refused
 * with a message naming the holder, and a lock left by a process that has ended is taken over.
 */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../src/store/database.ts';
import { DataDirInUseError } from '../../src/store/pglite/data-dir-lock.ts';

describe('embedded data directory lock', () => {
  const root = mkdtempSync(join(tmpdir(), 'helsebro-lock-'));
  after(() => rmSync(root, { recursive: true, force: true }));

  it('refuses a second opener while the first has the store open, and lets it in after close', async () => {
    const dataDir = join(root, 'held', 'store');
    const first = await openDatabase({ dataDir });
    try {
      assert.equal(readFileSync(`${dataDir}.lock`, 'utf8'), String(process.pid));
      await assert.rejects(openDatabase({ dataDir }), (err: unknown) => {
        assert.ok(err instanceof DataDirInUseError);
        assert.match(err.message, new RegExp(`pid ${process.pid}`));
        assert.match(err.message, /\.lock/);
        return true;
      });
      await first.query('CREATE TABLE kept (n int)');
    } finally {
      await first.close();
    }
    assert.equal(existsSync(`${dataDir}.lock`), false);
    const second = await openDatabase({ dataDir });
    try {
      const rows = await second.query<{ n: string }>("SELECT count(*)::text AS n FROM pg_tables WHERE tablename = 'kept'");
      assert.equal(rows.rows[0].n, '1');
    } finally {
      await second.close();
    }
  });

  it('takes over a lock left by a process that has ended', async () => {
    const dataDir = join(root, 'stale');
    const ended = spawnSync(process.execPath, ['-e', '']);
    assert.ok(ended.pid);
    writeFileSync(`${dataDir}.lock`, String(ended.pid));
    const db = await openDatabase({ dataDir });
    try {
      assert.equal(readFileSync(`${dataDir}.lock`, 'utf8'), String(process.pid));
    } finally {
      await db.close();
    }
  });

  it('does not lock in-memory stores', async () => {
    const [a, b] = await Promise.all([openDatabase({}), openDatabase({})]);
    await Promise.all([a.close(), b.close()]);
  });
});
