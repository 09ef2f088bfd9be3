/** `GET QuestionnaireResponse/{id}/$status`: the receipt, lifecycle status and its history. */
import { visibleStatusTask } from '../../../sykmelding/caller-actions.ts';
import { operationRoute, type FhirOperation } from '../index.ts';
import { declaration, QR, READS_SYKMELDING } from './declarations.ts';
import { statusReply } from './status-reply.ts';

export const statusOperation: FhirOperation = {
  declares: [declaration(QR, 'status', READS_SYKMELDING)],
  routes: [operationRoute<{ Params: { id: string } }>('GET', '/QuestionnaireResponse/:id/$status', async ({ request, service }) => ({
    body: statusReply(await visibleStatusTask(service, request.params.id)),
  }))],
};
