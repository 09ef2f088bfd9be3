/**
 * Whether a resource meets a search's filters, decided in memory from its index rows (the rows
 * extract.ts makes on every write) with the conditions the SQL uses (search-types.ts, prefixes.ts),
 * and with range bounds on one parameter grouped onto one index row as the planner groups them.
 * Pure: no I/O, no access control (the caller's filters only). Chains and `_has` need other
 * resources and are refused.
 */
import { extractIndexRows } from '../../fhir/search/extract.ts';
import type { IndexRows } from '../../fhir/search/index-rows.ts';
import type { Filter } from '../../fhir/search/parse.ts';
import type { IndexedType } from '../../fhir/search/search-types.ts';
import { rangeGroups, type ParamFilter } from './plan.ts';
import { rangeMatches } from './prefixes.ts';
import { definitionOf } from './search-types.ts';

type Json = Record<string, unknown>;
type IndexRow = IndexRows[IndexedType][number];

export class UnsupportedByMatcher extends Error {}

export function matches(resource: Json, filters: Filter[]): boolean {
  const rows = extractIndexRows(resource);
  return rangeGroups(filters).every((f) => filterMatches(resource, rows, f));
}

function filterMatches(resource: Json, rows: IndexRows, filter: Filter): boolean {
  switch (filter.kind) {
    case 'id':
      return filter.values.includes(String(resource.id)) !== filter.not;
    case 'lastUpdated': {
      const at = (resource.meta as Json | undefined)?.lastUpdated;
      return typeof at === 'string' && filter.values.every((v) => rangeMatches(v.prefix, at, at, v));
    }
    case 'param':
      return paramMatches(rows, filter);
    case 'chain':
    case 'has':
      throw new UnsupportedByMatcher(`The in-memory matcher does not follow ${filter.kind === 'chain' ? 'chained parameters' : '_has'} (${filter.code})`);
  }
}

function paramMatches(rows: IndexRows, filter: ParamFilter): boolean {
  const own = (rows[filter.type] as IndexRow[]).filter((r) => r.param === filter.code);
  if (filter.missing !== undefined) return filter.missing === (own.length === 0);
  const { matches: meets } = definitionOf(filter.type);
  const rowMatches = (row: IndexRow) =>
    filter.values.some((v) => meets(row, v, filter.modifier)) && (filter.and ?? []).every((v) => meets(row, v, filter.modifier));
  const found = own.some(rowMatches);
  return filter.modifier === 'not' ? !found : found;
}
