/**
 * Search index rows derived from one resource version. One array per SearchParameter type; each
 * maps 1:1 to an index table (src/store/search/search-types.ts). Produced by
 * `extractIndexRows` and written by the repository in the same transaction as the resource.
 * Dates and numbers are strings so no precision is lost on the way to SQL.
 */
interface StringRow { param: string; value: string; exact: string }
interface TokenRow { param: string; system: string | null; code: string | null; display: string | null }
interface DateRow { param: string; low: string | null; high: string | null }
interface NumberRow { param: string; value: string; low: string; high: string }
interface QuantityRow {
  param: string; value: string; low: string; high: string;
  system: string | null; code: string | null; unit: string | null;
}
interface ReferenceRow { param: string; targetType: string | null; targetId: string | null; url: string | null }
interface UriRow { param: string; value: string }

export interface IndexRows {
  string: StringRow[];
  token: TokenRow[];
  date: DateRow[];
  number: NumberRow[];
  quantity: QuantityRow[];
  reference: ReferenceRow[];
  uri: UriRow[];
}

export function emptyIndexRows(): IndexRows {
  return { string: [], token: [], date: [], number: [], quantity: [], reference: [], uri: [] };
}
