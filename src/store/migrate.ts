import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Database, Queryable } from './database.ts';
import { backfillVersionSubjects } from './backfill-version-subjects.ts';

const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));

/** Work a migration needs done in code (data SQL alone cannot derive), run after its SQL in its transaction. */
const AFTER_SQL: Record<string, (tx: Queryable) => Promise<void>> = {
  '010_version_subjects.sql': backfillVersionSubjects,
};

/**
 * Applies the numbered SQL files in `migrations/` that the database has not seen yet, each in its
 * own transaction, and records them in `schema_migrations`. The same files serve PGlite and PostgreSQL.
 * An advisory lock keeps two processes from migrating the same PostgreSQL database at once.
 */
export async function migrate(db: Database): Promise<string[]> {
  await db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
  const files = (await readdir(MIGRATIONS_DIR)).filter((f) => /^\d+_.*\.sql$/.test(f)).sort();
  const applied = [];
  for (const name of files) {
    const sql = await readFile(MIGRATIONS_DIR + name, 'utf8');
    const done = await db.transaction(async (tx) => {
      // A migration may build an index over a large table: the pool's statement time limit is for requests.
      await tx.query('SET LOCAL statement_timeout = 0');
      await tx.query('SELECT pg_advisory_xact_lock(4711)');
      const seen = await tx.query('SELECT 1 FROM schema_migrations WHERE name = $1', [name]);
      if (seen.rows.length > 0) return false;
      for (const statement of splitStatements(sql)) await tx.query(statement);
      await AFTER_SQL[name]?.(tx);
      await tx.query('INSERT INTO schema_migrations (name) VALUES ($1)', [name]);
      return true;
    });
    if (done) applied.push(name);
  }
  return applied;
}

/** Splits a migration file on semicolons at line ends; our migrations hold no function bodies. */
function splitStatements(sql: string): string[] {
  return sql
    .replace(/--.*$/gm, '')
    .split(/;\s*$/m)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}
