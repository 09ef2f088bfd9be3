/**
 * Every storage test runs on both stores: PGlite in memory and a real PostgreSQL server. Each
 * PostgreSQL test database is created fresh and dropped afterwards.
 * PostgreSQL is reached through DATABASE_TEST_URL (default postgres://postgres@127.0.0.1:5432/postgres).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../../src/store/database.ts';
import { migrate } from '../../src/store/migrate.ts';

export const DIALECTS = ['pglite', 'postgres'] as const;
export type Dialect = (typeof DIALECTS)[number];

const ADMIN_URL = process.env.DATABASE_TEST_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  db: Database;
  /** Connection string for PostgreSQL (undefined for PGlite). */
  url?: string;
  drop(): Promise<void>;
}

/** Opens a new, migrated, empty database of the given dialect (`statementTimeout` in ms: PostgreSQL's per connection). */
export async function createTestDatabase(dialect: Dialect, options: { statementTimeout?: number } = {}): Promise<TestDatabase> {
  if (dialect === 'pglite') {
    const db = await openDatabase({});
    await migrate(db);
    return { db, drop: () => db.close() };
  }
  const name = `helsebro_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const db = await openDatabase({ databaseUrl: url.toString(), poolSize: 10, statementTimeout: options.statementTimeout });
  await migrate(db);
  return {
    db,
    url: url.toString(),
    async drop() {
      await db.close();
      const c = new pg.Client({ connectionString: ADMIN_URL });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}
