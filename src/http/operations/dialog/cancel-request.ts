/** `POST Task/{id}/$cancel-request`: NAV withdraws a request it sent. */
import { cancelRequest } from '../../../dialog/answer.ts';
import { operationRoute, type FhirOperation } from '../index.ts';
import { declaration, need } from '../sykmelding/declarations.ts';
import { requireRole } from '../sykmelding/roles.ts';
import { dialogParameters } from './params.ts';

export const cancelRequestOperation: FhirOperation = {
  declares: [declaration('Task', 'cancel-request', [need('Task', 'r'), need('Task', 'u')])],
  routes: [operationRoute<{ Params: { id: string } }>('POST', '/Task/:id/$cancel-request', async ({ request, service, principal, deps }) => {
    requireRole(principal, ['caseworker', 'system'], 'cancel a request to a doctor (NAV does)');
    const task = await cancelRequest(service, request.params.id, dialogParameters(request.body).text('reason'), deps.now());
    return { body: task };
  })],
};
