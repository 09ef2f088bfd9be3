/** `POST QuestionnaireResponse/$legeerklaering-dry-run`: a legeerklæring draft through intake and the rules, nothing stored. */
import { assessLegeerklaeringDraft } from '../../../legeerklaering/dry-run.ts';
import { withResolvedSubject } from '../../../sykmelding/subject.ts';
import { operationRoute, type FhirOperation } from '../index.ts';
import { declaration, need, QR } from '../sykmelding/declarations.ts';
import { questionnaireResponse } from '../sykmelding/parameters.ts';
import { requireRole } from '../sykmelding/roles.ts';

export const legeerklaeringDryRunOperation: FhirOperation = {
  // A draft about a patient the caller reads; nothing is written.
  declares: [declaration(QR, 'legeerklaering-dry-run', [need(QR, 'c'), need('Patient', 'r')])],
  routes: [operationRoute('POST', '/QuestionnaireResponse/$legeerklaering-dry-run', async ({ request, service, principal, deps }) => {
    requireRole(principal, ['doctor', 'system'], 'check a legeerklæring draft');
    const draft = await withResolvedSubject(service, questionnaireResponse(request.body));
    return { body: await assessLegeerklaeringDraft(service, draft, { now: deps.now() }) };
  })],
};
