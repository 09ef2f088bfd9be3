/** `POST QuestionnaireResponse/{id}/$send | $confirm | $cancel | $reopen`: the patient's actions on their sykmelding. */
import type { StatusEvent } from '../../../domain/sykmelding/lifecycle.ts';
import { OPTIONAL_EMPLOYER_PARTS } from '../../../domain/sykmelding/views.ts';
import { badRequest } from '../../../fhir/outcome.ts';
import { changeStatusFor } from '../../../sykmelding/caller-actions.ts';
import { operationRoute, type FhirOperation, type OperationRoute } from '../index.ts';
import { declaration, QR, READS_SYKMELDING } from './declarations.ts';
import type { ParametersParameter as Parameter } from '../../../fhir/r4.ts';
import { parameters } from './parameters.ts';
import { actor, requireRole } from './roles.ts';
import { statusReply } from './status-reply.ts';

function sendEvent(params: Parameter[]): StatusEvent {
  const orgnr = params.find((p) => p.name === 'orgnr');
  const value = orgnr?.valueString ?? orgnr?.valueIdentifier?.value;
  if (!value) throw badRequest("Sending needs the employer's organisation number in an 'orgnr' parameter");
  const deler = params.filter((p) => p.name === 'del').map((p) => p.valueCode ?? '');
  const unknown = deler.find((d) => !(OPTIONAL_EMPLOYER_PARTS as readonly string[]).includes(d));
  if (unknown !== undefined) throw badRequest(`Unknown part '${unknown.slice(0, 40)}'; the optional parts are ${OPTIONAL_EMPLOYER_PARTS.join(', ')}`);
  return { kind: 'SEND', arbeidsgiverOrgnr: value, deler: params.some((p) => p.name === 'del') ? deler : [...OPTIONAL_EMPLOYER_PARTS] };
}

const ACTIONS: Array<[name: string, event: (params: Parameter[]) => StatusEvent]> = [
  ['send', sendEvent],
  ['confirm', () => ({ kind: 'BEKREFT' })],
  ['cancel', () => ({ kind: 'AVBRYT' })],
  ['reopen', () => ({ kind: 'GJENAPNE' })],
];

const actionRoute = ([name, event]: (typeof ACTIONS)[number]): OperationRoute =>
  operationRoute<{ Params: { id: string } }>('POST', `/QuestionnaireResponse/:id/$${name}`, async ({ request, service, principal, deps }) => {
    requireRole(principal, ['citizen'], 'change the status of a sykmelding (the patient does)');
    const view = await changeStatusFor(service, request.params.id, () => event(parameters(request.body)), actor(principal), deps.now());
    return { body: statusReply(view) };
  });

export const patientActionOperations: FhirOperation = {
  declares: ACTIONS.map(([name]) => declaration(QR, name, READS_SYKMELDING)),
  routes: ACTIONS.map(actionRoute),
};
