/** `POST QuestionnaireResponse/$legeerklaering-submit`: stores a legeerklæring (intake and the rules run as it is written) and answers with the receipt. */
import { requireLegeerklaering } from '../../../legeerklaering/assess.ts';
import { receiptOfTask, receiptParameters } from '../../../legeerklaering/receipt.ts';
import { findReceipt, RECEIPT_TASK_RESULT } from '../../../legeerklaering/write-hook.ts';
import type { Task } from '../../../fhir/r4.ts';
import { badRequest } from '../../../fhir/outcome.ts';
import { withResolvedSubject } from '../../../sykmelding/subject.ts';
import { operationRoute, type FhirOperation } from '../index.ts';
import { declaration, need, QR } from '../sykmelding/declarations.ts';
import { questionnaireResponse } from '../sykmelding/parameters.ts';
import { requireRole } from '../sykmelding/roles.ts';

export const legeerklaeringSubmitOperation: FhirOperation = {
  declares: [declaration(QR, 'legeerklaering-submit', [need(QR, 'c')])],
  routes: [operationRoute('POST', '/QuestionnaireResponse/$legeerklaering-submit', async ({ request, service, principal, deps }) => {
    requireRole(principal, ['doctor', 'system'], 'submit a legeerklæring');
    const qr = requireLegeerklaering(await withResolvedSubject(service, questionnaireResponse(request.body)));
    if (qr.status !== 'completed' && qr.status !== 'amended') throw badRequest("A submitted legeerklæring must have status 'completed'", 'QuestionnaireResponse.status');
    // A new one always: a legeerklæring is not changed once received (write a new one to correct it).
    const { id: _id, ...form } = qr;
    const result = await service.create('QuestionnaireResponse', form);
    // The receipt: the one just built, or — for a re-sent copy — the original's, read as the caller (it is their own).
    const built = result.hookResults?.get(RECEIPT_TASK_RESULT) as Task | undefined;
    const task = result.existing === undefined && built ? built : await findReceipt(service, result.stored.id);
    if (!task) throw badRequest(`QuestionnaireResponse/${result.stored.id} was not recognised as a legeerklæring`);
    return {
      status: result.created ? 201 : 200,
      headers: { location: `${deps.baseUrl(request)}/QuestionnaireResponse/${result.stored.id}/_history/${result.stored.versionId}` },
      body: receiptParameters(receiptOfTask(task), result.existing !== undefined),
    };
  })],
};
