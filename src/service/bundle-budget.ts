/**
 * How much work one batch or transaction Bundle may ask for, checked on its entries before any of
 * them runs. Each search inside is bounded by the search limits (src/fhir/search/limits.ts), but a
 * Bundle of 1,000 searches at those limits is 1,000 times the work of one, all in one request
 * (and, for a transaction, one database transaction). A Bundle over its budget is refused whole with
 * 400 and an OperationOutcome (`too-costly`) naming the limit and its value.
 */
import { tooCostly } from '../fhir/outcome.ts';
import { SEARCH_LIMITS } from '../fhir/search/limits.ts';
import { toInteraction } from './interactions.ts';

interface BundleBudget {
  /** Entries in one Bundle (HELSEBRO_MAX_BUNDLE_ENTRIES). */
  readonly maxEntries: number;
  /** Entries that search: GET searches, and conditional creates, updates and deletes. */
  readonly maxSearchEntries: number;
  /** The searches' estimated cost together (see searchCost). */
  readonly maxSearchCost: number;
}

export const BUNDLE_BUDGET: Omit<BundleBudget, 'maxEntries'> = Object.freeze({
  maxSearchEntries: 100,
  maxSearchCost: 1000,
});

/**
 * What each part of a search costs, in statements the store runs: the page statement, each filter
 * (an `EXISTS` in it, whose planning is what grows), each `_include`/`_revinclude` (a statement per
 * round, an `:iterate` one up to maxIterateDepth rounds more). Paging and shaping parameters cost nothing.
 */
const SEARCH_COST = { page: 1, filter: 1, include: 1, iterate: SEARCH_LIMITS.maxIterateDepth };
const FREE = new Set(['_count', '_offset', '_total', '_sort', '_summary', '_elements', '_format', '_pretty', '_type']);

function parameterCost(key: string): number {
  if (FREE.has(key)) return 0;
  if (/^_(rev)?include$/.test(key)) return SEARCH_COST.include;
  if (/^_(rev)?include:iterate$/.test(key)) return SEARCH_COST.include + SEARCH_COST.iterate;
  return SEARCH_COST.filter;
}

function searchCost(params: ReadonlyArray<readonly [string, string]>): number {
  return params.reduce((sum, [key]) => sum + parameterCost(key), SEARCH_COST.page);
}

interface EntryRequest { request?: { method?: unknown; url?: unknown; ifNoneExist?: unknown } }

/** The search an entry runs, as parameters; undefined when it runs none (or is malformed, which the entry itself reports). */
function searchOf(entry: EntryRequest): Array<[string, string]> | undefined {
  const { method, url, ifNoneExist } = entry?.request ?? {};
  if (typeof method !== 'string' || typeof url !== 'string') return undefined;
  if (method === 'POST') return typeof ifNoneExist === 'string' ? [...new URLSearchParams(ifNoneExist)] : undefined;
  try {
    const interaction = toInteraction(method, url, undefined);
    if (interaction.kind === 'search') return interaction.params;
    if (interaction.kind === 'conditional-update' || interaction.kind === 'conditional-delete') return [...new URLSearchParams(interaction.query)];
  } catch {
    // A malformed entry is answered on its own (a batch) or fails the transaction when it runs.
  }
  return undefined;
}

const overBudget = (limit: keyof BundleBudget, value: number, what: string) => tooCostly(400, `bundle limit ${limit}`, value, what);

/** Refuses a Bundle whose entries ask for more than `budget` allows, before any entry runs. */
export function checkBundleBudget(entries: readonly unknown[], budget: BundleBudget): void {
  if (entries.length > budget.maxEntries) throw overBudget('maxEntries', budget.maxEntries, `The bundle has ${entries.length} entries`);
  const searches = entries.map((e) => searchOf(e as EntryRequest)).filter((s) => s !== undefined);
  if (searches.length > budget.maxSearchEntries) throw overBudget('maxSearchEntries', budget.maxSearchEntries, `The bundle has ${searches.length} entries that search`);
  const cost = searches.reduce((sum, params) => sum + searchCost(params), 0);
  if (cost > budget.maxSearchCost) throw overBudget('maxSearchCost', budget.maxSearchCost, `The bundle's searches cost ${cost} (a statement and each filter and include 1)`);
}
