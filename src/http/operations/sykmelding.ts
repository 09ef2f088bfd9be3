/**
 * The sykmelding operations (documented in docs/sykmelding.md):
 *  - POST QuestionnaireResponse/$submit      store + rules, answers with the receipt
 *  - POST QuestionnaireResponse/$dry-run     rules only, nothing stored (live feedback while writing)
 *  - GET  QuestionnaireResponse/{id}/$status the receipt, lifecycle status and its history
 *  - POST QuestionnaireResponse/{id}/$send | $confirm | $cancel | $reopen   the patient's actions
 *  - GET  QuestionnaireResponse/{id}/$employer-view?orgnr=…   only for a sykmelding sent to that employer
 *  - GET  QuestionnaireResponse/{id}/$patient-view
 *  - POST Task/{id}/$decide                  a NAV caseworker's manual decision
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { StatusEvent } from '../../domain/sykmelding/lifecycle.ts';
import { employerView, OPTIONAL_EMPLOYER_PARTS, patientView } from '../../domain/sykmelding/views.ts';
import { isSykmeldingQuestionnaire, toQuestionnaireResponse, toSykmelding } from '../../fhir/mapping/questionnaire-response.ts';
import { badRequest, forbidden, isFhirError, notFound, unprocessable } from '../../fhir/outcome.ts';
import type { Role } from '../../auth/principal.ts';
import type { FhirService } from '../../service/fhir-service.ts';
import { assessDraft } from '../../sykmelding/dry-run.ts';
import { changeStatus, decide, findStatusTask, notSubmitted, receipt, receiptOf, requireStatusTask } from '../../sykmelding/status.ts';
import { readStatusTask, type StatusTaskView } from '../../sykmelding/status-task.ts';
import { STATUS_TASK_RESULT } from '../../sykmelding/write-hook.ts';
import { withResolvedSubject } from '../../sykmelding/subject.ts';
import { FHIR_JSON } from '../fhir-reply.ts';
import type { Permission } from '../../auth/scopes.ts';
import type { FhirOperation, OperationDeps, ScopeNeed } from './index.ts';

type Json = Record<string, unknown>;
interface Parameter { name?: string; valueString?: string; valueCode?: string; valueIdentifier?: { value?: string }; resource?: Json }

const OP_BASE = 'https://helsebro.no/fhir/OperationDefinition/';

function parameters(body: unknown): Parameter[] {
  if (body === undefined || body === null) return [];
  const b = body as { resourceType?: string; parameter?: unknown };
  if (b.resourceType !== 'Parameters') throw badRequest('The body must be a Parameters resource');
  if (b.parameter !== undefined && !Array.isArray(b.parameter)) throw badRequest('Parameters.parameter must be an array', 'Parameters.parameter');
  return (b.parameter as Parameter[] | undefined) ?? [];
}

/** The QuestionnaireResponse given directly or as the `resource` part of Parameters. */
function questionnaireResponse(body: unknown): Json {
  const b = body as Json | undefined;
  if (b?.resourceType === 'Parameters') {
    const r = parameters(b).find((p) => p.name === 'resource')?.resource;
    if (!r) throw badRequest("Parameters must hold the QuestionnaireResponse in a 'resource' part");
    return r;
  }
  if (b?.resourceType !== 'QuestionnaireResponse') throw badRequest('Expected a QuestionnaireResponse (or Parameters with one)');
  return b;
}

const send = (reply: FastifyReply, body: unknown, code = 200) => reply.code(code).type(FHIR_JSON).send(JSON.stringify(body));
const label = (request: FastifyRequest, interaction: string, resourceType = 'QuestionnaireResponse') => {
  request.fhirLabel = { interaction, resourceType };
};

function historyParts(view: StatusTaskView): Json[] {
  return view.state.history.map((h) => ({
    name: 'statusHistory',
    part: [
      { name: 'status', valueCode: h.status },
      { name: 'at', valueDateTime: h.at },
      { name: 'by', valueString: h.by },
      ...(h.arbeidsgiverOrgnr ? [{ name: 'orgnr', valueString: h.arbeidsgiverOrgnr }] : []),
    ],
  }));
}

async function readSykmelding(service: FhirService, id: string) {
  const view = await requireStatusTask(service, id);
  const qr = JSON.parse((await service.read('QuestionnaireResponse', id)).content) as Json;
  const { sykmelding } = toSykmelding(qr, { pasientIdent: '', behandler: {} });
  if (!sykmelding) throw notFound(`QuestionnaireResponse/${id} can no longer be read as a sykmelding`);
  return { view, qr, sykmelding };
}

/** Who may call what (data access is checked on top, through the caller's service). */
function requireRole(request: FastifyRequest, roles: Role[], what: string): void {
  const role = request.principal?.role ?? 'dev';
  if (role !== 'dev' && !roles.includes(role)) throw forbidden(`A ${role} cannot ${what}`);
}

