/**
 * Batch and transaction Bundles (https://hl7.org/fhir/R4/http.html#transaction).
 * A transaction runs in one database transaction, in the spec's order (DELETE, POST, PUT/PATCH,
 * GET), resolves `urn:uuid:` and conditional references between its entries, and is all or nothing.
 * A batch runs every entry on its own and reports each entry's outcome. Either is refused whole,
 * before any entry runs, when it asks for more work than its budget (bundle-budget.ts).
 */
import { randomUUID } from 'node:crypto';
import { badRequest, isFhirError, malformed, type OperationOutcome, reworded } from '../fhir/outcome.ts';
import type { FhirResource } from '../store/repository.ts';
import type { FhirService } from './fhir-service.ts';
import { etag, parseETag, type FhirResponse } from './fhir-response.ts';
import { BUNDLE_BUDGET, checkBundleBudget } from './bundle-budget.ts';
import { executeInteraction, toInteraction, type Interaction, type InteractionContext } from './interactions.ts';

interface BundleEntry {
  fullUrl?: string;
  resource?: FhirResource;
  request?: { method?: string; url?: string; ifMatch?: string; ifNoneExist?: string };
}

const ORDER: Record<string, number> = { DELETE: 0, POST: 1, PUT: 2, PATCH: 2, GET: 3, HEAD: 3 };
const STATUS_TEXT: Record<number, string> = { 200: 'OK', 201: 'Created', 204: 'No Content', 304: 'Not Modified' };

interface BundleOptions extends InteractionContext {
  /** `Prefer: return=minimal` drops the resource from write entries. */
  returnMinimal?: boolean;
  maxEntries: number;
}

export async function processBundle(service: FhirService, body: unknown, options: BundleOptions): Promise<string> {
  const bundle = body as { resourceType?: string; type?: string; entry?: unknown };
  if (bundle?.resourceType !== 'Bundle') throw badRequest('POST to the base URL takes a Bundle', 'Bundle');
  if (bundle.type !== 'transaction' && bundle.type !== 'batch') {
    throw badRequest(`Bundle.type must be 'transaction' or 'batch', not '${String(bundle.type).slice(0, 30)}'`, 'Bundle.type');
  }
  const entries = (bundle.entry ?? []) as BundleEntry[];
  if (!Array.isArray(entries)) throw badRequest('Bundle.entry must be an array', 'Bundle.entry');
  checkBundleBudget(entries, { ...BUNDLE_BUDGET, maxEntries: options.maxEntries });
  return bundle.type === 'transaction' ? transaction(service, entries, options) : batch(service, entries, options);
}

async function transaction(service: FhirService, entries: BundleEntry[], options: BundleOptions): Promise<string> {
  const planned = entries.map((entry, index) => ({ index, entry, method: methodOf(entry, index) }));
  checkNoDuplicates(planned.map((p) => p.entry), 'transaction');
  const responses: FhirResponse[] = new Array(entries.length);
  await service.inTransaction(async (tx) => {
    const ids = await assignIds(tx, planned.map((p) => p.entry));
    const order = [...planned].sort((a, b) => ORDER[a.method] - ORDER[b.method] || a.index - b.index);
    for (const { index, entry } of order) {
      try {
        const resource = entry.resource ? ((await resolveReferences(tx, structuredClone(entry.resource), ids)) as FhirResource) : undefined;
        const interaction = interactionOf(entry, index, resource, ids);
        responses[index] = await executeInteraction(tx, interaction, options);
      } catch (err) {
        throw atEntry(err, index);
      }
    }
  });
  return responseBundle('transaction-response', responses, options);
}

async function batch(service: FhirService, entries: BundleEntry[], options: BundleOptions): Promise<string> {
  const responses: FhirResponse[] = [];
  for (const [index, entry] of entries.entries()) {
    try {
      methodOf(entry, index);
      responses.push(await executeInteraction(service, interactionOf(entry, index, entry.resource, new Map()), options));
    } catch (err) {
      if (!isFhirError(err)) throw err;
      responses.push({ status: err.status, body: err.outcome });
    }
  }
  return responseBundle('batch-response', responses, options);
}

function methodOf(entry: BundleEntry, index: number): string {
  const method = entry?.request?.method;
  if (typeof method !== 'string' || !(method in ORDER)) {
    throw badRequest(`Bundle.entry[${index}].request.method must be one of GET, HEAD, POST, PUT, PATCH, DELETE`, `Bundle.entry[${index}].request.method`);
  }
  if (typeof entry.request?.url !== 'string' || entry.request.url.length === 0) {
    throw badRequest(`Bundle.entry[${index}].request.url is required`, `Bundle.entry[${index}].request.url`);
  }
  if ((method === 'POST' || method === 'PUT') && (entry.resource === null || typeof entry.resource !== 'object')) {
    throw badRequest(`Bundle.entry[${index}] needs a resource for ${method}`, `Bundle.entry[${index}].resource`);
  }
  return method;
}

