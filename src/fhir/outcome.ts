/**
 * OperationOutcome helpers: one error class that carries an outcome, factories for the common
 * cases, and the single place that maps an issue code to an HTTP status.
 * See https://hl7.org/fhir/R4/operationoutcome.html and https://hl7.org/fhir/R4/http.html.
 */
type IssueSeverity = 'fatal' | 'error' | 'warning' | 'information';

/** The R4 IssueType codes we use (http://hl7.org/fhir/ValueSet/issue-type). */
export type IssueCode =
  | 'invalid' | 'structure' | 'required' | 'value' | 'invariant' | 'security' | 'login' | 'unknown'
  | 'expired' | 'forbidden' | 'suppressed' | 'processing' | 'not-supported' | 'duplicate'
  | 'multiple-matches' | 'not-found' | 'deleted' | 'too-long' | 'code-invalid' | 'extension'
  | 'too-costly' | 'business-rule' | 'conflict' | 'transient' | 'lock-error' | 'no-store'
  | 'exception' | 'timeout' | 'incomplete' | 'throttled' | 'informational';

export interface OutcomeIssue {
  severity: IssueSeverity;
  code: IssueCode;
  diagnostics?: string;
  details?: { text?: string; coding?: Array<{ system?: string; code?: string; display?: string }> };
  expression?: string[];
}

export interface OperationOutcome {
  resourceType: 'OperationOutcome';
  id?: string;
  issue: OutcomeIssue[];
}

export function outcome(issues: OutcomeIssue[]): OperationOutcome {
  return { resourceType: 'OperationOutcome', issue: issues };
}

export function informational(message: string): OperationOutcome {
  return outcome([{ severity: 'information', code: 'informational', diagnostics: message }]);
}

/** An error that becomes an OperationOutcome with `status` at the HTTP edge. */
export class FhirError extends Error {
  readonly status: number;
  readonly outcome: OperationOutcome;

  constructor(status: number, issues: OutcomeIssue[] | OutcomeIssue, options?: { cause?: unknown }) {
    const list = Array.isArray(issues) ? issues : [issues];
    super(list.map((i) => i.diagnostics ?? i.code).join('; '), options);
    this.name = 'FhirError';
    this.status = status;
    this.outcome = outcome(list);
  }
}

function issue(code: IssueCode, diagnostics: string, expression?: string): OutcomeIssue {
  return expression ? { severity: 'error', code, diagnostics, expression: [expression] } : { severity: 'error', code, diagnostics };
}

export const badRequest = (msg: string, expression?: string) => new FhirError(400, issue('invalid', msg, expression));
export const notFound = (msg: string) => new FhirError(404, issue('not-found', msg));
/** An id nobody holds — and, worded alike, one held by what the caller may not see (src/access/). */
export const unknownResource = (resourceType: string, id: string) => notFound(`${resourceType}/${id} is not known`);
/** Also what a caller who may not see a version is told, so the two read alike. */
export const unknownVersion = (resourceType: string, id: string, versionId: number) => notFound(`${resourceType}/${id} has no version ${versionId}`);
export const gone = (msg: string) => new FhirError(410, issue('deleted', msg));
export const conflict = (msg: string) => new FhirError(409, issue('conflict', msg));
export const preconditionFailed = (msg: string) => new FhirError(412, issue('conflict', msg));
export const notSupported = (msg: string) => new FhirError(400, issue('not-supported', msg));
export const methodNotAllowed = (msg: string) => new FhirError(405, issue('not-supported', msg));
export const unprocessable = (issues: OutcomeIssue[]) => new FhirError(422, issues);
export const notAcceptable = (msg: string) => new FhirError(406, issue('not-supported', msg));
export const multipleMatches = (msg: string) => new FhirError(412, issue('multiple-matches', msg));
export const unauthorized = (msg: string) => new FhirError(401, issue('login', msg));
export const forbidden = (msg: string) => new FhirError(403, issue('forbidden', msg));
/** A body (or a bundle entry's) that cannot be read; `cause` is the parser's error. */
export const malformed = (msg: string, cause: unknown) => new FhirError(400, issue('invalid', msg), { cause });
export const unknownResourceType = (resourceType: string) => new FhirError(404, issue('not-supported', `Unknown resource type '${resourceType.slice(0, 64)}'`));
/** A write refused by a rule of the domain (not by the data's shape). */
export const businessRule = (msg: string) => new FhirError(409, issue('business-rule', msg));
/** The value at `expression` is already held by another resource. */
export const duplicate = (msg: string, expression: string) => new FhirError(409, issue('duplicate', msg, expression));
/** Concurrent writers kept this one from getting its turn; the client may try again. */
export const lockError = (msg: string) => new FhirError(409, issue('lock-error', msg));
/** A reference (at `expression`) that names no one, or more than one, the caller may see. */
export const unresolvable = (code: 'not-found' | 'multiple-matches', msg: string, expression: string) => new FhirError(422, issue(code, msg, expression));
/** A well-formed request that cannot be carried out on this content (a JSON Patch that does not apply). */
export const cannotProcess = (msg: string, cause?: unknown) => new FhirError(422, issue('processing', msg), { cause });
export const tooManyRequests = (msg: string) => new FhirError(429, issue('throttled', msg));
/** The store did not finish in time; `cause` is the driver's error. */
export const timedOut = (msg: string, cause: unknown) => new FhirError(503, issue('timeout', msg), { cause });
/** A request cancelled because its client went away (499, as proxies log it; nobody reads the answer). */
export const clientClosed = (msg: string, cause?: unknown) => new FhirError(499, issue('timeout', msg), { cause });
/** A client error of the HTTP layer (Fastify's), as an OperationOutcome. */
export const httpRefusal = (status: number, code: IssueCode, msg: string) => new FhirError(status, issue(code, msg));
/** The same refusal with its issues reworded (e.g. placed at a bundle entry); `err` is kept as the cause. */
export const reworded = (err: FhirError, issues: OutcomeIssue[]) => new FhirError(err.status, issues, { cause: err });

/** A request asking for more work than a limit allows: `too-costly`, naming the limit (e.g. `search limit maxRepeats`) and its value. */
export function tooCostly(status: number, limit: string, value: number, what: string): FhirError {
  return new FhirError(status, issue('too-costly', `${what}; this server allows at most ${value} (${limit})`));
}

export function isFhirError(e: unknown): e is FhirError {
  return e instanceof FhirError;
}

/** True when the outcome holds at least one error or fatal issue. */
export function hasErrors(issues: OutcomeIssue[]): boolean {
  return issues.some((i) => i.severity === 'error' || i.severity === 'fatal');
}
