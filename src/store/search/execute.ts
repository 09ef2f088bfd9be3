/**
 * Runs a SearchRequest: one query for the page (count + 1 rows, to know whether there is a next
 * page), one for the total when asked, and one per _include/_revinclude (plus
 * SEARCH_LIMITS.maxIterateDepth more rounds for :iterate). Included resources are capped
 * (SEARCH_LIMITS.maxIncluded) so one search cannot pull the whole database; the result says when
 * some were left out.
 */
import { SEARCH_LIMITS } from '../../fhir/search/limits.ts';
import type { IncludeSpec, SearchRequest } from '../../fhir/search/parse.ts';
import type { Queryable } from '../database.ts';
import { countSql, pageSql } from './compile.ts';
import { isPatientDriven } from './plan.ts';
import { SqlParams } from './sql-params.ts';
import { statementName } from './statement-names.ts';
import { shownTo, visibleTo } from './viewer.ts';
import { toInstant } from '../instant.ts';

export interface StoredRow {
  resourceType: string;
  id: string;
  versionId: number;
  lastUpdated: string;
  content: string;
}

export interface SearchResult {
  matches: StoredRow[];
  includes: StoredRow[];
  /** Set when more resources were to be included than SEARCH_LIMITS.maxIncluded allows; they were left out. */
  includesTruncated?: boolean;
  total?: number;
  hasMore: boolean;
}

interface Row { resource_type: string; id: string; version_id: number; last_updated: string; content: string }
/** A page row of a driven search also carries the number of all matches (compile.ts). */
interface PageRow extends Row { total?: string }

/** Include statements ask for one row more than fit, to know whether some are left out. */
const MAX_INCLUDES = SEARCH_LIMITS.maxIncluded;

function toRow(r: Row): StoredRow {
  return {
    resourceType: r.resource_type,
    id: r.id,
    versionId: Number(r.version_id),
    lastUpdated: toInstant(r.last_updated),
    content: r.content,
  };
}

/**
 * The total a page tells by itself: counted along with it (a `total` column on its rows), or known
 * because it is the last page and not past the end. Undefined when it must be counted apart.
 * Shared by search and history.
 */
export function totalFromPage(rows: ReadonlyArray<{ total?: string | number }>, shown: number, last: boolean, offset: number): number | undefined {
  if (rows[0]?.total !== undefined) return Number(rows[0].total);
  if (last && (shown > 0 || offset === 0)) return offset + shown;
  return undefined;
}

export async function executeSearch(q: Queryable, request: SearchRequest): Promise<SearchResult> {
  if (request.summary === 'count') {
    const c = countSql(request);
    const n = await q.query<{ n: string }>(c.text, c.values, { prepare: c.name });
    return { matches: [], includes: [], total: Number(n.rows[0].n), hasMore: false };
  }
  const page = pageSql(request);
  const rows = (await q.query<PageRow>(page.text, page.values, { prepare: page.name })).rows;
  const hasMore = rows.length > request.count;
  const matches = rows.slice(0, request.count).map(toRow);
  let total: number | undefined;
  if (request.total !== 'none') {
    total = totalFromPage(rows, matches.length, !hasMore, request.offset);
    if (total === undefined) {
      const c = countSql(request);
      total = Number((await q.query<{ n: string }>(c.text, c.values, { prepare: c.name })).rows[0].n);
    }
  }
  const { includes, truncated } = await resolveIncludes(q, request, matches);
  return { matches, includes, ...(truncated ? { includesTruncated: true } : {}), total, hasMore };
}

