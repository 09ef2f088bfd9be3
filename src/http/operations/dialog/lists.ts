/** `GET|POST Task/$inbox` (the doctor) and `Task/$outbox` (NAV): dialogue requests by status and due date, paged. */
import type { FastifyRequest } from 'fastify';
import { inbox, listQuery, outbox } from '../../../dialog/lists.ts';
import { forbidden } from '../../../fhir/outcome.ts';
import { operationRoute, type FhirOperation, type OperationDeps } from '../index.ts';
import { declaration, need } from '../sykmelding/declarations.ts';
import { requireRole } from '../sykmelding/roles.ts';

type Query = Record<string, string | undefined>;

/** The page's own URL with another offset: the next link. */
function pageUrl(deps: OperationDeps, request: FastifyRequest, name: string, query: Query) {
  return (offset: number) => {
    const q = new URLSearchParams();
    for (const key of ['status', 'due-before', '_count']) if (query[key] !== undefined) q.set(key, query[key]!);
    q.set('_offset', String(offset));
    return `${deps.baseUrl(request)}/Task/$${name}?${q.toString()}`;
  };
}

const READS = [need('Task', 'r'), need('CommunicationRequest', 'r')];

export const listOperations: FhirOperation = {
  declares: [declaration('Task', 'inbox', READS), declaration('Task', 'outbox', READS)],
  routes: [
    operationRoute<{ Querystring: Query }>('GET', '/Task/$inbox', async ({ request, service, principal, deps }) => {
      requireRole(principal, ['doctor'], "read a doctor's dialogue inbox (the doctor does)");
      if (!principal?.hpr) throw forbidden('The inbox is a doctor\'s: the token names no HPR number');
      return { body: await inbox(service, principal.hpr, listQuery(request.query), pageUrl(deps, request, 'inbox', request.query)) };
    }),
    operationRoute<{ Querystring: Query }>('GET', '/Task/$outbox', async ({ request, service, principal, deps }) => {
      requireRole(principal, ['caseworker', 'system'], "read NAV's dialogue outbox (NAV does)");
      return { body: await outbox(service, listQuery(request.query), pageUrl(deps, request, 'outbox', request.query)) };
    }),
  ],
};
