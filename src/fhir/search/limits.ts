/**
 * How much work one search may ask for, checked on the query's parameters before anything is
 * parsed or planned. Each filter becomes an `EXISTS` in one statement, and PostgreSQL's planning of
 * many of them grows faster than their number: 200 repeats of `family` took 5 s on PGlite (holding
 * the embedded store's one connection, so `/healthz` waited too) and 8.6 s on PostgreSQL, 2,000
 * repeats ran for most of an hour. A search over a limit is refused with 400 and an OperationOutcome
 * (`too-costly`) naming the limit and its value. Measurements: docs/performance.md.
 */
import { type FhirError, tooCostly } from '../outcome.ts';

interface SearchLimits {
  /** Parameters in one search, result parameters (`_count`, `_include`, …) included. */
  readonly maxParameters: number;
  /** Occurrences of one parameter (its name without modifier or chain: `name`, `name:exact`, `name.x` are one). */
  readonly maxRepeats: number;
  /** Comma-separated values (ORed alternatives, `_sort` keys, `_type` names) in one parameter. */
  readonly maxValues: number;
  /** Links in a chain (`subject:Patient.name` is one) and in a `_has` (no nesting). */
  readonly maxChainDepth: number;
  /** Rounds of `_include:iterate`/`_revinclude:iterate` after the first round of includes. */
  readonly maxIterateDepth: number;
  /** Resources added by `_include`/`_revinclude` to one page, all rounds together (more are left out). */
  readonly maxIncluded: number;
  /** Largest `_count`; a larger one is lowered to it, as FHIR lets a server do (the page says so in its links). */
  readonly maxCount: number;
  /**
   * Largest `_offset`: the store reads and skips every row before the page, so a deep page costs
   * as much as all the pages before it. Next links stop at it too.
   */
  readonly maxOffset: number;
}

export const SEARCH_LIMITS: SearchLimits = Object.freeze({
  maxParameters: 30,
  maxRepeats: 10,
  maxValues: 100,
  maxChainDepth: 1,
  maxIterateDepth: 1,
  maxIncluded: 1000,
  maxCount: 1000,
  maxOffset: 10_000,
});

/** A search asking for more than a limit allows: 400, naming the limit and its value. */
export function overLimit(limit: keyof SearchLimits, value: number, what: string): FhirError {
  return tooCostly(400, `search limit ${limit}`, value, what);
}

/** A page deeper than `maxOffset`: the caller narrows the search instead (next links stop there too). */
export function checkOffset(offset: number, limits: SearchLimits = SEARCH_LIMITS): void {
  if (offset <= limits.maxOffset) return;
  throw overLimit('maxOffset', limits.maxOffset, `_offset ${offset} pages deeper than paging goes; narrow the search (by a date, _lastUpdated or another filter) or follow the next links, which stop at that depth`);
}

/** Whether a page starting at `offset` may link to the one after it (never past `maxOffset`). */
export function hasNextPage(offset: number, count: number, limits: SearchLimits = SEARCH_LIMITS): boolean {
  return offset + count <= limits.maxOffset;
}

/** The parameter a key names, for counting repeats: `name:exact` and `subject.name` count as `name` and `subject`. */
function parameterName(key: string): string {
  if (key.startsWith('_has:')) return '_has';
  return key.split(/[:.]/, 1)[0];
}

/** Unescaped commas separate values (`\,` is a literal comma), as the parser reads them. */
function valueCount(value: string): number {
  return value.split(/(?<!\\),/).length;
}

/** Refuses a search whose parameters ask for more than `limits` allow (before any is parsed). */
export function checkSearchLimits(params: ReadonlyArray<readonly [string, string]>, limits: SearchLimits = SEARCH_LIMITS): void {
  if (params.length > limits.maxParameters) {
    throw overLimit('maxParameters', limits.maxParameters, `The search has ${params.length} parameters`);
  }
  const repeats = new Map<string, number>();
  for (const [key, value] of params) {
    const name = parameterName(key);
    const seen = (repeats.get(name) ?? 0) + 1;
    repeats.set(name, seen);
    if (seen > limits.maxRepeats) {
      throw overLimit('maxRepeats', limits.maxRepeats, `Search parameter '${name.slice(0, 60)}' is given more than ${limits.maxRepeats} times`);
    }
    const values = valueCount(value);
    if (values > limits.maxValues) {
      throw overLimit('maxValues', limits.maxValues, `Search parameter '${key.slice(0, 60)}' has ${values} comma-separated values`);
    }
  }
}
