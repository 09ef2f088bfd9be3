/** `POST Task/{id}/$answer`: the doctor a request is addressed to answers it. */
import { answerRequest } from '../../../dialog/answer.ts';
import { operationRoute, type FhirOperation } from '../index.ts';
import { declaration, need } from '../sykmelding/declarations.ts';
import { requireRole } from '../sykmelding/roles.ts';
import { dialogParameters } from './params.ts';

export const answerOperation: FhirOperation = {
  declares: [declaration('Task', 'answer', [need('Task', 'r'), need('Communication', 'c')])],
  routes: [operationRoute<{ Params: { id: string } }>('POST', '/Task/:id/$answer', async ({ request, service, principal, deps }) => {
    requireRole(principal, ['doctor', 'system'], 'answer a request from NAV (the doctor does)');
    const p = dialogParameters(request.body);
    const a = p.attachment('attachment');
    const attachment = a ? { contentType: a.contentType ?? '', data: a.data ?? '', ...(a.title ? { title: a.title } : {}) } : undefined;
    const { task, communication } = await answerRequest(service, principal, request.params.id, { text: p.text('text') ?? '', ...(attachment ? { attachment } : {}) }, deps.now());
    return { body: { resourceType: 'Parameters', parameter: [{ name: 'task', resource: task }, { name: 'communication', resource: communication }] } };
  })],
};
