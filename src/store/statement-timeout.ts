/**
 * The time limit on every statement (PostgreSQL's `statement_timeout`, set for each connection of
 * the pool). A statement it cancels fails with SQLSTATE 57014 (query_canceled); the driver turns
 * that into a 503 `timeout` OperationOutcome, so the client learns what happened without the
 * database's own text. PGlite accepts the setting but cannot cancel: it runs the statement on the
 * event loop's thread, and no timer fires until it is done — there the search limits bound the work
 * in advance (src/fhir/search/limits.ts).
 */
import { clientClosed, timedOut, type FhirError } from '../fhir/outcome.ts';

const QUERY_CANCELED = '57014';

/** A FhirError for a statement the time limit cancelled; `error` itself for anything else. */
export function withStatementTimeout(error: unknown, timeoutMs: number): unknown {
  if ((error as { code?: unknown })?.code !== QUERY_CANCELED) return error;
  return timedOut(`The database did not finish this request within its time limit (${timeoutMs} ms) and it was cancelled; narrow the request or try again later`, error);
}

/** What a statement cancelled because its client went away fails with (nobody reads the answer; the log does). */
export function clientGone(cause?: unknown): FhirError {
  return clientClosed('The client went away before the answer; the request was cancelled', cause);
}
