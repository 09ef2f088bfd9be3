/** `POST Task/$send-request`: NAV sends a request (or a note) about a patient to the routed recipient. */
import { sendRequest } from '../../../dialog/send.ts';
import { forbidden } from '../../../fhir/outcome.ts';
import { operationRoute, type FhirOperation } from '../index.ts';
import { declaration, need } from '../sykmelding/declarations.ts';
import { requireRole } from '../sykmelding/roles.ts';
import { dialogParameters } from './params.ts';

export const sendRequestOperation: FhirOperation = {
  // NAV drives its own Tasks (Task.u, as $decide); the Task itself is the workflow's write.
  declares: [declaration('Task', 'send-request', [need('Task', 'u'), need('Patient', 'r')])],
  routes: [operationRoute('POST', '/Task/$send-request', async ({ request, service, principal, deps }) => {
    requireRole(principal, ['caseworker', 'system'], 'send a request to a doctor (NAV does)');
    // The patient is not yet among a caseworker's (no open request): the purpose is checked here,
    // before the server reads anything on their behalf.
    if (principal?.role === 'caseworker' && !principal.purpose) throw forbidden('A purpose of use is required (token claim purpose_of_use or the X-Purpose-Of-Use header)');
    const p = dialogParameters(request.body);
    const due = p.date('dueDate');
    const conversationRef = p.text('conversationRef');
    const parent = p.reference('parent');
    const task = await sendRequest(service.unrestricted('the recipient is routed from the registries whoever asks, and the request is the workflow\'s to write'), {
      patient: p.reference('patient') ?? '', kind: p.text('kind') ?? '', text: p.text('text') ?? '',
      ...(due ? { dueDate: due } : {}), ...(conversationRef ? { conversationRef } : {}), ...(parent ? { parent } : {}),
    }, { now: deps.now() });
    return { status: 201, body: task, headers: { location: `${deps.baseUrl(request)}/Task/${String(task.id)}` } };
  })],
};
