/**
 * The status side of a stored sykmelding: find its status Task, apply a lifecycle event (patient
 * sends, confirms, cancels, reopens; the expiry job), record a NAV caseworker's manual decision, and
 * build the receipt returned to the doctor. Every change is a new Task version.
 */
import { OUTCOMES, type OutcomeName, type RuleResult } from '../domain/sykmelding/index.ts';
import { isExpired, transition, type StatusEvent } from '../domain/sykmelding/lifecycle.ts';
import { isManuellVurdering, VURDERINGER } from '../domain/sykmelding/manual-processing.ts';
import { latestTom } from '../domain/sykmelding/syketilfelle.ts';
import { fromDay } from '../domain/rules/dates.ts';
import { toSykmelding } from '../fhir/mapping/questionnaire-response.ts';
import { badRequest, conflict, isFhirError, notFound } from '../fhir/outcome.ts';
import type { FhirService } from '../service/fhir-service.ts';
import { asResource, isResource, type Parameters, type ParametersParameter, type QuestionnaireResponse, type Task } from '../fhir/r4.ts';
import { osloDate, searchResources } from './context-builder.ts';
import { buildStatusTask, manualTaskId, MANUAL_TASK_CODE, readStatusTask, STATUS_TASK_CODE, type StatusTaskView } from './status-task.ts';
import { TASK_CODE_SYSTEM, SYKMELDING_STATUS_SYSTEM } from '../fhir/helsebro-codes.ts';
import { skrivemaateHint } from '../domain/sykmelding/trees/arbeidsuforhet/definitions.ts';
import type { KodeForslag } from './code-hints.ts';

/** A receipt always has its parameters (the dry run adds to them). */
type Receipt = Parameters & { parameter: ParametersParameter[] };

export async function findStatusTask(service: FhirService, qrId: string): Promise<(StatusTaskView & { versionId: number }) | undefined> {
  const request = [['focus', `QuestionnaireResponse/${qrId}`], ['code', `${TASK_CODE_SYSTEM}|${STATUS_TASK_CODE}`]] as Array<[string, string]>;
  const { matches } = await searchResources(service, 'Task', request);
  const task = matches[0];
  if (!task) return undefined;
  return { ...readStatusTask(task), versionId: Number(task.meta?.versionId ?? 1) };
}

export async function requireStatusTask(service: FhirService, qrId: string): Promise<StatusTaskView & { versionId: number }> {
  const found = await findStatusTask(service, qrId);
  if (!found) throw notSubmitted(qrId);
  return found;
}

/** No sykmelding was submitted as this QuestionnaireResponse — or, worded alike, none the caller may see. */
export const notSubmitted = (qrId: string) => notFound(`QuestionnaireResponse/${qrId} is not a submitted sykmelding`);

/** Writes a new version of the status Task from a view (guarded by the version it was read at). */
async function writeStatusTask(service: FhirService, view: StatusTaskView & { versionId: number }, at: string): Promise<StatusTaskView> {
  const task = buildStatusTask({
    qrId: view.qrId, patientRef: view.patientRef, authorRef: view.authorRef, hash: view.hash ?? '',
    rule: { status: view.ruleStatus, routed: view.routed, ruleName: view.ruleName, path: view.path, kodeforslag: view.kodeforslag },
    state: view.state, merknader: view.merknader, at,
  });
  const stored = await service.workflowUpdate({ ...task, id: view.id }, view.versionId);
  return readStatusTask(asResource(JSON.parse(stored.content), 'Task'));
}

/** Applies a lifecycle event; an event the lifecycle does not allow is a 409 with the reason. */
export async function changeStatus(service: FhirService, qrId: string, event: StatusEvent, by: string, now: Date): Promise<StatusTaskView> {
  return service.inTransaction(async (tx) => {
    const current = await requireStatusTask(tx, qrId);
    const at = now.toISOString();
    const next = transition(current.state, event, at, by);
    if (!next.ok) throw conflict(`${next.reason} (sykmelding ${qrId} is ${current.state.status})`);
    return writeStatusTask(tx, { ...current, state: next.state }, at);
  });
}

/** A caseworker's decision on the manual-processing Task; its effect on remarks, status and messages. */
export async function decide(service: FhirService, taskId: string, vurdering: unknown, by: string, now: Date): Promise<{ task: Task; status: StatusTaskView }> {
  if (!isManuellVurdering(vurdering)) throw badRequest(`Unknown decision '${String(vurdering).slice(0, 60)}'; use one of ${Object.keys(VURDERINGER).join(', ')}`);
  return service.inTransaction(async (tx) => {
    const stored = await tx.read('Task', taskId);
    const task = asResource(JSON.parse(stored.content), 'Task');
    const code = task.code?.coding?.[0]?.code;
    if (code !== MANUAL_TASK_CODE) throw badRequest(`Task/${taskId} is not a manual-processing task`);
    if (task.status === 'completed') throw conflict(`Task/${taskId} is already decided (${String(task.businessStatus?.text)})`);
    const qrId = (task.focus?.reference ?? '').split('/')[1];
    const effect = VURDERINGER[vurdering];
    const at = now.toISOString();
    const updated: Task & { id: string } = {
      ...task,
      id: taskId,
      status: effect.oppgaveFerdig ? 'completed' : 'in-progress',
      businessStatus: { text: vurdering },
      owner: { display: by },
      lastModified: at,
      note: [...(task.note ?? []), { time: at, authorString: by, text: vurdering }],
      // More information needed: the deadline moves to two weeks from now (reference §8).
      ...(effect.oppgaveFerdig ? {} : { restriction: { period: { end: new Date(now.getTime() + 14 * 86_400_000).toISOString() } } }),
      output: [{ type: { text: 'vurdering' }, valueCode: vurdering }],
    };
    const written = await tx.workflowUpdate(updated, stored.versionId);
    const current = await requireStatusTask(tx, qrId);
    // Every decision republishes the sykmelding as OK with the decision's remarks replacing the old ones.
    const status = await writeStatusTask(tx, { ...current, merknader: effect.merknader, routed: 'OK', state: { ...current.state, rejected: false } }, at);
    if (effect.oppfolgingsoppgave) {
      const followUp: Task = {
        resourceType: 'Task', status: 'requested', intent: 'order', priority: 'urgent',
        code: { coding: [{ system: TASK_CODE_SYSTEM, code: 'oppfolging-tilbakedatering', display: 'Oppfølging av avslått tilbakedatering' }] },
        description: 'Følg opp sykmelding der tilbakedateringen ikke ble godkjent',
        focus: { reference: `QuestionnaireResponse/${qrId}` }, for: task.for, partOf: [{ reference: `Task/${taskId}` }], authoredOn: at,
      };
      await tx.workflowCreate(followUp);
    }
    return { task: asResource(JSON.parse(written.content), 'Task'), status };
  });
}

