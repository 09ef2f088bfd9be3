/**
 * NAV sends a request (or a note) about a patient: the recipient is decided by the routing rules
 * from what the hub stores (routing-situation.ts), and the decision with its explanation is stored
 * on the Task (extension dialogmelding-ruting, flag UTEN_FASTLEGE when the patient has no GP). The
 * Task and its CommunicationRequest are the workflow's own, written together in one transaction.
 */
import { randomUUID } from 'node:crypto';
import { REQUEST_KINDS, type FristConfig, type RequestKindId } from '../domain/dialog/kinds.ts';
import { cleanText } from '../domain/dialog/linking.ts';
import { openRequest, type DialogRequest } from '../domain/dialog/request-status.ts';
import { routeRequest } from '../domain/dialog/routing.ts';
import { osloCalendarDate } from '../domain/sykmelding/oslo-time.ts';
import { IdentifierSystem } from '../domain/identity/index.ts';
import { buildCommunicationRequest, buildDialogTask, readDialogTask } from '../fhir/mapping/dialog.ts';
import { badRequest, isFhirError, unresolvable } from '../fhir/outcome.ts';
import type { FhirService } from '../service/fhir-service.ts';
import type { FhirResource } from '../store/repository.ts';
import type { Task } from '../fhir/r4.ts';
import { NAV_REF, readRequest, type Json } from './requests.ts';
import { routingSituation } from './routing-situation.ts';

export interface SendInput {
  /** `Patient/<id>`. */
  patient: string;
  kind: string;
  text: string;
  /** The last day to answer (YYYY-MM-DD); the kind's default deadline when absent. */
  dueDate?: string;
  /** An existing conversation this message continues (a new UUID otherwise, for kinds that start one). */
  conversationRef?: string;
  /** The request Task this one follows up (`Task/<id>`): its conversation is reused. */
  parent?: string;
}

export const MAX_QUESTION_LENGTH = 15_000;

function kindOf(kind: string): RequestKindId {
  if (!(kind in REQUEST_KINDS)) throw badRequest(`Unknown kind '${kind.slice(0, 60)}'; use one of ${Object.keys(REQUEST_KINDS).join(', ')}`, 'Parameters.parameter.kind');
  return kind as RequestKindId;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The checked input: a known kind, question text after NAV's cleaning, a due date not in the past. */
function checkInput(input: SendInput, today: string) {
  const kind = kindOf(input.kind);
  const text = cleanText(input.text ?? '').trim();
  if (REQUEST_KINDS[kind].harInnhold && !text) throw badRequest('The request needs its question text (text)', 'Parameters.parameter.text');
  if (text.length > MAX_QUESTION_LENGTH) throw badRequest(`The text is longer than ${MAX_QUESTION_LENGTH} characters`, 'Parameters.parameter.text');
  if (input.dueDate !== undefined) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(input.dueDate)) throw badRequest('dueDate must be a date (YYYY-MM-DD)', 'Parameters.parameter.dueDate');
    if (input.dueDate < today) throw badRequest(`dueDate ${input.dueDate} is before today (${today})`, 'Parameters.parameter.dueDate');
  }
  if (input.conversationRef !== undefined && !UUID.test(input.conversationRef)) throw badRequest('conversationRef must be a UUID', 'Parameters.parameter.conversationRef');
  return { kind, text };
}

/** The patient the request is about; an unknown one is 422, since nothing can be routed. */
async function patientOf(system: FhirService, ref: string): Promise<Json> {
  const id = /^Patient\/([A-Za-z0-9\-.]{1,64})$/.exec(ref)?.[1];
  if (!id) throw badRequest("patient must be a reference 'Patient/<id>'", 'Parameters.parameter.patient');
  const stored = await system.readIfExists('Patient', id);
  if (!stored || stored.deleted) throw unresolvable('not-found', `${ref} is not known`, 'Parameters.parameter.patient');
  return JSON.parse(stored.content) as Json;
}