function interactionOf(entry: BundleEntry, index: number, resource: unknown, ids: Map<string, string>): Interaction {
  const req = entry.request!;
  const ifMatch = parseETag(req.ifMatch);
  if (ifMatch !== undefined && Number.isNaN(ifMatch)) throw badRequest(`Bundle.entry[${index}].request.ifMatch is not a valid ETag`);
  const body = req.method === 'PATCH' ? patchBody(entry, index) : resource;
  const interaction = toInteraction(req.method!, req.url!, body, { ifMatch, ifNoneExist: req.ifNoneExist });
  // A POST whose fullUrl is a placeholder gets the id chosen for it up front, so others can point to it.
  if (interaction.kind === 'create' && entry.fullUrl && ids.has(entry.fullUrl)) {
    return { ...interaction, id: ids.get(entry.fullUrl)!.split('/')[1] };
  }
  return interaction;
}

/** A PATCH entry carries its JSON Patch as a Binary resource (base64 data), per the spec. */
function patchBody(entry: BundleEntry, index: number): unknown {
  const r = entry.resource as { resourceType?: string; data?: string } | undefined;
  if (r?.resourceType !== 'Binary' || typeof r.data !== 'string') {
    throw badRequest(`Bundle.entry[${index}]: a PATCH entry needs a Binary resource holding the JSON Patch`);
  }
  try {
    return JSON.parse(Buffer.from(r.data, 'base64').toString('utf8'));
  } catch (err) {
    throw malformed(`Bundle.entry[${index}]: the patch is not valid JSON`, err);
  }
}

/**
 * Chooses ids for POST entries whose fullUrl is a placeholder (urn:uuid:/urn:oid:), so that other
 * entries' references to them can be rewritten. A POST with If-None-Exist that matches points at
 * the existing resource instead.
 */
async function assignIds(service: FhirService, entries: BundleEntry[]): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const entry of entries) {
    if (entry.request?.method !== 'POST' || !entry.fullUrl || !/^urn:(uuid|oid):/.test(entry.fullUrl)) continue;
    const type = entry.request.url!.split(/[/?]/)[0];
    const match = entry.request.ifNoneExist ? await service.findSingle(type, entry.request.ifNoneExist, 'If-None-Exist') : undefined;
    ids.set(entry.fullUrl, `${type}/${match ? match.id : randomUUID()}`);
  }
  return ids;
}

/** Rewrites placeholder references and resolves conditional ones (`Patient?identifier=…`). */
async function resolveReferences(service: FhirService, node: unknown, ids: Map<string, string>): Promise<unknown> {
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) node[i] = await resolveReferences(service, node[i], ids);
    return node;
  }
  if (node === null || typeof node !== 'object') return node;
  const obj = node as Record<string, unknown>;
  for (const [key, value] of Object.entries(obj)) {
    if (key === 'reference' && typeof value === 'string') {
      obj[key] = await resolveReference(service, value, ids);
    } else if (typeof value === 'object') {
      obj[key] = await resolveReferences(service, value, ids);
    }
  }
  return obj;
}

async function resolveReference(service: FhirService, value: string, ids: Map<string, string>): Promise<string> {
  const mapped = ids.get(value);
  if (mapped) return mapped;
  if (/^urn:(uuid|oid):/.test(value)) throw badRequest(`Reference '${value.slice(0, 80)}' points to no entry in this transaction`);
  const m = /^([A-Z][A-Za-z]+)\?(.+)$/.exec(value);
  if (!m) return value;
  const match = await service.findSingle(m[1], m[2], 'conditional reference');
  if (!match) throw badRequest(`Conditional reference '${value.slice(0, 80)}' matches no resource`);
  return `${m[1]}/${match.id}`;
}

function checkNoDuplicates(entries: BundleEntry[], what: string): void {
  const seen = new Set<string>();
  for (const [index, e] of entries.entries()) {
    const method = e.request?.method;
    if (method !== 'PUT' && method !== 'DELETE' && method !== 'PATCH') continue;
    const key = e.request!.url!.split('?')[0] + (e.request!.url!.includes('?') ? `?${e.request!.url!.split('?')[1]}` : '');
    if (seen.has(key)) throw badRequest(`Bundle.entry[${index}] touches ${key} again; a ${what} may change each resource once`);
    seen.add(key);
  }
}

function atEntry(err: unknown, index: number): unknown {
  if (!isFhirError(err)) return err;
  const issues = err.outcome.issue.map((i) => ({
    ...i,
    diagnostics: `Bundle.entry[${index}]: ${i.diagnostics ?? i.code}`,
    expression: i.expression?.map((e) => `Bundle.entry[${index}].resource.${e.replace(/^[A-Z][A-Za-z]+\./, '')}`) ?? [`Bundle.entry[${index}]`],
  }));
  return reworded(err, issues);
}

function responseBundle(type: string, responses: FhirResponse[], options: BundleOptions): string {
  const entries = responses.map((r) => {
    const response: Record<string, unknown> = { status: `${r.status}${STATUS_TEXT[r.status] ? ` ${STATUS_TEXT[r.status]}` : ''}` };
    if (r.location) response.location = r.location;
    if (r.versionId !== undefined) response.etag = etag(r.versionId);
    if (r.lastModified) response.lastModified = r.lastModified;
    const isOutcome = typeof r.body === 'object';
    if (isOutcome) response.outcome = r.body as OperationOutcome;
    const parts = [`"response":${JSON.stringify(response)}`];
    if (typeof r.body === 'string' && !(r.isWrite && options.returnMinimal)) parts.unshift(`"resource":${r.body}`);
    return `{${parts.join(',')}}`;
  });
  return `{"resourceType":"Bundle","type":"${type}","entry":[${entries.join(',')}]}`;
}
