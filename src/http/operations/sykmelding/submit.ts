/** `POST QuestionnaireResponse/$submit`: stores a sykmelding (the rules run as it is written) and answers with the receipt. */
import { isSykmeldingQuestionnaire } from '../../../fhir/mapping/questionnaire-response.ts';
import { badRequest, unprocessable } from '../../../fhir/outcome.ts';
import { statusOfWritten } from '../../../sykmelding/caller-actions.ts';
import { receipt, receiptOf } from '../../../sykmelding/status.ts';
import { withResolvedSubject } from '../../../sykmelding/subject.ts';
import { operationRoute, type FhirOperation } from '../index.ts';
import { declaration, need, QR } from './declarations.ts';
import { questionnaireResponse } from './parameters.ts';
import { requireRole } from './roles.ts';

export const submitOperation: FhirOperation = {
  declares: [declaration(QR, 'submit', [need(QR, 'c')])],
  routes: [operationRoute('POST', '/QuestionnaireResponse/$submit', async ({ request, service, principal, deps }) => {
    requireRole(principal, ['doctor', 'system'], 'submit a sykmelding');
    const qr = await withResolvedSubject(service, questionnaireResponse(request.body));
    if (qr.status !== 'completed' && qr.status !== 'amended') throw badRequest("A submitted sykmelding must have status 'completed'", 'QuestionnaireResponse.status');
    // Refused before anything is written: $submit stores sykmeldinger only.
    if (!isSykmeldingQuestionnaire(qr.questionnaire)) {
      const diagnostics = `$submit takes a sykmelding: questionnaire must be a sykmelding Questionnaire (ours or NAV's syk-inn), not '${String(qr.questionnaire ?? '').slice(0, 100)}'`;
      throw unprocessable([{ severity: 'error', code: 'invalid', diagnostics, expression: ['QuestionnaireResponse.questionnaire'] }]);
    }
    const result = typeof qr.id === 'string'
      ? await service.update('QuestionnaireResponse', qr.id, qr)
      : await service.create('QuestionnaireResponse', qr);
    const view = await statusOfWritten(service, result);
    if (!view) throw badRequest('The QuestionnaireResponse was not recognised as a sykmelding');
    return {
      status: result.created ? 201 : 200,
      headers: { location: `${deps.baseUrl(request)}/QuestionnaireResponse/${result.stored.id}/_history/${result.stored.versionId}` },
      body: receipt(receiptOf(view), result.existing !== undefined),
    };
  })],
};
