/**
 * The request a statement serves, as an AbortSignal carried with the async context: when the client
 * goes away before its answer, the statements still running for it are cancelled on PostgreSQL
 * (pg/postgres-database.ts), so a caller who gives up frees the connection and the database's work
 * at once instead of at the statement time limit. PGlite cannot cancel a running statement (it runs
 * on the event loop's thread); there the search limits bound the work in advance.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

const current = new AsyncLocalStorage<AbortSignal>();

/** Runs `fn` with every statement it issues tied to `signal`. */
export function withAbortSignal<T>(signal: AbortSignal, fn: () => T): T {
  return current.run(signal, fn);
}

/** The signal of the request being served, if any. */
export function currentAbortSignal(): AbortSignal | undefined {
  return current.getStore();
}
