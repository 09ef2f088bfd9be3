/**
 * The storage driver contract. PGlite (embedded) and PostgreSQL speak the same SQL dialect, so the
 * whole storage layer is written once against this small interface; only the drivers differ.
 */
export interface QueryResult<R> {
  rows: R[];
  affectedRows?: number;
}

export interface QueryOptions {
  /**
   * A name for a hot statement whose text never changes: it is parsed once per connection (PGlite
   * has one) instead of on every call, and PostgreSQL may reuse its plan. Never give a name to text
   * built from input — each distinct text would be kept for the connection's lifetime.
   */
  prepare?: string;
}

export interface Queryable {
  /** Runs one parameterised statement ($1, $2, …). */
  query<R = Record<string, unknown>>(text: string, params?: readonly unknown[], options?: QueryOptions): Promise<QueryResult<R>>;
}

export interface Database extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Runs several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface DatabaseConfig {
  /** `postgres://…` or `postgresql://…` selects PostgreSQL (anything else is an error); without it PGlite is used. */
  databaseUrl?: string;
  /** PGlite data directory; omitted means in-memory. */
  dataDir?: string;
  /** PostgreSQL pool size. */
  poolSize?: number;
  /**
   * PostgreSQL: the longest a statement may run, in ms (0 or unset: no limit); a statement over it
   * is cancelled and answered 503 (statement-timeout.ts). PGlite cannot cancel a statement.
   */
  statementTimeout?: number;
}

export async function openDatabase(config: DatabaseConfig): Promise<Database> {
  if (config.databaseUrl) {
    // A mistyped URL must not quietly open the embedded store instead of the database meant.
    if (!/^postgres(ql)?:\/\//.test(config.databaseUrl)) {
      throw new Error(`DATABASE_URL must start with postgres:// or postgresql://, not '${config.databaseUrl.replace(/\/\/[^@/]*@/, '//…@').slice(0, 60)}'`);
    }
    const { openPostgres } = await import('./pg/postgres-database.ts');
    return openPostgres(config.databaseUrl, config.poolSize, config.statementTimeout);
  }
  const { openPglite } = await import('./pglite/pglite-database.ts');
  return openPglite(config.dataDir);
}
