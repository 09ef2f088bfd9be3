/**
 * The stored side of NAV's dialogue requests: a request is a Task (src/fhir/mapping/dialog.ts) with
 * a CommunicationRequest holding its text. Both belong to the dialogue workflow (write-hooks.ts):
 * they change only here, by the dialogue's operations and jobs, through the server's own service
 * (`workflowCreate`/`workflowUpdate`), so every status change is a new Task version and a plain
 * FHIR write cannot fake one.
 */
import { transition, type DialogRequest, type RequestEvent } from '../domain/dialog/request-status.ts';
import { buildDialogTask, readDialogTask, type DialogTaskView } from '../fhir/mapping/dialog.ts';
import { DIALOG } from '../fhir/helsebro-codes.ts';
import { conflict, notFound } from '../fhir/outcome.ts';
import { parseSearch } from '../fhir/search/parse.ts';
import type { FhirService } from '../service/fhir-service.ts';
import type { FhirResource } from '../store/repository.ts';
import type { RoutingDecision } from '../domain/dialog/routing.ts';
import type { Task } from '../fhir/r4.ts';

export type Json = Record<string, unknown>;

/** NAV, as the requester of every request (the hub speaks for NAV as one party). */
export const NAV_REF = 'Organization/nav';

const codings = (concepts: unknown): Array<{ system?: string; code?: string }> =>
  (Array.isArray(concepts) ? concepts : [concepts]).flatMap((c) => ((c as { coding?: Array<{ system?: string; code?: string }> } | undefined)?.coding ?? []));

/** A Task or CommunicationRequest of the dialogue (its code or category names one of our kinds). */
export function isDialogTask(r: FhirResource): boolean {
  return r.resourceType === 'Task' && codings(r.code).some((c) => c.system === DIALOG.KIND_SYSTEM);
}
export function isDialogMessage(r: FhirResource): boolean {
  return codings(r.category).some((c) => c.system === DIALOG.KIND_SYSTEM);
}

/** Every match of a search (at most 1000), parsed. */
export async function findAll(service: FhirService, type: string, params: Array<[string, string]>): Promise<Json[]> {
  const result = await service.search({ ...parseSearch(type, [...params, ['_count', '1000']], { maxCount: 1000 }), total: 'none' });
  return result.matches.map((m) => JSON.parse(m.content) as Json);
}

export interface StoredRequest {
  task: Task;
  view: DialogTaskView;
  versionId: number;
}

/** No such request — or, worded alike, none the caller may see. */
export const noRequest = (id: string) => notFound(`Task/${id} is not a dialogue request`);

/** The request Task `id` as `service` may see it; anything else is answered as not found. */
export async function readRequest(service: FhirService, id: string): Promise<StoredRequest> {
  const stored = await service.read('Task', id);
  const task = JSON.parse(stored.content) as Task & FhirResource;
  if (!isDialogTask(task)) throw noRequest(id);
  return { task, view: readDialogTask(task), versionId: stored.versionId };
}

/** The routing decision as the Task stores it, with the recipient it names. */
export function storedRouting(view: DialogTaskView, task: Task): RoutingDecision {
  const mottaker = task.owner?.reference ? { ref: task.owner.reference, ...(task.owner.display ? { navn: task.owner.display } : {}) } : undefined;
  return { ...(mottaker ? { mottaker } : {}), regel: view.routing.regel, flagg: view.routing.flagg, steg: [], forklaring: view.routing.forklaring };
}

/** The Task rebuilt from a request state (and a routing decision), keeping its id and links. */
export function rebuildTask(current: StoredRequest, request: DialogRequest, routing: RoutingDecision, at: string): Task {
  const { view } = current;
  const task = buildDialogTask({
    id: current.task.id!, request, patientRef: view.patientRef, routing, navRef: view.navRef ?? NAV_REF,
    ...(view.communicationRequestId ? { communicationRequestId: view.communicationRequestId } : {}), lastModified: at,
  });
  // What the builder does not know of: the request this one is part of (a reminder's original, the AAP task).
  if (current.task.partOf) task.partOf = current.task.partOf;
  // The routing note of the first decision stays; a later decision (a reroute) is added as a note of its own.
  const earlierNotes = (current.task.note ?? []).filter((n) => n.authorString === 'ruting' || n.authorString === 'omruting');
  task.note = [...earlierNotes, ...(task.note ?? []).filter((n) => n.authorString !== 'ruting')];
  return task;
}

/**
 * Applies a lifecycle event to the stored request (guarded by the version it was read at): a
 * transition the domain refuses is a 409 with its reason, and nothing is written.
 */
export async function applyEvent(system: FhirService, current: StoredRequest, event: RequestEvent, at: string): Promise<StoredRequest> {
  const next = transition(current.view.request, event, at);
  if (!next.ok) throw conflict(`${next.reason} (Task/${current.task.id} is ${current.view.request.status})`);
  const task = rebuildTask(current, next.state, storedRouting(current.view, current.task), at);
  const stored = await system.workflowUpdate(task as unknown as FhirResource & { id: string }, current.versionId);
  const written = JSON.parse(stored.content) as Task;
  return { task: written, view: readDialogTask(written), versionId: stored.versionId };
}

/** The CommunicationRequest's status follows the Task's (completed when answered, revoked when cancelled). */
export async function syncCommunicationRequest(system: FhirService, view: DialogTaskView, status: 'active' | 'completed' | 'revoked'): Promise<void> {
  if (!view.communicationRequestId) return;
  const stored = await system.read('CommunicationRequest', view.communicationRequestId);
  const cr = JSON.parse(stored.content) as FhirResource & { id: string; status?: string };
  if (cr.status === status) return;
  await system.workflowUpdate({ ...cr, status }, stored.versionId);
}
