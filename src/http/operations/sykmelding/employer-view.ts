/** `GET QuestionnaireResponse/{id}/$employer-view?orgnr=…`: what an employer sees, only of a sykmelding sent to them. */
import { employerView } from '../../../domain/sykmelding/views.ts';
import { toQuestionnaireResponse } from '../../../fhir/mapping/questionnaire-response.ts';
import { badRequest, forbidden } from '../../../fhir/outcome.ts';
import { sykmeldingForEmployer } from '../../../sykmelding/caller-actions.ts';
import { operationRoute, type FhirOperation } from '../index.ts';
import { declaration, need, QR } from './declarations.ts';
import { requireRole } from './roles.ts';

export const employerViewOperation: FhirOperation = {
  declares: [declaration(QR, 'employer-view', [need(QR, 'r')])],
  routes: [operationRoute<{ Params: { id: string }; Querystring: { orgnr?: string } }>('GET', '/QuestionnaireResponse/:id/$employer-view', async ({ request, service, principal }) => {
    const orgnr = request.query.orgnr;
    if (!orgnr || !/^\d{9}$/.test(orgnr)) throw badRequest("The employer view needs the employer's 9-digit 'orgnr'");
    requireRole(principal, ['employer', 'system'], 'see employer views');
    if (principal?.role === 'employer' && principal.orgnr !== orgnr) throw forbidden(`Your token is for organisation ${principal.orgnr}, not ${orgnr}`);
    const { view, sykmelding } = await sykmeldingForEmployer(service, request.params.id, orgnr);
    const qr = toQuestionnaireResponse(employerView(sykmelding, view.deler));
    return { body: { ...qr, id: request.params.id, status: 'completed' } };
  })],
};
