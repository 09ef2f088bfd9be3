import { PGlite, types as pgliteTypes, type Transaction } from '@electric-sql/pglite';
import type { Database, Queryable, QueryResult } from '../database.ts';

// Same choice as the pg driver: numeric, bigint and timestamps come back as text.
const parsers = {
  [pgliteTypes.INT8]: (v: string) => v,
  [pgliteTypes.NUMERIC]: (v: string) => v,
  [pgliteTypes.TIMESTAMPTZ]: (v: string) => v,
  [pgliteTypes.TIMESTAMP]: (v: string) => v,
  [pgliteTypes.DATE]: (v: string) => v,
};

class PgliteQueryable implements Queryable {
  constructor(protected readonly target: PGlite | Transaction) {}

  async query<R>(text: string, params?: readonly unknown[]): Promise<QueryResult<R>> {
    const res = await this.target.query<R>(text, params as unknown[] | undefined, { parsers });
    return { rows: res.rows, affectedRows: res.affectedRows };
  }
}

class PgliteDatabase extends PgliteQueryable implements Database {
  readonly kind = 'pglite' as const;

  constructor(private readonly db: PGlite) {
    super(db);
  }

  async exec(sql: string): Promise<void> {
    await this.db.exec(sql);
  }

  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    return this.db.transaction((tx) => fn(new PgliteQueryable(tx)));
  }

  async close(): Promise<void> {
    await this.db.close();
  }
}

/** Opens PGlite in `dataDir` (kept across restarts) or in memory when no directory is given. */
export async function openPglite(dataDir?: string): Promise<Database> {
  const db = await PGlite.create(dataDir ? { dataDir } : {});
  return new PgliteDatabase(db);
}
