/**
 * What the sykmelding operations ask on a caller's behalf. Each takes the caller's service and reads
 * through it first, so a sykmelding the caller may not see is answered as one never submitted (404)
 * and a role that may not read at all is refused (403), as a plain read would. Only then does the
 * server read or write what is its own — the status Task, the sykmelding behind a view — through an
 * explicitly named unrestricted service.
 */
import { toSykmelding } from '../fhir/mapping/questionnaire-response.ts';
import { isFhirError, notFound } from '../fhir/outcome.ts';
import type { StatusEvent } from '../domain/sykmelding/lifecycle.ts';
import type { FhirService, WriteResult } from '../service/fhir-service.ts';
import { asResource, type Task } from '../fhir/r4.ts';
import { changeStatus, decide, findStatusTask, notSubmitted, requireStatusTask } from './status.ts';
import { readStatusTask, type StatusTaskView } from './status-task.ts';
import { STATUS_TASK_RESULT } from './write-hook.ts';

/**
 * The status Task of a sykmelding the caller may see (their own, their patient's, …); the Task, not
 * the QuestionnaireResponse, because citizens read sykmeldinger only through their view.
 */
export async function visibleStatusTask(caller: FhirService, qrId: string): Promise<StatusTaskView & { versionId: number }> {
  const view = await requireStatusTask(caller.unrestricted("a sykmelding's status Task is found by the server, then read as the caller"), qrId);
  await caller.read('Task', view.id).catch((err: unknown) => {
    throw isFhirError(err) && err.status === 404 ? notSubmitted(qrId) : err;
  });
  return view;
}

/** The status Task of a sykmelding the caller has just written (fresh from the write, or the original of a duplicate). */
export async function statusOfWritten(caller: FhirService, result: WriteResult): Promise<StatusTaskView | undefined> {
  const fresh = result.hookResults?.get(STATUS_TASK_RESULT);
  if (fresh) return readStatusTask(asResource(fresh, 'Task'));
  return findStatusTask(caller.unrestricted('the status Task the server keeps for the sykmelding the caller wrote'), result.stored.id);
}

/**
 * The patient's action on a sykmelding they may see; the status is the server's to write. The event
 * is worked out from the input only then: bad input about one they may not see is answered as not found.
 */
export async function changeStatusFor(caller: FhirService, qrId: string, event: () => StatusEvent, by: string, now: Date): Promise<StatusTaskView> {
  await visibleStatusTask(caller, qrId);
  return changeStatus(caller.unrestricted("the status Task is the server's to write"), qrId, event(), by, now);
}

/** A caseworker's decision (read from the input once the Task is known to be theirs to see); the Tasks it changes are the server's. */
export async function decideFor(caller: FhirService, taskId: string, decision: () => { vurdering: unknown; by: string }, now: Date): Promise<{ task: Task; status: StatusTaskView }> {
  await caller.read('Task', taskId);
  const { vurdering, by } = decision();
  return decide(caller.unrestricted("a decision writes the server's Tasks"), taskId, vurdering, by, now);
}

/** A stored sykmelding with its status, read by the server for a view of it. */
async function readSykmelding(system: FhirService, id: string) {
  const view = await requireStatusTask(system, id);
  const qr = asResource(JSON.parse((await system.read('QuestionnaireResponse', id)).content), 'QuestionnaireResponse');
  const { sykmelding } = toSykmelding(qr, { pasientIdent: '', behandler: {} });
  if (!sykmelding) throw notFound(`QuestionnaireResponse/${id} can no longer be read as a sykmelding`);
  return { view, qr, sykmelding };
}

/** The sykmelding behind the patient's view, when the caller may see it. */
export async function sykmeldingForPatient(caller: FhirService, qrId: string) {
  await visibleStatusTask(caller, qrId);
  return readSykmelding(caller.unrestricted("the patient's view is made by the server from the whole sykmelding"), qrId);
}

/** The sykmelding behind an employer's view: only one sent to that employer; any other is answered as if it did not exist. */
export async function sykmeldingForEmployer(caller: FhirService, qrId: string, orgnr: string) {
  const found = await readSykmelding(caller.unrestricted('an employer sees a sykmelding sent to them, only through its view'), qrId);
  if (found.view.state.status !== 'SENDT' || found.view.arbeidsgiverOrgnr !== orgnr) throw notSubmitted(qrId);
  return found;
}