async function resolveIncludes(q: Queryable, request: SearchRequest, matches: StoredRow[]): Promise<{ includes: StoredRow[]; truncated: boolean }> {
  if (matches.length === 0 || (request.include.length === 0 && request.revinclude.length === 0)) return { includes: [], truncated: false };
  const seen = new Set(matches.map((m) => `${m.resourceType}/${m.id}`));
  const out: StoredRow[] = [];
  let truncated = false;
  const addAll = (rows: StoredRow[]) => {
    const added: StoredRow[] = [];
    for (const r of rows) {
      const key = `${r.resourceType}/${r.id}`;
      if (seen.has(key)) continue;
      if (out.length >= MAX_INCLUDES) {
        truncated = true;
        break;
      }
      seen.add(key);
      out.push(r);
      added.push(r);
    }
    return added;
  };
  const round = async (sources: StoredRow[], iterateOnly: boolean) => {
    const found: StoredRow[] = [];
    for (const spec of request.include) if (!iterateOnly || spec.iterate) found.push(...(await forwardIncludes(q, request, spec, sources)));
    for (const spec of request.revinclude) if (!iterateOnly || spec.iterate) found.push(...(await reverseIncludes(q, request, spec, sources)));
    return addAll(found);
  };
  const iterates = [...request.include, ...request.revinclude].some((s) => s.iterate);
  let added = await round(matches, false);
  for (let depth = 0; iterates && depth < SEARCH_LIMITS.maxIterateDepth && added.length > 0 && !truncated; depth++) added = await round(added, true);
  return { includes: out, truncated };
}

function keysOf(sources: StoredRow[]): { types: string[]; ids: string[] } {
  return { types: sources.map((s) => s.resourceType), ids: sources.map((s) => s.id) };
}

/**
 * Runs an include query. Its plan is driven by the page's (type, id) pairs — at most a page,
 * probed through the indexes — whatever their values. It is named (planned once per connection)
 * along with the patient-pinned searches, where that was measured; elsewhere it is planned per call.
 */
async function includeRows(q: Queryable, request: SearchRequest, text: string, values: unknown[]): Promise<StoredRow[]> {
  const name = isPatientDriven(request) ? statementName(text) : undefined;
  return (await q.query<Row>(text, values, { prepare: name })).rows.map(toRow);
}

/**
 * _include=Source:param[:Target] — the resources that the sources point to. Here and in
 * reverseIncludes the caller's access condition applies to the included rows (an include never
 * reveals what a search would not), and a reference hidden from the caller is not followed.
 */
async function forwardIncludes(q: Queryable, request: SearchRequest, spec: IncludeSpec, sources: StoredRow[]): Promise<StoredRow[]> {
  const p = new SqlParams();
  const { types, ids } = keysOf(sources);
  const conds = [
    `(ref.resource_type, ref.id) IN (SELECT * FROM unnest(${p.add(types)}::text[], ${p.add(ids)}::text[]))`,
  ];
  if (spec.sourceType !== '*') conds.push(`ref.resource_type = ${p.add(spec.sourceType)}`);
  if (spec.code !== '*') conds.push(`ref.param = ${p.add(spec.code)}`);
  if (spec.targetType) conds.push(`ref.target_type = ${p.add(spec.targetType)}`);
  const text = `SELECT DISTINCT t.resource_type, t.id, t.version_id, t.last_updated, t.content
    FROM sp_reference ref JOIN resource t ON t.resource_type = ref.target_type AND t.id = ref.target_id
    WHERE ${conds.join(' AND ')}${shownTo(request, 'ref', spec.code, p)} AND NOT t.deleted${visibleTo(request, 't', p)} LIMIT ${MAX_INCLUDES + 1}`;
  return includeRows(q, request, text, p.values);
}

/** _revinclude=Source:param — the resources of type Source that point to the sources. */
async function reverseIncludes(q: Queryable, request: SearchRequest, spec: IncludeSpec, sources: StoredRow[]): Promise<StoredRow[]> {
  const p = new SqlParams();
  const { types, ids } = keysOf(sources);
  const conds = [`(ref.target_type, ref.target_id) IN (SELECT * FROM unnest(${p.add(types)}::text[], ${p.add(ids)}::text[]))`];
  if (spec.sourceType !== '*') conds.push(`ref.resource_type = ${p.add(spec.sourceType)}`);
  if (spec.code !== '*') conds.push(`ref.param = ${p.add(spec.code)}`);
  const text = `SELECT DISTINCT t.resource_type, t.id, t.version_id, t.last_updated, t.content
    FROM sp_reference ref JOIN resource t ON t.resource_type = ref.resource_type AND t.id = ref.id
    WHERE ${conds.join(' AND ')}${shownTo(request, 'ref', spec.code, p)} AND NOT t.deleted${visibleTo(request, 't', p)} LIMIT ${MAX_INCLUDES + 1}`;
  return includeRows(q, request, text, p.values);
}