/**
 * The caller must be able to see the sykmelding's status Task (their own, their patient's, …); the
 * Task, not the QuestionnaireResponse, because citizens read sykmeldinger only through their view.
 * One they may not see is answered as one never submitted.
 */
async function requireVisible(deps: OperationDeps, request: FastifyRequest, id: string): Promise<void> {
  const view = await requireStatusTask(deps.service, id);
  await deps.serviceFor(request).read('Task', view.id).catch((err: unknown) => {
    throw isFhirError(err) && err.status === 404 ? notSubmitted(id) : err;
  });
}

const actor = (request: FastifyRequest) => (request.principal && request.principal.role !== 'dev' ? request.principal.sub : 'pasient');

async function register(app: FastifyInstance, deps: OperationDeps): Promise<void> {
  const { service } = deps;

  app.post('/QuestionnaireResponse/$submit', async (request, reply) => {
    label(request, 'submit');
    requireRole(request, ['doctor', 'system'], 'submit a sykmelding');
    const caller = deps.serviceFor(request);
    const qr = await withResolvedSubject(caller, questionnaireResponse(request.body));
    if (qr.status !== 'completed' && qr.status !== 'amended') throw badRequest("A submitted sykmelding must have status 'completed'", 'QuestionnaireResponse.status');
    // Refused before anything is written: $submit stores sykmeldinger only.
    if (!isSykmeldingQuestionnaire(qr.questionnaire)) {
      const diagnostics = `$submit takes a sykmelding: questionnaire must be a sykmelding Questionnaire (ours or NAV's syk-inn), not '${String(qr.questionnaire ?? '').slice(0, 100)}'`;
      throw unprocessable([{ severity: 'error', code: 'invalid', diagnostics, expression: ['QuestionnaireResponse.questionnaire'] }]);
    }
    const result = typeof qr.id === 'string'
      ? await caller.update('QuestionnaireResponse', qr.id, qr)
      : await caller.create('QuestionnaireResponse', qr);
    const fresh = result.hookResults?.get(STATUS_TASK_RESULT) as Json | undefined;
    const view = fresh ? readStatusTask(fresh) : await findStatusTask(service, result.stored.id);
    if (!view) throw badRequest('The QuestionnaireResponse was not recognised as a sykmelding');
    reply.header('location', `${deps.baseUrl(request)}/QuestionnaireResponse/${result.stored.id}/_history/${result.stored.versionId}`);
    return send(reply, receipt(receiptOf(view), result.existing !== undefined), result.created ? 201 : 200);
  });

  app.post('/QuestionnaireResponse/$dry-run', async (request, reply) => {
    label(request, 'dry-run');
    requireRole(request, ['doctor', 'system'], 'check a sykmelding draft');
    const draft = await withResolvedSubject(deps.serviceFor(request), questionnaireResponse(request.body));
    // The feedback draws on the patient's earlier sykmeldinger: only for a patient the caller may see.
    const subject = /^Patient\/([A-Za-z0-9\-.]{1,64})$/.exec(String((draft.subject as { reference?: string } | undefined)?.reference ?? ''));
    if (request.principal && request.principal.role !== 'dev') {
      if (!subject) throw badRequest('A draft needs its patient: Patient/id, or a fødselsnummer or D-nummer in subject.identifier', 'QuestionnaireResponse.subject');
      await deps.serviceFor(request).read('Patient', subject[1]);
    }
    return send(reply, await assessDraft(service, draft, { now: deps.now(), isKnownCode: deps.isKnownCode, knownSpelling: deps.terminology.knownSpelling }));
  });

  app.get<{ Params: { id: string } }>('/QuestionnaireResponse/:id/$status', async (request, reply) => {
    label(request, 'status');
    await requireVisible(deps, request, request.params.id);
    const view = await requireStatusTask(service, request.params.id);
    const body = receipt(receiptOf(view), false);
    (body.parameter as Json[]).push(...historyParts(view));
    return send(reply, body);
  });

  const statusAction = (path: string, make: (params: Parameter[]) => StatusEvent) =>
    app.post<{ Params: { id: string } }>(`/QuestionnaireResponse/:id/$${path}`, async (request, reply) => {
      label(request, path);
      requireRole(request, ['citizen'], 'change the status of a sykmelding (the patient does)');
      await requireVisible(deps, request, request.params.id);
      const event = make(parameters(request.body));
      const view = await changeStatus(service, request.params.id, event, actor(request), deps.now());
      const body = receipt(receiptOf(view), false);
      (body.parameter as Json[]).push(...historyParts(view));
      return send(reply, body);
    });

  statusAction('send', (params) => {
    const orgnr = params.find((p) => p.name === 'orgnr');
    const value = orgnr?.valueString ?? orgnr?.valueIdentifier?.value;
    if (!value) throw badRequest("Sending needs the employer's organisation number in an 'orgnr' parameter");
    const deler = params.filter((p) => p.name === 'del').map((p) => p.valueCode ?? '');
    const unknown = deler.find((d) => !(OPTIONAL_EMPLOYER_PARTS as readonly string[]).includes(d));
    if (unknown !== undefined) throw badRequest(`Unknown part '${unknown.slice(0, 40)}'; the optional parts are ${OPTIONAL_EMPLOYER_PARTS.join(', ')}`);
    return { kind: 'SEND', arbeidsgiverOrgnr: value, deler: params.some((p) => p.name === 'del') ? deler : [...OPTIONAL_EMPLOYER_PARTS] };
  });
  statusAction('confirm', () => ({ kind: 'BEKREFT' }));
  statusAction('cancel', () => ({ kind: 'AVBRYT' }));
  statusAction('reopen', () => ({ kind: 'GJENAPNE' }));

  app.get<{ Params: { id: string }; Querystring: { orgnr?: string } }>('/QuestionnaireResponse/:id/$employer-view', async (request, reply) => {
    label(request, 'employer-view');
    const orgnr = request.query.orgnr;
    if (!orgnr || !/^\d{9}$/.test(orgnr)) throw badRequest("The employer view needs the employer's 9-digit 'orgnr'");
    requireRole(request, ['employer', 'system'], 'see employer views');
    if (request.principal?.role === 'employer' && request.principal.orgnr !== orgnr) throw forbidden(`Your token is for organisation ${request.principal.orgnr}, not ${orgnr}`);
    const { view, sykmelding } = await readSykmelding(service, request.params.id);
    // Not sent to this employer: answer as if it did not exist, so nothing is revealed.
    if (view.state.status !== 'SENDT' || view.arbeidsgiverOrgnr !== orgnr) throw notSubmitted(request.params.id);
    const shown = employerView(sykmelding, view.deler);
    const qr = toQuestionnaireResponse(shown);
    return send(reply, { ...qr, id: request.params.id, status: 'completed' });
  });

  app.get<{ Params: { id: string } }>('/QuestionnaireResponse/:id/$patient-view', async (request, reply) => {
    label(request, 'patient-view');
    requireRole(request, ['citizen', 'system'], "see the patient's view");
    await requireVisible(deps, request, request.params.id);
    const { qr, sykmelding } = await readSykmelding(service, request.params.id);
    const shown = toQuestionnaireResponse(patientView(sykmelding), { subject: (qr.subject as { reference?: string } | undefined)?.reference, author: (qr.author as { reference?: string } | undefined)?.reference });
    return send(reply, { ...shown, id: request.params.id, status: 'completed' });
  });

  app.post<{ Params: { id: string } }>('/Task/:id/$decide', async (request, reply) => {
    label(request, 'decide', 'Task');
    requireRole(request, ['caseworker', 'system'], 'decide manual-processing tasks');
    await deps.serviceFor(request).read('Task', request.params.id);
    const params = parameters(request.body);
    const vurdering = params.find((p) => p.name === 'vurdering')?.valueCode;
    const by = request.principal?.navIdent ?? params.find((p) => p.name === 'saksbehandler')?.valueString ?? 'NAV';
    const { task, status } = await decide(service, request.params.id, vurdering, by, deps.now());
    return send(reply, { resourceType: 'Parameters', parameter: [{ name: 'task', resource: task }, ...(receipt(receiptOf(status), false).parameter as Json[])] });
  });
}

