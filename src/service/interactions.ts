/**
 * Every FHIR REST interaction as plain data, and the one function that carries it out against the
 * service. The HTTP router and the bundle processor both build `Interaction`s, so a PUT in a
 * transaction behaves exactly like a PUT over HTTP.
 */
import { badRequest, notSupported } from '../fhir/outcome.ts';
import { parseSearch } from '../fhir/search/parse.ts';
import { checkOffset, hasNextPage } from '../fhir/search/limits.ts';
import { historyBundle, searchBundle, type BundleLink } from './bundles-out.ts';
import type { FhirService } from './fhir-service.ts';
import { resourceResponse, type FhirResponse } from './fhir-response.ts';

export type Interaction =
  | { kind: 'read'; type: string; id: string }
  | { kind: 'vread'; type: string; id: string; versionId: string }
  | { kind: 'search'; type?: string; params: Array<[string, string]>; lenient?: boolean }
  | { kind: 'history'; type?: string; id?: string; params: Array<[string, string]> }
  | { kind: 'create'; type: string; body: unknown; ifNoneExist?: string; /** chosen up front in transactions */ id?: string }
  | { kind: 'update'; type: string; id: string; body: unknown; ifMatch?: number }
  | { kind: 'conditional-update'; type: string; query: string; body: unknown }
  | { kind: 'patch'; type: string; id: string; body: unknown; ifMatch?: number }
  | { kind: 'delete'; type: string; id: string; ifMatch?: number }
  | { kind: 'conditional-delete'; type: string; query: string };

export interface InteractionContext {
  /** Absolute base URL of the FHIR endpoint, e.g. http://localhost:8080/fhir */
  baseUrl: string;
}

const MAX_HISTORY_COUNT = 1000;

export async function executeInteraction(service: FhirService, i: Interaction, ctx: InteractionContext): Promise<FhirResponse> {
  switch (i.kind) {
    case 'read':
      return resourceResponse(await service.read(i.type, i.id));
    case 'vread':
      return resourceResponse(await service.vread(i.type, i.id, i.versionId));
    case 'search': {
      if (i.type) service.assertType(i.type);
      const request = parseSearch(i.type, i.params, { lenient: i.lenient });
      const result = await service.search(request);
      return { status: 200, body: searchBundle(ctx.baseUrl, i.type ?? '', request, result) };
    }
    case 'history':
      return history(service, i, ctx);
    case 'create': {
      const r = await service.create(i.type, i.body, i.ifNoneExist, i.id);
      return resourceResponse(r.stored, r.created ? 201 : 200, ctx.baseUrl, true);
    }
    case 'update': {
      const r = await service.update(i.type, i.id, i.body, i.ifMatch);
      return resourceResponse(r.stored, r.created ? 201 : 200, ctx.baseUrl, true);
    }
    case 'conditional-update': {
      const r = await service.conditionalUpdate(i.type, i.query, i.body);
      return resourceResponse(r.stored, r.created ? 201 : 200, ctx.baseUrl, true);
    }
    case 'patch': {
      const r = await service.patch(i.type, i.id, i.body, i.ifMatch);
      return resourceResponse(r.stored, 200, ctx.baseUrl, true);
    }
    case 'delete':
      await service.delete(i.type, i.id, i.ifMatch);
      return { status: 204 };
    case 'conditional-delete':
      await service.conditionalDelete(i.type, i.query);
      return { status: 204 };
  }
}

