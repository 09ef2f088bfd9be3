/**
 * What the caller may see, for every row a search reads — not only the rows it returns: the
 * resources a chain or `_has` joins carry the caller's access condition, and index rows holding an
 * element hidden from the caller are left out, so no part of a search tells what the caller may
 * not see.
 */
import type { SearchRequest } from '../../fhir/search/parse.ts';
import { hides } from '../../fhir/search/visibility.ts';
import { hiddenRowSql, rowVisibleSql } from '../access/compile.ts';
import type { SqlParams } from './sql-params.ts';

export type Viewer = Pick<SearchRequest, 'access' | 'hidden'>;

/** The caller's access condition on row `alias`, as a further AND term ('' for a caller who sees everything). */
export function visibleTo(v: Viewer, alias: string, p: SqlParams, resourceType?: string): string {
  return v.access && !v.access.unrestricted ? ` AND ${rowVisibleSql(v.access, alias, p, resourceType)}` : '';
}

/** Leaves out index row `a` of parameter `code` when it holds an element hidden from the caller, as a further AND term. */
export function shownTo(v: Viewer, a: string, code: string, p: SqlParams): string {
  return v.hidden && hides(v.hidden, code) ? ` AND NOT ${hiddenRowSql(v.hidden, a, p)}` : '';
}
