/**
 * The NAV ⇄ behandler dialogue in FHIR, as pure builders and readers:
 * - a request is a Task (code = the kind, businessStatus = our status, owner = the routed
 *   recipient, requester = NAV, restriction.period.end = the due date, the routing decision as an
 *   extension and a note, the status history as notes) focused on a CommunicationRequest that
 *   holds the question text when the kind carries content;
 * - an answer is a Communication basedOn the CommunicationRequest and partOf the Task
 *   (legeerklaering-and-dialog §2.4), with the text, attachments as DocumentReference references
 *   and the takst as an extension.
 */
import { IdentifierSystem, parseIdent } from '../../domain/identity/index.ts';
import { ANSWER_KINDS, REQUEST_KINDS, kodeverkOid, type AnswerKindId, type Koding, type RequestKindId, type Takst } from '../../domain/dialog/kinds.ts';
import type { DialogRequest, HistoryEntry, RequestEventKind, RequestStatus } from '../../domain/dialog/request-status.ts';
import type { Forklaring, RoutingDecision, RoutingFlag, RoutingRuleId } from '../../domain/dialog/routing.ts';
import { DIALOG } from '../helsebro-codes.ts';
import type { CodeableConcept, Communication, CommunicationRequest, Extension, Identifier, Reference, Task, TaskStatus } from '../r4.ts';

const ROUTING_NOTE = 'ruting';
const HISTORY_NOTE = 'historikk';

/** Our statuses in Task.status; overdue keeps the status it had before, the lateness is in businessStatus. */
const TASK_STATUS: Record<Exclude<RequestStatus, 'overdue'>, TaskStatus> = {
  requested: 'requested', received: 'received', 'in-progress': 'in-progress', answered: 'completed', cancelled: 'cancelled',
};

export function taskStatus(request: Pick<DialogRequest, 'status' | 'history'>): TaskStatus {
  if (request.status !== 'overdue') return TASK_STATUS[request.status];
  // The reminder is an overdue → overdue entry; the status before is where it first became overdue.
  const before = [...request.history].reverse().find((h) => h.to === 'overdue' && h.from !== 'overdue')?.from;
  return before && before !== 'overdue' ? TASK_STATUS[before] : 'in-progress';
}

function volven(koding: Koding, display?: string) {
  return { system: `urn:oid:${kodeverkOid(koding.kodeverk)}`, code: koding.kode, ...(display ? { display } : {}) };
}

function kindConcept(kind: RequestKindId): CodeableConcept {
  const def = REQUEST_KINDS[kind];
  return { coding: [volven(def.koding, def.navn), { system: DIALOG.KIND_SYSTEM, code: kind, display: def.navn }], text: def.navn };
}

function identifiers(msgId: string, conversationRef: string | undefined): Identifier[] {
  return [{ system: DIALOG.MSGID_SYSTEM, value: msgId }, ...(conversationRef ? [{ system: DIALOG.CONVERSATION_SYSTEM, value: conversationRef }] : [])];
}

function identifierValue(list: Identifier[] | undefined, system: string): string | undefined {
  return list?.find((i) => i.system === system)?.value;
}

function patient(ref: string, ident: string): Reference {
  return { reference: ref, identifier: { system: parseIdent(ident)?.kind === 'DNR' ? IdentifierSystem.DNR : IdentifierSystem.FNR, value: ident } };
}

function routingExtension(routing: RoutingDecision): Extension {
  return {
    url: DIALOG.EXT_RUTING,
    extension: [
      { url: 'regel', valueCode: routing.regel },
      ...routing.flagg.map((f) => ({ url: 'flagg', valueCode: f })),
      { url: 'forklaring-nb', valueString: routing.forklaring.nb },
      { url: 'forklaring-en', valueString: routing.forklaring.en },
    ],
  };
}

const historyText = (h: HistoryEntry) => `${h.event}: ${h.from} > ${h.to}${h.detalj ? ` (${h.detalj})` : ''}`;
const HISTORY = /^([A-Z]+): ([a-z-]+) > ([a-z-]+)(?: \((.*)\))?$/s;

export interface DialogTaskArgs {
  id: string;
  request: DialogRequest;
  patientRef: string;
  routing: RoutingDecision;
  /** The NAV unit that asks (Organization/…). */
  navRef: string;
  /** The CommunicationRequest holding the text, when the kind carries content. */
  communicationRequestId?: string;
  lastModified?: string;
}