async function history(
  service: FhirService,
  i: Extract<Interaction, { kind: 'history' }>,
  ctx: InteractionContext,
): Promise<FhirResponse> {
  if (i.type) service.assertType(i.type);
  const q = new Map<string, string>();
  for (const [key, value] of i.params) {
    if (!['_count', '_since', '_before', '_offset', '_format', '_pretty'].includes(key)) {
      throw notSupported(`History does not support the parameter '${key.slice(0, 40)}'`);
    }
    q.set(key, value);
  }
  const count = intParam(q.get('_count'), '_count', 20, 0, MAX_HISTORY_COUNT);
  const offset = intParam(q.get('_offset'), '_offset', 0, 0, 1e9);
  checkOffset(offset);
  const since = instantParam(q.get('_since'), '_since');
  // Pin the upper bound on the first page so later pages are not shifted by new writes.
  const before = instantParam(q.get('_before'), '_before') ?? new Date(Date.now() + 1).toISOString();
  // An unknown resource is 404, and so is one the caller may not see (worded alike) unless some of
  // its versions are theirs to see: the repository judges each version on its own (src/access/).
  // A deleted one (410) still has its history.
  let unseen: unknown;
  if (i.id) await service.read(i.type!, i.id).catch((err: unknown) => {
    const status = (err as { status?: number }).status;
    if (status === 404) unseen = err;
    else if (status !== 410) throw err;
  });
  const { entries, total } = await service.history({ resourceType: i.type, id: i.id, since, before, count, offset });
  if (unseen && total === 0) throw unseen;
  const path = [i.type, i.id, '_history'].filter(Boolean).join('/');
  const query = (o: number) => {
    const p = new URLSearchParams();
    p.set('_count', String(count));
    if (since) p.set('_since', since);
    p.set('_before', before);
    p.set('_offset', String(o));
    return `${ctx.baseUrl}/${path}?${p}`;
  };
  const links: BundleLink[] = [{ relation: 'self', url: query(offset) }];
  if (offset + count < total && hasNextPage(offset, count)) links.push({ relation: 'next', url: query(offset + count) });
  if (offset > 0) links.push({ relation: 'previous', url: query(Math.max(0, offset - count)) });
  return { status: 200, body: historyBundle(ctx.baseUrl, path, entries, total, links) };
}

function intParam(value: string | undefined, name: string, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  if (!/^\d{1,10}$/.test(value)) throw badRequest(`${name} must be a whole number, not '${value.slice(0, 20)}'`);
  return Math.min(Math.max(Number(value), min), max);
}

function instantParam(value: string | undefined, name: string): string | undefined {
  if (value === undefined) return undefined;
  const ok = /^\d{4}(-\d\d(-\d\d(T\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)?)?)?)?$/.test(value);
  const t = Date.parse(value);
  if (!ok || Number.isNaN(t)) throw badRequest(`${name} must be a FHIR instant, not '${value.slice(0, 40)}'`);
  return new Date(t).toISOString();
}

/**
 * Reads `METHOD url` from a bundle entry (or an HTTP request path relative to the base) into an
 * Interaction. `url` is relative to the FHIR base: `Patient`, `Patient/1`, `Patient?x=y`, `Patient/1/_history/2`.
 */
export function toInteraction(method: string, url: string, body: unknown, headers: { ifMatch?: number; ifNoneExist?: string } = {}): Interaction {
  const [path, query = ''] = splitOnce(url.replace(/^\/+/, ''), '?');
  const parts = path.split('/').filter((p) => p.length > 0);
  const params = [...new URLSearchParams(query)];
  const [type, id, history, versionId] = parts;
  const m = method.toUpperCase();
  if (parts.length > 4 || (history !== undefined && history !== '_history')) throw badRequest(`Unsupported URL '${url.slice(0, 100)}'`);
  if (m === 'GET' || m === 'HEAD') {
    if (!type) throw badRequest('A GET needs a resource type');
    if (type === '_history') return { kind: 'history', params };
    if (id === '_history') return { kind: 'history', type, params };
    if (id === '_search') return { kind: 'search', type, params };
    if (!id) return { kind: 'search', type, params };
    if (history && versionId) return { kind: 'vread', type, id, versionId };
    if (history) return { kind: 'history', type, id, params };
    return { kind: 'read', type, id };
  }
  if (!type) throw badRequest(`${m} needs a resource type in its URL`);
  if (parts.length > 2) throw badRequest(`${m} is not allowed on '${url.slice(0, 100)}'`);
  switch (m) {
    case 'POST':
      if (id) throw badRequest('POST creates a new resource; use PUT to write a given id');
      return { kind: 'create', type, body, ifNoneExist: headers.ifNoneExist };
    case 'PUT':
      if (id) return { kind: 'update', type, id, body, ifMatch: headers.ifMatch };
      if (!query) throw badRequest('PUT needs an id or search criteria');
      return { kind: 'conditional-update', type, query, body };
    case 'PATCH':
      if (!id) throw badRequest('PATCH needs an id');
      return { kind: 'patch', type, id, body, ifMatch: headers.ifMatch };
    case 'DELETE':
      if (id) return { kind: 'delete', type, id, ifMatch: headers.ifMatch };
      if (!query) throw badRequest('DELETE needs an id or search criteria');
      return { kind: 'conditional-delete', type, query };
    default:
      throw badRequest(`Unsupported method '${m.slice(0, 10)}'`);
  }
}

function splitOnce(value: string, sep: string): [string, string?] {
  const at = value.indexOf(sep);
  return at < 0 ? [value] : [value.slice(0, at), value.slice(at + 1)];
}
