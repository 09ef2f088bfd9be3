/**
 * `GET /fhir/Patient/$access-log`: who has accessed my data — the citizen's own audit trail, as a
 * Bundle of AuditEvents, each with a sentence in plain Norwegian and English. A citizen gets the
 * trail of every Patient resource with their identity number; a system (or --insecure-dev) names
 * the patient with `?patient=Patient/id`. Pages of `_count` events (default 100, at most 1000),
 * newest first, each with a `next` link to the older ones until the oldest is reached.
 */
import type { FastifyRequest } from 'fastify';
import { IdentifierSystem } from '../../domain/identity/index.ts';
import { badRequest, forbidden } from '../../fhir/outcome.ts';
import type { AuditEntry } from '../../audit/audit-log.ts';
import type { FhirService } from '../../service/fhir-service.ts';
import { operationRoute, type FhirOperation } from './index.ts';

const ROLE_TEXT: Record<string, { nb: string; en: string }> = {
  doctor: { nb: 'helsepersonell', en: 'a health professional' },
  citizen: { nb: 'du', en: 'you' },
  employer: { nb: 'arbeidsgiver', en: 'an employer' },
  caseworker: { nb: 'NAV-saksbehandler', en: 'a NAV caseworker' },
  system: { nb: 'et fagsystem', en: 'a system' },
  dev: { nb: 'en utvikler (testmodus)', en: 'a developer (test mode)' },
  anonymous: { nb: 'en ukjent bruker (avvist)', en: 'an unknown user (refused)' },
};
const ACTION_TEXT: Record<string, { nb: string; en: string }> = {
  C: { nb: 'registrerte', en: 'recorded' }, R: { nb: 'så på', en: 'looked at' }, U: { nb: 'endret', en: 'changed' }, D: { nb: 'slettet', en: 'deleted' }, E: { nb: 'brukte', en: 'used' },
};

function plain(e: AuditEntry & { outcome: string }): { nb: string; en: string } {
  const who = ROLE_TEXT[e.agentRole] ?? ROLE_TEXT.system;
  const name = e.agentName ? ` (${e.agentName})` : '';
  const act = ACTION_TEXT[e.action] ?? ACTION_TEXT.E;
  const what = e.resourceType ?? 'data';
  const refused = e.outcome !== '0';
  const purpose = e.purpose ? `; formål: ${e.purpose}` : '';
  return {
    nb: `${who.nb}${name} ${refused ? 'forsøkte å se' : act.nb} ${what}-opplysninger om deg${refused ? ', men ble avvist' : ''}${purpose}`,
    en: `${who.en}${name} ${refused ? 'tried to see' : act.en} your ${what} data${refused ? ', but was refused' : ''}${e.purpose ? `; purpose: ${e.purpose}` : ''}`,
  };
}

function toAuditEvent(e: AuditEntry & { id: string; outcome: string }) {
  const text = plain(e);
  const esc = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return {
    resourceType: 'AuditEvent',
    id: e.id,
    text: { status: 'generated', div: `<div xmlns="http://www.w3.org/1999/xhtml"><p lang="nb">${esc(text.nb)}</p><p lang="en">${esc(text.en)}</p></div>` },
    type: { system: 'http://terminology.hl7.org/CodeSystem/audit-event-type', code: 'rest', display: 'RESTful Operation' },
    subtype: [{ system: 'http://hl7.org/fhir/restful-interaction', code: e.interaction }],
    action: e.action,
    recorded: e.recorded,
    outcome: e.outcome,
    ...(e.purpose ? { purposeOfEvent: [{ text: e.purpose }] } : {}),
    agent: [{ type: { text: e.agentRole }, who: { display: e.agentName ?? e.agentId }, altId: e.agentId, requestor: true }],
    source: { observer: { display: 'Helsebro' } },
    ...(e.resourceType ? { entity: [{ what: { reference: e.resourceId ? `${e.resourceType}/${e.resourceId}` : undefined, display: e.resourceType } }] } : {}),
  };
}

async function patientIdsFor(service: FhirService, request: FastifyRequest): Promise<string[]> {
  const principal = request.principal;
  if (!principal || principal.role === 'dev' || principal.role === 'system') {
    const given = /^Patient\/([A-Za-z0-9\-.]{1,64})$/.exec(String((request.query as { patient?: string }).patient ?? ''));
    if (!given) throw badRequest("Name the patient with ?patient=Patient/id");
    return [given[1]];
  }
  if (principal.role !== 'citizen' || !principal.pid) throw forbidden('The access log is for the patient themselves');
  const found = [];
  const server = service.unrestricted("a citizen's own Patient records, found by the identity number in their token");
  for (const system of [IdentifierSystem.FNR, IdentifierSystem.DNR]) found.push(...(await server.findByIdentifier('Patient', { system, value: principal.pid })));
  return found.map((p) => p.id);
}

const DEFAULT_COUNT = 100;
const MAX_COUNT = 1000;
const AUDIT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function pageOf(query: Record<string, unknown>): { count: number; before?: string } {
  const count = query._count === undefined ? DEFAULT_COUNT : Number(query._count);
  if (!Number.isInteger(count) || count < 1) throw badRequest('_count must be a whole number of at least 1');
  const before = query.before === undefined ? undefined : String(query.before);
  if (before !== undefined && !AUDIT_ID.test(before)) throw badRequest('before must be the id of an AuditEvent from the previous page');
  return { count: Math.min(count, MAX_COUNT), before };
}

function pageUrl(base: string, request: FastifyRequest, count: number, before?: string): string {
  const params = new URLSearchParams();
  const patient = (request.query as { patient?: unknown }).patient;
  if (typeof patient === 'string') params.set('patient', patient);
  params.set('_count', String(count));
  if (before) params.set('before', before);
  return `${base}/Patient/$access-log?${params}`;
}

export const accessLogOperation: FhirOperation = {
  declares: [{ name: 'access-log', definition: 'https://helsebro.no/fhir/OperationDefinition/Patient-access-log', resourceTypes: ['Patient'], scopes: [{ resourceType: 'AuditEvent', permission: 'r' }] }],
  routes: [operationRoute('GET', '/Patient/$access-log', async ({ request, service, deps }) => {
    const page = pageOf(request.query as Record<string, unknown>);
    const ids = await patientIdsFor(service, request);
    const found = ids.length ? await deps.audit.forPatients(ids, page.count + 1, page.before) : [];
    const entries = found.slice(0, page.count);
    const link = [{ relation: 'self', url: pageUrl(deps.baseUrl(request), request, page.count, page.before) }];
    if (found.length > page.count) link.push({ relation: 'next', url: pageUrl(deps.baseUrl(request), request, page.count, entries.at(-1)!.id) });
    return { body: { resourceType: 'Bundle', type: 'searchset', link, entry: entries.map((e) => ({ resource: toAuditEvent(e) })) } };
  })],
};