export function buildDialogTask(args: DialogTaskArgs): Task {
  const { request, routing } = args;
  const def = REQUEST_KINDS[request.kind];
  return {
    resourceType: 'Task',
    id: args.id,
    extension: [routingExtension(routing)],
    identifier: identifiers(request.id, request.conversationRef),
    status: taskStatus(request),
    businessStatus: { coding: [{ system: DIALOG.STATUS_SYSTEM, code: request.status }], text: request.status },
    intent: 'order',
    code: kindConcept(request.kind),
    description: def.navn,
    ...(args.communicationRequestId ? { focus: { reference: `CommunicationRequest/${args.communicationRequestId}` } } : {}),
    for: patient(args.patientRef, request.pasientIdent),
    authoredOn: request.sentAt,
    lastModified: args.lastModified ?? request.history.at(-1)?.at ?? request.sentAt,
    requester: { reference: args.navRef },
    ...(routing.mottaker ? { owner: { reference: routing.mottaker.ref, ...(routing.mottaker.navn ? { display: routing.mottaker.navn } : {}) } } : {}),
    ...(request.frist ? { restriction: { period: { end: request.frist } } } : {}),
    ...(request.paminnetAt ? { input: [{ type: { text: 'paminnet' }, valueDateTime: request.paminnetAt }] } : {}),
    note: [
      { authorString: ROUTING_NOTE, time: request.sentAt, text: routing.forklaring.nb },
      ...request.history.map((h) => ({ authorString: HISTORY_NOTE, time: h.at, text: historyText(h) })),
    ],
  };
}

export interface DialogTaskView {
  request: DialogRequest;
  patientRef: string;
  navRef?: string;
  ownerRef?: string;
  communicationRequestId?: string;
  routing: { regel: RoutingRuleId; flagg: RoutingFlag[]; forklaring: Forklaring };
}

export function readDialogTask(task: Task): DialogTaskView {
  const kind = task.code?.coding?.find((c) => c.system === DIALOG.KIND_SYSTEM)?.code as RequestKindId;
  const status = task.businessStatus?.coding?.find((c) => c.system === DIALOG.STATUS_SYSTEM)?.code as RequestStatus;
  const history = (task.note ?? []).filter((n) => n.authorString === HISTORY_NOTE).flatMap((n): HistoryEntry[] => {
    const m = HISTORY.exec(n.text);
    if (!m) return [];
    return [{ at: n.time ?? '', event: m[1] as RequestEventKind, from: m[2] as RequestStatus, to: m[3] as RequestStatus, ...(m[4] ? { detalj: m[4] } : {}) }];
  });
  const routing = task.extension?.find((e) => e.url === DIALOG.EXT_RUTING)?.extension ?? [];
  const sub = (url: string) => routing.filter((e) => e.url === url);
  const conversationRef = identifierValue(task.identifier, DIALOG.CONVERSATION_SYSTEM);
  const paminnetAt = task.input?.find((i) => i.type.text === 'paminnet')?.valueDateTime;
  const frist = task.restriction?.period?.end;
  const request: DialogRequest = {
    id: identifierValue(task.identifier, DIALOG.MSGID_SYSTEM) ?? '',
    kind,
    pasientIdent: task.for?.identifier?.value ?? '',
    ...(conversationRef ? { conversationRef } : {}),
    sentAt: task.authoredOn ?? '',
    ...(frist ? { frist } : {}),
    status,
    history,
    ...(paminnetAt ? { paminnetAt } : {}),
  };
  const focus = task.focus?.reference?.match(/^CommunicationRequest\/(.+)$/)?.[1];
  return {
    request,
    patientRef: task.for?.reference ?? '',
    navRef: task.requester?.reference,
    ownerRef: task.owner?.reference,
    ...(focus ? { communicationRequestId: focus } : {}),
    routing: {
      regel: sub('regel')[0]?.valueCode as RoutingRuleId,
      flagg: sub('flagg').map((e) => e.valueCode as RoutingFlag),
      forklaring: { nb: sub('forklaring-nb')[0]?.valueString ?? '', en: sub('forklaring-en')[0]?.valueString ?? '' },
    },
  };
}

const CR_STATUS: Record<RequestStatus, CommunicationRequest['status']> = {
  requested: 'active', received: 'active', 'in-progress': 'active', overdue: 'active', answered: 'completed', cancelled: 'revoked',
};

export function buildCommunicationRequest(args: { id: string; request: DialogRequest; patientRef: string; navRef: string; recipientRef?: string; tekst: string }): CommunicationRequest {
  const { request } = args;
  return {
    resourceType: 'CommunicationRequest',
    id: args.id,
    identifier: identifiers(request.id, request.conversationRef),
    status: CR_STATUS[request.status],
    category: [kindConcept(request.kind)],
    subject: patient(args.patientRef, request.pasientIdent),
    payload: [{ contentString: args.tekst }],
    authoredOn: request.sentAt,
    requester: { reference: args.navRef },
    ...(args.recipientRef ? { recipient: [{ reference: args.recipientRef }] } : {}),
  };
}

