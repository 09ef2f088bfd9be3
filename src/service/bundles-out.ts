/**
 * Builds searchset and history Bundles. Entries carry the stored JSON text as it is, so a search
 * result is assembled by string concatenation instead of parse + stringify of every resource.
 */
import type { SearchRequest } from '../fhir/search/parse.ts';
import { serializeSearch } from '../fhir/search/parse.ts';
import { hasNextPage, SEARCH_LIMITS } from '../fhir/search/limits.ts';
import { outcome } from '../fhir/outcome.ts';
import type { SearchResult, StoredRow } from '../store/search/execute.ts';
import type { HistoryEntry } from '../store/repository.ts';
import { shapeResource, type Shaping } from './shaping.ts';

export interface BundleLink { relation: string; url: string }

function entryJson(base: string, row: StoredRow, extra: string, shaping?: Shaping): string {
  const fullUrl = JSON.stringify(`${base}/${row.resourceType}/${row.id}`);
  const resource = shaping ? JSON.stringify(shapeResource(JSON.parse(row.content), shaping)) : row.content;
  return `{"fullUrl":${fullUrl},"resource":${resource}${extra}}`;
}

/** FHIR's way for a searchset to say something about itself: an OperationOutcome entry in search mode `outcome`. */
const INCLUDES_TRUNCATED = JSON.stringify({
  resource: outcome([{
    severity: 'warning',
    code: 'incomplete',
    diagnostics: `More resources matched _include/_revinclude than one page carries (search limit maxIncluded, ${SEARCH_LIMITS.maxIncluded}); the included resources were truncated. Page with a smaller _count, or search for them directly`,
  }]),
  search: { mode: 'outcome' },
});

export function searchBundle(base: string, path: string, request: SearchRequest, result: SearchResult): string {
  const links: BundleLink[] = [{ relation: 'self', url: `${base}/${path}?${serializeSearch(request)}` }];
  if (result.hasMore && hasNextPage(request.offset, request.count)) links.push({ relation: 'next', url: `${base}/${path}?${serializeSearch(request, { offset: request.offset + request.count })}` });
  if (request.offset > 0) {
    links.push({ relation: 'previous', url: `${base}/${path}?${serializeSearch(request, { offset: Math.max(0, request.offset - request.count) })}` });
  }
  const head: Record<string, unknown> = { resourceType: 'Bundle', type: 'searchset' };
  if (result.total !== undefined) head.total = result.total;
  head.link = links;
  if (request.summary === 'count') return JSON.stringify(head);
  const shaping: Shaping | undefined =
    request.summary && request.summary !== 'false' ? { summary: request.summary } : request.elements ? { elements: request.elements } : undefined;
  const entries = [
    ...result.matches.map((r) => entryJson(base, r, ',"search":{"mode":"match"}', shaping)),
    ...result.includes.map((r) => entryJson(base, r, ',"search":{"mode":"include"}', shaping)),
    ...(result.includesTruncated ? [INCLUDES_TRUNCATED] : []),
  ];
  return `${JSON.stringify(head).slice(0, -1)},"entry":[${entries.join(',')}]}`;
}

export function historyBundle(base: string, path: string, entries: HistoryEntry[], total: number, links: BundleLink[]): string {
  const head = JSON.stringify({ resourceType: 'Bundle', type: 'history', total, link: links });
  const items = entries.map((e) => {
    const fullUrl = JSON.stringify(`${base}/${e.resourceType}/${e.id}`);
    const url = e.method === 'POST' ? e.resourceType : `${e.resourceType}/${e.id}`;
    const request = JSON.stringify({ method: e.method, url });
    const response = JSON.stringify({
      status: e.deleted ? '204' : e.versionId === 1 ? '201' : '200',
      etag: `W/"${e.versionId}"`,
      lastModified: e.lastUpdated,
    });
    const resource = e.deleted ? '' : `"resource":${e.content},`;
    return `{"fullUrl":${fullUrl},${resource}"request":${request},"response":${response}}`;
  });
  void path;
  return `${head.slice(0, -1)},"entry":[${items.join(',')}]}`;
}