function identOf(patient: Json): string {
  const ids = (patient.identifier as Array<{ system?: string; value?: string }> | undefined) ?? [];
  const ident = ids.find((i) => i.system === IdentifierSystem.FNR) ?? ids.find((i) => i.system === IdentifierSystem.DNR);
  if (!ident?.value) throw unresolvable('not-found', `Patient/${String(patient.id)} has no fødselsnummer or D-nummer`, 'Parameters.parameter.patient');
  return ident.value;
}

/** The conversation a message belongs to: the parent's, the one given, or a new one when the kind starts one. */
async function conversation(system: FhirService, input: SendInput, kind: RequestKindId, patientRef: string): Promise<{ conversationRef?: string; parentId?: string }> {
  if (input.parent) {
    const parentId = /^Task\/([A-Za-z0-9\-.]{1,64})$/.exec(input.parent)?.[1];
    if (!parentId) throw badRequest("parent must be a reference 'Task/<id>'", 'Parameters.parameter.parent');
    const parent = await readRequest(system, parentId).catch((err: unknown) => {
      throw isFhirError(err) && err.status === 404 ? unresolvable('not-found', `${input.parent} is not a dialogue request`, 'Parameters.parameter.parent') : err;
    });
    if (parent.view.patientRef !== patientRef) throw unresolvable('not-found', `${input.parent} is about another patient`, 'Parameters.parameter.parent');
    return { ...(parent.view.request.conversationRef ? { conversationRef: parent.view.request.conversationRef } : {}), parentId };
  }
  if (input.conversationRef) return { conversationRef: input.conversationRef.toLowerCase() };
  return REQUEST_KINDS[kind].samtale === 'INGEN' ? {} : { conversationRef: randomUUID() };
}

export interface SendOptions {
  now: Date;
  frister?: FristConfig;
  /** The Task this one is part of (a reminder's original request). */
  partOf?: string;
}

/**
 * Stores a new request. `system` is the server's own service: the caller (a caseworker with a
 * purpose of use, or NAV's system) was checked by the operation; NAV decides whom it asks about.
 */
export async function sendRequest(system: FhirService, input: SendInput, options: SendOptions): Promise<Task> {
  const sentAt = options.now.toISOString();
  const today = osloCalendarDate(sentAt);
  const { kind, text } = checkInput(input, today);
  const patient = await patientOf(system, input.patient);
  const patientRef = `Patient/${String(patient.id)}`;
  const pasientIdent = identOf(patient);
  const { conversationRef, parentId } = await conversation(system, input, kind, patientRef);
  const routing = routeRequest(await routingSituation(system, patient, today));
  const opened = openRequest({ id: randomUUID(), kind, pasientIdent, ...(conversationRef ? { conversationRef } : {}), sentAt }, options.frister);
  const request: DialogRequest = input.dueDate && opened.frist !== undefined ? { ...opened, frist: input.dueDate } : opened;
  const taskId = randomUUID();
  const crId = REQUEST_KINDS[kind].harInnhold ? randomUUID() : undefined;
  const task = buildDialogTask({ id: taskId, request, patientRef, routing, navRef: NAV_REF, ...(crId ? { communicationRequestId: crId } : {}) });
  const partOf = options.partOf ?? parentId;
  if (partOf) task.partOf = [{ reference: `Task/${partOf}` }];
  return system.inTransaction(async (tx) => {
    if (crId) {
      const cr = buildCommunicationRequest({ id: crId, request, patientRef, navRef: NAV_REF, ...(routing.mottaker ? { recipientRef: routing.mottaker.ref } : {}), tekst: text });
      await tx.workflowCreate(cr as unknown as FhirResource);
    }
    const stored = await tx.workflowCreate(task as unknown as FhirResource);
    return JSON.parse(stored.content) as Task;
  });
}

/** What the sender is told about the routing, for the reply. */
export function routingSummary(task: Task) {
  const view = readDialogTask(task);
  return { ...view.routing, mottaker: task.owner?.reference };
}
