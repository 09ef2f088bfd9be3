import { mkdirSync } from 'node:fs';
import { PGlite, parse, protocol, types as pgliteTypes, type Transaction } from '@electric-sql/pglite';
import type { Database, Queryable, QueryOptions, QueryResult } from '../database.ts';
import { lockDataDir } from './data-dir-lock.ts';

// Same choice as the pg driver: numeric, bigint and timestamps come back as text.
const parsers = {
  [pgliteTypes.INT8]: (v: string) => v,
  [pgliteTypes.NUMERIC]: (v: string) => v,
  [pgliteTypes.TIMESTAMPTZ]: (v: string) => v,
  [pgliteTypes.TIMESTAMP]: (v: string) => v,
  [pgliteTypes.DATE]: (v: string) => v,
};

/**
 * Named statements on PGlite's one connection, as the pg driver keeps them per connection on
 * PostgreSQL: the first call parses the text under its name and learns its parameter types; every
 * later call only binds and executes, so PostgreSQL reuses the statement's plan instead of parsing
 * and planning the text again (PGlite's own `query` sends every text as a new unnamed statement).
 */
class NamedStatements {
  private readonly known = new Map<string, { text: string; paramTypes: number[] }>();

  constructor(private readonly pg: PGlite) {}

  /**
   * Runs a named statement with the connection to itself. Inside a transaction the transaction holds
   * the connection already; outside one it also waits for any open transaction, as PGlite's own
   * `query` does, so it never runs inside another caller's transaction.
   */
  run<R>(name: string, text: string, params: readonly unknown[], inTransaction: boolean): Promise<QueryResult<R>> {
    const exec = () => this.execute<R>(name, text, params, inTransaction);
    return inTransaction ? this.pg._runExclusiveQuery(exec) : this.pg._runExclusiveTransaction(() => this.pg._runExclusiveQuery(exec));
  }

  private async execute<R>(name: string, text: string, params: readonly unknown[], inTransaction: boolean): Promise<QueryResult<R>> {
    const statement = await this.prepared(name, text);
    const values = params.map((value, i) => {
      if (value === null || value === undefined) return null;
      const serialize = this.pg.serializers[statement.paramTypes[i]];
      return serialize ? (serialize(value) as string) : String(value);
    });
    const messages = await this.send([
      protocol.serialize.bind({ statement: name, values }),
      protocol.serialize.describe({ type: 'P' }),
      protocol.serialize.execute({}),
    ]);
    if (!inTransaction) await this.pg.syncToFs();
    const [result] = parse.parseResults(messages, this.pg.parsers, { parsers });
    return { rows: result.rows as R[], affectedRows: result.affectedRows };
  }

  private async prepared(name: string, text: string): Promise<{ text: string; paramTypes: number[] }> {
    const known = this.known.get(name);
    if (known) {
      if (known.text !== text) throw new Error(`Statement name '${name}' is already used for another text`);
      return known;
    }
    const messages = await this.send([protocol.serialize.parse({ name, text }), protocol.serialize.describe({ type: 'S', name })]);
    const statement = { text, paramTypes: parse.parseDescribeStatementResults(messages) };
    this.known.set(name, statement);
    return statement;
  }

  /** Sends the messages one by one and always ends with Sync, so an error leaves the session ready. */
  private async send(parts: Uint8Array[]) {
    const messages = [];
    try {
      for (const part of parts) messages.push(...(await this.pg.execProtocol(part, { syncToFs: false })).messages);
    } finally {
      messages.push(...(await this.pg.execProtocol(protocol.serialize.sync(), { syncToFs: false })).messages);
    }
    return messages;
  }
}

class PgliteQueryable implements Queryable {
  constructor(
    protected readonly target: PGlite | Transaction,
    protected readonly named: NamedStatements,
    private readonly inTransaction: boolean,
  ) {}

  async query<R>(text: string, params?: readonly unknown[], options?: QueryOptions): Promise<QueryResult<R>> {
    if (options?.prepare) return this.named.run<R>(options.prepare, text, params ?? [], this.inTransaction);
    const res = await this.target.query<R>(text, params as unknown[] | undefined, { parsers });
    return { rows: res.rows, affectedRows: res.affectedRows };
  }
}

class PgliteDatabase extends PgliteQueryable implements Database {
  readonly kind = 'pglite' as const;

  constructor(
    private readonly db: PGlite,
    /** Releases the data directory's lock (none for an in-memory store). */
    private readonly unlock: () => void = () => {},
  ) {
    super(db, new NamedStatements(db), false);
  }

  async exec(sql: string): Promise<void> {
    await this.db.exec(sql);
  }

  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    return this.db.transaction((tx) => fn(new PgliteQueryable(tx, this.named, true)));
  }

  async close(): Promise<void> {
    try {
      await this.db.close();
    } finally {
      this.unlock();
    }
  }
}

/**
 * Opens PGlite in `dataDir` (kept across restarts; created with its parents when missing, as on a
 * fresh clone; one process at a time, see data-dir-lock.ts) or in memory when no directory is given.
 */
export async function openPglite(dataDir?: string): Promise<Database> {
  if (!dataDir) return new PgliteDatabase(await PGlite.create({}));
  mkdirSync(dataDir, { recursive: true });
  const unlock = lockDataDir(dataDir);
  try {
    return new PgliteDatabase(await PGlite.create({ dataDir }), unlock);
  } catch (err) {
    unlock();
    throw err;
  }
}
