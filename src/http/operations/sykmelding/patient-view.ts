/** `GET QuestionnaireResponse/{id}/$patient-view`: the sykmelding as the patient sees it. */
import { patientView } from '../../../domain/sykmelding/views.ts';
import { toQuestionnaireResponse } from '../../../fhir/mapping/questionnaire-response.ts';
import { sykmeldingForPatient } from '../../../sykmelding/caller-actions.ts';
import { operationRoute, type FhirOperation } from '../index.ts';
import { declaration, QR, READS_SYKMELDING } from './declarations.ts';
import { requireRole } from './roles.ts';


export const patientViewOperation: FhirOperation = {
  declares: [declaration(QR, 'patient-view', READS_SYKMELDING)],
  routes: [operationRoute<{ Params: { id: string } }>('GET', '/QuestionnaireResponse/:id/$patient-view', async ({ request, service, principal }) => {
    requireRole(principal, ['citizen', 'system'], "see the patient's view");
    const { qr, sykmelding } = await sykmeldingForPatient(service, request.params.id);
    const shown = toQuestionnaireResponse(patientView(sykmelding), { subject: qr.subject?.reference, author: qr.author?.reference });
    return { body: { ...shown, id: request.params.id, status: 'completed' } };
  })],
};
