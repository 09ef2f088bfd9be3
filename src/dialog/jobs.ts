/**
 * The dialogue's scheduled work, run by the server on its own service (`helsebro dialog overdue`):
 * - `markOverdue`: requests past their due date (Oslo calendar day, the domain's `dueReminders`)
 *   are set overdue, and each that may be reminded gets exactly one påminnelse (8129:2): a Task of
 *   its own in the same conversation, partOf the original, recorded on the original (PAMINNET), so
 *   a second run finds nothing to do;
 * - `rerouteOpenRequests`: an open request follows its patient when the routing situation changed
 *   (a new GP, a list that fell vacant), by the domain's `reroute`; answered and cancelled ones stay.
 */
import { dueReminders, FINAL_STATUSES } from '../domain/dialog/request-status.ts';
import { REQUEST_KINDS } from '../domain/dialog/kinds.ts';
import { reroute } from '../domain/dialog/routing.ts';
import { osloCalendarDate } from '../domain/sykmelding/oslo-time.ts';
import { readDialogTask } from '../fhir/mapping/dialog.ts';
import { DIALOG } from '../fhir/helsebro-codes.ts';
import { isFhirError } from '../fhir/outcome.ts';
import type { FhirService } from '../service/fhir-service.ts';
import type { FhirResource } from '../store/repository.ts';
import type { Task } from '../fhir/r4.ts';
import { applyEvent, findAll, isDialogTask, NAV_REF, readRequest, rebuildTask, storedRouting, type StoredRequest } from './requests.ts';
import { sendRequest } from './send.ts';
import { routingSituation } from './routing-situation.ts';

const OPEN = (['requested', 'received', 'in-progress', 'overdue'] as const).map((s) => `${DIALOG.STATUS_SYSTEM}|${s}`).join(',');

/** The open request Tasks NAV sent (at most 1000 a run; the next run takes the rest). */
async function openRequests(system: FhirService): Promise<Task[]> {
  return (await findAll(system, 'Task', [['requester', NAV_REF], ['business-status', OPEN]]))
    .filter((t) => isDialogTask(t as FhirResource)) as unknown as Task[];
}

/** Changed by someone else meanwhile (answered, cancelled, a newer version): the next run looks again. */
const changedMeanwhile = (err: unknown) => isFhirError(err) && (err.status === 409 || err.status === 412);

export interface OverdueResult {
  overdue: string[];
  reminders: Array<{ request: string; reminder: string }>;
}

export async function markOverdue(system: FhirService, now: Date): Promise<OverdueResult> {
  const at = now.toISOString();
  const tasks = await openRequests(system);
  const byMsgId = new Map(tasks.map((t) => [readDialogTask(t).request.id, t]));
  const decisions = dueReminders(tasks.map((t) => readDialogTask(t).request), at);
  const result: OverdueResult = { overdue: [], reminders: [] };
  for (const d of decisions) {
    const taskId = String(byMsgId.get(d.requestId)?.id);
    try {
      await system.inTransaction(async (tx) => {
        let current: StoredRequest = await readRequest(tx, taskId);
        if (d.turnsOverdue) current = await applyEvent(tx, current, { kind: 'FORFALT' }, at);
        if (d.sendReminder) {
          const kind = REQUEST_KINDS[current.view.request.kind];
          const reminder = await sendRequest(tx, {
            patient: current.view.patientRef, kind: 'FORESPORSEL_PASIENT_PAMINNELSE',
            text: `Påminnelse: NAV venter fortsatt på svar på «${kind.navn}» sendt ${osloCalendarDate(current.view.request.sentAt)}.`,
            ...(current.view.request.conversationRef ? { conversationRef: current.view.request.conversationRef } : {}),
          }, { now, partOf: taskId });
          // Recorded on the original, by the key the domain gives: a second run sees it reminded.
          await applyEvent(tx, current, { kind: 'PAMINNET', paminnelseId: String(reminder.id) }, at);
          result.reminders.push({ request: taskId, reminder: String(reminder.id) });
        }
      });
      if (d.turnsOverdue) result.overdue.push(taskId);
    } catch (err) {
      if (!changedMeanwhile(err)) throw err;
    }
  }
  return result;
}

/**
 * Reroutes the open requests (of one patient, or all) whose recipient the routing rules now decide
 * otherwise. The new decision is stored on the Task with a note saying why it moved.
 */
export async function rerouteOpenRequests(system: FhirService, now: Date, patientId?: string): Promise<Array<{ task: string; from?: string; to?: string }>> {
  const at = now.toISOString();
  const today = osloCalendarDate(at);
  const tasks = (await openRequests(system)).filter((t) => !patientId || t.for?.reference === `Patient/${patientId}`);
  const moved: Array<{ task: string; from?: string; to?: string }> = [];
  for (const t of tasks) {
    try {
      await system.inTransaction(async (tx) => {
        const current = await readRequest(tx, String(t.id));
        if (FINAL_STATUSES.includes(current.view.request.status)) return;
        const patient = await tx.readIfExists('Patient', current.view.patientRef.replace(/^Patient\//, ''));
        if (!patient || patient.deleted) return;
        const routing = storedRouting(current.view, current.task);
        const result = reroute({ status: current.view.request.status, routing }, await routingSituation(tx, JSON.parse(patient.content) as Record<string, unknown>, today));
        if (!result.changed) return;
        const task = rebuildTask(current, current.view.request, result.decision, at);
        task.note = [...(task.note ?? []), { authorString: 'omruting', time: at, text: result.forklaring.nb }];
        await tx.workflowUpdate(task as unknown as FhirResource & { id: string }, current.versionId);
        await moveCommunicationRequest(tx, current, result.decision.mottaker?.ref);
        moved.push({ task: String(t.id), ...(routing.mottaker ? { from: routing.mottaker.ref } : {}), ...(result.decision.mottaker ? { to: result.decision.mottaker.ref } : {}) });
      });
    } catch (err) {
      if (!changedMeanwhile(err)) throw err;
    }
  }
  return moved;
}

/** The CommunicationRequest is addressed to the new recipient too, so what it says follows the request. */
async function moveCommunicationRequest(system: FhirService, current: StoredRequest, to: string | undefined): Promise<void> {
  const id = current.view.communicationRequestId;
  if (!id) return;
  const stored = await system.read('CommunicationRequest', id);
  const { recipient: _old, ...cr } = JSON.parse(stored.content) as FhirResource & { id: string; recipient?: unknown };
  await system.workflowUpdate({ ...cr, ...(to ? { recipient: [{ reference: to }] } : {}) }, stored.versionId);
}
