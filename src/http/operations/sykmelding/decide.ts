/** `POST Task/{id}/$decide`: a NAV caseworker's decision on a manual-processing Task. */
import { decideFor } from '../../../sykmelding/caller-actions.ts';
import { receipt, receiptOf } from '../../../sykmelding/status.ts';
import { operationRoute, type FhirOperation } from '../index.ts';
import { declaration, need } from './declarations.ts';
import { parameters } from './parameters.ts';
import { requireRole } from './roles.ts';

export const decideOperation: FhirOperation = {
  declares: [declaration('Task', 'decide', [need('Task', 'r'), need('Task', 'u')])],
  routes: [operationRoute<{ Params: { id: string } }>('POST', '/Task/:id/$decide', async ({ request, service, principal, deps }) => {
    requireRole(principal, ['caseworker', 'system'], 'decide manual-processing tasks');
    const decision = () => {
      const params = parameters(request.body);
      const vurdering = params.find((p) => p.name === 'vurdering')?.valueCode;
      return { vurdering, by: principal?.navIdent ?? params.find((p) => p.name === 'saksbehandler')?.valueString ?? 'NAV' };
    };
    const { task, status } = await decideFor(service, request.params.id, decision, deps.now());
    return { body: { resourceType: 'Parameters', parameter: [{ name: 'task', resource: task }, ...receipt(receiptOf(status), false).parameter] } };
  })],
};