export function readCommunicationRequestText(cr: CommunicationRequest): string {
  return cr.payload?.map((p) => p.contentString).filter((t): t is string => t !== undefined).join('\n') ?? '';
}

export interface DialogAnswer {
  msgId: string;
  kind: AnswerKindId;
  /** The TemaKodet it came with (none for a legeerklæring). */
  koding?: Koding;
  pasientIdent: string;
  conversationRef?: string;
  sentAt?: string;
  receivedAt: string;
  tekst?: string;
  /** DocumentReference ids of the attachments (the PDF, the legeerklæring). */
  vedlegg: string[];
  takst?: Takst;
}

export function buildAnswerCommunication(args: {
  id: string; answer: DialogAnswer; patientRef: string; senderRef: string; navRef: string; taskId?: string; communicationRequestId?: string;
}): Communication {
  const { answer } = args;
  const def = ANSWER_KINDS[answer.kind];
  return {
    resourceType: 'Communication',
    id: args.id,
    ...(answer.takst ? { extension: [{ url: DIALOG.EXT_TAKST, valueCoding: { system: DIALOG.TAKST_SYSTEM, code: answer.takst } }] } : {}),
    identifier: identifiers(answer.msgId, answer.conversationRef),
    ...(args.communicationRequestId ? { basedOn: [{ reference: `CommunicationRequest/${args.communicationRequestId}` }] } : {}),
    ...(args.taskId ? { partOf: [{ reference: `Task/${args.taskId}` }] } : {}),
    status: 'completed',
    category: [{ coding: [...(answer.koding ? [volven(answer.koding)] : []), { system: DIALOG.KIND_SYSTEM, code: answer.kind, display: def.navn }], text: def.navn }],
    subject: patient(args.patientRef, answer.pasientIdent),
    ...(answer.sentAt ? { sent: answer.sentAt } : {}),
    received: answer.receivedAt,
    recipient: [{ reference: args.navRef }],
    sender: { reference: args.senderRef },
    payload: [
      ...(answer.tekst ? [{ contentString: answer.tekst }] : []),
      ...answer.vedlegg.map((id) => ({ contentReference: { reference: `DocumentReference/${id}` } })),
    ],
  };
}

export interface DialogAnswerView {
  answer: DialogAnswer;
  taskId?: string;
  communicationRequestId?: string;
  senderRef?: string;
}

export function readAnswerCommunication(c: Communication): DialogAnswerView {
  const codings = c.category?.[0]?.coding ?? [];
  const volvenCoding = codings.find((x) => x.system?.startsWith('urn:oid:'));
  const kodeverk = volvenCoding?.system?.split('.').at(-1) as Koding['kodeverk'] | undefined;
  const takst = c.extension?.find((e) => e.url === DIALOG.EXT_TAKST)?.valueCoding?.code as Takst | undefined;
  const conversationRef = identifierValue(c.identifier, DIALOG.CONVERSATION_SYSTEM);
  const tekst = c.payload?.map((p) => p.contentString).filter((t): t is string => t !== undefined).join('\n');
  const ref = (list: Reference[] | undefined, type: string) => list?.map((r) => r.reference?.match(new RegExp(`^${type}/(.+)$`))?.[1]).find(Boolean);
  const taskId = ref(c.partOf, 'Task');
  const communicationRequestId = ref(c.basedOn, 'CommunicationRequest');
  return {
    answer: {
      msgId: identifierValue(c.identifier, DIALOG.MSGID_SYSTEM) ?? '',
      kind: codings.find((x) => x.system === DIALOG.KIND_SYSTEM)?.code as AnswerKindId,
      ...(kodeverk && volvenCoding?.code ? { koding: { kodeverk, kode: volvenCoding.code } } : {}),
      pasientIdent: c.subject?.identifier?.value ?? '',
      ...(conversationRef ? { conversationRef } : {}),
      ...(c.sent ? { sentAt: c.sent } : {}),
      receivedAt: c.received ?? '',
      ...(tekst ? { tekst } : {}),
      vedlegg: (c.payload ?? []).flatMap((p) => p.contentReference?.reference?.match(/^DocumentReference\/(.+)$/)?.[1] ?? []),
      ...(takst ? { takst } : {}),
    },
    ...(taskId ? { taskId } : {}),
    ...(communicationRequestId ? { communicationRequestId } : {}),
    senderRef: c.sender?.reference,
  };
}