const need = (resourceType: string, permission: Permission): ScopeNeed => ({ resourceType, permission });
const QR = 'QuestionnaireResponse';
/** The patient's actions and the views read the sykmelding and its status Task (the status is the server's to write). */
const READS_SYKMELDING = [need(QR, 'r'), need('Task', 'r')];

/** Each operation: the type it is on, and what the token's scopes must allow (see operation-scopes.ts). */
const OPERATION_SCOPES: Array<[type: string, name: string, scopes: ScopeNeed[]]> = [
  [QR, 'submit', [need(QR, 'c')]],
  // A draft of a sykmelding about a patient the caller reads.
  [QR, 'dry-run', [need(QR, 'c'), need('Patient', 'r')]],
  ...['status', 'send', 'confirm', 'cancel', 'reopen', 'patient-view'].map((name): [string, string, ScopeNeed[]] => [QR, name, READS_SYKMELDING]),
  [QR, 'employer-view', [need(QR, 'r')]],
  ['Task', 'decide', [need('Task', 'r'), need('Task', 'u')]],
];

export const sykmeldingOperations: FhirOperation = {
  declares: OPERATION_SCOPES.map(([type, name, scopes]) => ({ name, definition: `${OP_BASE}${type}-${name}`, resourceTypes: [type], scopes })),
  register,
};
