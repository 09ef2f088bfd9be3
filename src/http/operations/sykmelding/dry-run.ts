/** `POST QuestionnaireResponse/$dry-run`: the rules on a draft, nothing stored (live feedback while writing). */
import { assessDraft } from '../../../sykmelding/dry-run.ts';
import { withResolvedSubject } from '../../../sykmelding/subject.ts';
import { operationRoute, type FhirOperation } from '../index.ts';
import { declaration, need, QR } from './declarations.ts';
import { questionnaireResponse } from './parameters.ts';
import { requireRole } from './roles.ts';

export const dryRunOperation: FhirOperation = {
  // A draft of a sykmelding about a patient the caller reads.
  declares: [declaration(QR, 'dry-run', [need(QR, 'c'), need('Patient', 'r')])],
  routes: [operationRoute('POST', '/QuestionnaireResponse/$dry-run', async ({ request, service, principal, deps }) => {
    requireRole(principal, ['doctor', 'system'], 'check a sykmelding draft');
    const draft = await withResolvedSubject(service, questionnaireResponse(request.body));
    return { body: await assessDraft(service, draft, { now: deps.now(), isKnownCode: deps.isKnownCode, knownSpelling: deps.terminology.knownSpelling }) };
  })],
};