/** A status change refused because the Task changed since it was read: 409 (no longer open) or 412 (newer version). */
function changedMeanwhile(err: unknown): boolean {
  return isFhirError(err) && (err.status === 409 || err.status === 412);
}

/** Expires open sykmeldinger the patient never used (see lifecycle.isExpired), counting days in Norway; returns the ids changed. */
export async function expireSykmeldinger(service: FhirService, now: Date): Promise<string[]> {
  // The Norwegian calendar day, as the rules count it (their evaluation date).
  const today = osloDate(now);
  const { matches, includes } = await searchResources(service, 'Task', [
    ['code', `${TASK_CODE_SYSTEM}|${STATUS_TASK_CODE}`],
    ['business-status', `${SYKMELDING_STATUS_SYSTEM}|APEN`],
    ['_include', 'Task:focus'],
    ['_count', '1000'],
  ]);
  const qrs = new Map(includes.filter((r): r is QuestionnaireResponse => isResource(r, 'QuestionnaireResponse')).map((r) => [r.id, r]));
  const expired: string[] = [];
  for (const task of matches) {
    const view = readStatusTask(task);
    const qr = qrs.get(view.qrId);
    const s = qr && toSykmelding(qr, { pasientIdent: '', behandler: {} }).sykmelding;
    if (!s || s.perioder.length === 0) continue;
    if (!isExpired(view.state, fromDay(latestTom(s.perioder)), today)) continue;
    try {
      await changeStatus(service, view.qrId, { kind: 'UTLOP' }, 'system', now);
      expired.push(view.qrId);
    } catch (err) {
      if (!changedMeanwhile(err)) throw err;
      // Changed by someone else meanwhile (no longer open, or a newer version): the next run looks again.
    }
  }
  return expired;
}

/** The receipt the doctor gets: status, each rule hit with its messages, and the rule path. */
interface ReceiptInput {
  qrId?: string;
  ruleStatus: RuleResult['status'];
  ruleName?: string;
  path: string;
  merknader: string[];
  lifecycle?: string;
  kodeforslag?: KodeForslag[];
}

export function receiptOf(view: StatusTaskView): ReceiptInput {
  return { qrId: view.qrId, ruleStatus: view.ruleStatus, ruleName: view.ruleName, path: view.path, merknader: view.merknader, lifecycle: view.state.status, kodeforslag: view.kodeforslag };
}

export function receipt(view: ReceiptInput, duplicate: boolean): Receipt {
  const hit = view.ruleName ? OUTCOMES[view.ruleName as OutcomeName] : undefined;
  const part = (name: string, value: Omit<ParametersParameter, 'name'>): ParametersParameter => ({ name, ...value });
  const ruleHits = hit ? [{
    name: 'ruleHit',
    part: [
      part('ruleName', { valueCode: view.ruleName }),
      part('status', { valueCode: hit.status }),
      part('messageForSender', { valueString: hit.sykmelder.nb }),
      part('messageForSenderEn', { valueString: hit.sykmelder.en }),
      part('messageForUser', { valueString: hit.sykmeldt.nb }),
      part('messageForUserEn', { valueString: hit.sykmeldt.en }),
      ...(view.kodeforslag ?? []).flatMap((k) => {
        const hint = skrivemaateHint(k.kode);
        return [part('hintForSender', { valueString: hint.nb }), part('hintForSenderEn', { valueString: hint.en })];
      }),
    ],
  }] : [];
  return {
    resourceType: 'Parameters',
    parameter: [
      ...(view.qrId ? [{ name: 'sykmelding', valueReference: { reference: `QuestionnaireResponse/${view.qrId}` } }] : []),
      { name: 'status', valueCode: view.ruleStatus },
      ...(view.lifecycle ? [{ name: 'lifecycle', valueCode: view.lifecycle }] : []),
      { name: 'duplicate', valueBoolean: duplicate },
      ...ruleHits,
      { name: 'path', valueString: view.path },
      ...view.merknader.map((m) => ({ name: 'merknad', valueCode: m })),
      ...(view.qrId && view.ruleStatus === 'MANUAL_PROCESSING' ? [{ name: 'manualTask', valueReference: { reference: `Task/${manualTaskId(view.qrId)}` } }] : []),
    ],
  };
}
