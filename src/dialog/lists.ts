/**
 * The doctor's inbox and NAV's outbox: the dialogue request Tasks addressed to the doctor (owner is
 * one of their Practitioners or PractitionerRoles) or sent by NAV, by status and due date, sorted by
 * due date (soonest first, those without one last), paged — each with its CommunicationRequest.
 * Read through the caller's service, so a list holds only what the caller may see.
 */
import type { RequestStatus } from '../domain/dialog/request-status.ts';
import { DIALOG } from '../fhir/helsebro-codes.ts';
import { badRequest } from '../fhir/outcome.ts';
import { IdentifierSystem } from '../domain/identity/index.ts';
import { parseSearch } from '../fhir/search/parse.ts';
import type { FhirService } from '../service/fhir-service.ts';
import type { FhirResource } from '../store/repository.ts';
import { findAll, isDialogTask, NAV_REF, type Json } from './requests.ts';

const STATUSES: readonly RequestStatus[] = ['requested', 'received', 'in-progress', 'answered', 'overdue', 'cancelled'];
export const MAX_PAGE = 100;

export interface ListQuery {
  /** Our statuses (comma-separated in the URL); every status when empty. */
  status: RequestStatus[];
  /** Only requests due before this day (YYYY-MM-DD). */
  dueBefore?: string;
  count: number;
  offset: number;
}

export function listQuery(q: Record<string, string | undefined>): ListQuery {
  const status = (q.status ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = status.filter((s) => !STATUSES.includes(s as RequestStatus));
  if (unknown.length) throw badRequest(`Unknown status '${unknown[0]!.slice(0, 30)}'; use ${STATUSES.join(', ')}`, 'status');
  if (q['due-before'] !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(q['due-before'])) throw badRequest('due-before must be a date (YYYY-MM-DD)', 'due-before');
  const count = q._count === undefined ? 20 : Number(q._count);
  const offset = q._offset === undefined ? 0 : Number(q._offset);
  if (!Number.isInteger(count) || count < 1 || count > MAX_PAGE) throw badRequest(`_count must be a whole number from 1 to ${MAX_PAGE}`, '_count');
  if (!Number.isInteger(offset) || offset < 0 || offset > 10_000) throw badRequest('_offset must be a whole number from 0 to 10000', '_offset');
  return { status: status as RequestStatus[], ...(q['due-before'] ? { dueBefore: q['due-before'] } : {}), count, offset };
}

/** The references that stand for the doctor with this HPR number: their Practitioners and PractitionerRoles. */
async function doctorRefs(caller: FhirService, hpr: string): Promise<string[]> {
  const practitioners = (await findAll(caller, 'Practitioner', [['identifier', `${IdentifierSystem.HPR}|${hpr}`]])).map((p) => `Practitioner/${String(p.id)}`);
  if (practitioners.length === 0) return [];
  const roles = (await findAll(caller, 'PractitionerRole', [['practitioner', practitioners.join(',')]])).map((r) => `PractitionerRole/${String(r.id)}`);
  return [...practitioners, ...roles];
}

const dueOf = (t: Json) => (t.restriction as { period?: { end?: string } } | undefined)?.period?.end;

async function list(caller: FhirService, params: Array<[string, string]>, query: ListQuery, selfUrl: (offset: number) => string) {
  const statusParam: Array<[string, string]> = query.status.length ? [['business-status', query.status.map((s) => `${DIALOG.STATUS_SYSTEM}|${s}`).join(',')]] : [];
  const request = parseSearch('Task', [...params, ...statusParam, ['_include', 'Task:focus'], ['_count', '1000']], { maxCount: 1000 });
  const result = await caller.search({ ...request, total: 'none' });
  const tasks = result.matches.map((m) => JSON.parse(m.content) as Json)
    .filter((t) => isDialogTask(t as FhirResource))
    .filter((t) => !query.dueBefore || ((dueOf(t) ?? '9999') < query.dueBefore))
    // Soonest due first; requests without a due date (notes) last; then the newest first.
    .sort((a, b) => (dueOf(a) ?? '9999').localeCompare(dueOf(b) ?? '9999') || String(b.authoredOn ?? '').localeCompare(String(a.authoredOn ?? '')) || String(a.id).localeCompare(String(b.id)));
  const focus = new Map(result.includes.map((r) => [`${r.resourceType}/${r.id}`, JSON.parse(r.content) as Json]));
  const page = tasks.slice(query.offset, query.offset + query.count);
  const entry = page.flatMap((t) => {
    const cr = focus.get(String((t.focus as { reference?: string } | undefined)?.reference));
    return [{ fullUrl: `Task/${String(t.id)}`, resource: t, search: { mode: 'match' } },
      ...(cr ? [{ fullUrl: `CommunicationRequest/${String(cr.id)}`, resource: cr, search: { mode: 'include' } }] : [])];
  });
  const next = query.offset + query.count < tasks.length;
  return {
    resourceType: 'Bundle', type: 'searchset', total: tasks.length,
    link: [{ relation: 'self', url: selfUrl(query.offset) }, ...(next ? [{ relation: 'next', url: selfUrl(query.offset + query.count) }] : [])],
    entry,
  };
}

/** The doctor's inbox (`hpr`: the caller's HPR number). */
export async function inbox(caller: FhirService, hpr: string, query: ListQuery, selfUrl: (offset: number) => string) {
  const refs = await doctorRefs(caller, hpr);
  if (refs.length === 0) return { resourceType: 'Bundle', type: 'searchset', total: 0, link: [{ relation: 'self', url: selfUrl(query.offset) }], entry: [] };
  return list(caller, [['owner', refs.join(',')]], query, selfUrl);
}

/** NAV's outbox: what NAV sent, as the caller may see it. */
export async function outbox(caller: FhirService, query: ListQuery, selfUrl: (offset: number) => string) {
  return list(caller, [['requester', NAV_REF]], query, selfUrl);
}
