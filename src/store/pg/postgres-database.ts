import pg from 'pg';
import type { Database, Queryable, QueryOptions, QueryResult } from '../database.ts';
import { clientGone, withStatementTimeout } from '../statement-timeout.ts';
import { currentAbortSignal } from '../request-abort.ts';

// Keep numeric/bigint/timestamps as strings: the store formats them itself and must not lose precision.
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === 20 || oid === 1700 || oid === 1184 || oid === 1114 || oid === 1082) return (v: string) => v;
    return pg.types.getTypeParser(oid, format as 'text');
  },
};

class PgQueryable implements Queryable {
  constructor(
    protected readonly client: pg.Pool | pg.PoolClient,
    /** The connections' statement_timeout in ms (0: none), for the answer to a cancelled statement. */
    protected readonly statementTimeout: number,
    /** Where a cancellation is sent from (another connection: the one running the statement is busy). */
    protected readonly canceller: pg.Pool,
  ) {}

  async query<R>(text: string, params?: readonly unknown[], options?: QueryOptions): Promise<QueryResult<R>> {
    const signal = currentAbortSignal();
    if (signal?.aborted) throw clientGone();
    // Tied to a request, a statement runs on a known connection so that it can be cancelled.
    const client = signal && this.client instanceof pg.Pool ? await this.client.connect() : this.client;
    const cancel = () => {
      const pid = (client as { processID?: number }).processID;
      if (pid) this.canceller.query('SELECT pg_cancel_backend($1)', [pid]).catch(() => undefined);
    };
    signal?.addEventListener('abort', cancel, { once: true });
    try {
      const res = await client.query({ name: options?.prepare, text, values: params as unknown[] | undefined, types });
      return { rows: res.rows as R[], affectedRows: res.rowCount ?? undefined };
    } catch (err) {
      if (signal?.aborted) throw clientGone(err);
      throw withStatementTimeout(err, this.statementTimeout);
    } finally {
      signal?.removeEventListener('abort', cancel);
      if (client !== this.client) (client as pg.PoolClient).release();
    }
  }
}

class PostgresDatabase extends PgQueryable implements Database {
  readonly kind = 'postgres' as const;

  constructor(private readonly pool: pg.Pool, statementTimeout: number) {
    super(pool, statementTimeout, pool);
  }

  async exec(sql: string): Promise<void> {
    await this.pool.query(sql);
  }

  async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await fn(new PgQueryable(client, this.statementTimeout, this.pool));
      await client.query('COMMIT');
      return result;
    } catch (err) {
      // A ROLLBACK that fails too (the connection is gone) must not hide the error that caused it.
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

/** `statementTimeout` (ms, 0 for none) is every connection's statement_timeout (statement-timeout.ts). */
export async function openPostgres(connectionString: string, poolSize = 20, statementTimeout = 0): Promise<Database> {
  const pool = new pg.Pool({ connectionString, max: poolSize, ...(statementTimeout > 0 ? { statement_timeout: statementTimeout } : {}) });
  // An idle client that errors (server restart) must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  await pool.query('SELECT 1');
  return new PostgresDatabase(pool, statementTimeout);
}
