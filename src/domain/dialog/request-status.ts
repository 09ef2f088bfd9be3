/**
 * The lifecycle of a message NAV sends to a behandler, as a transition table plus one pure
 * `transition`, like the sykmelding lifecycle. A forespørsel has a due date (`frist`, an Oslo
 * calendar date: the last day to answer); from the next Oslo day it is overdue. A note has none.
 *
 * Choices (the reference gives no status model beyond BESTILT/SENDT/OK/AVVIST for delivery):
 * - an overdue request can still be answered, but does not go back to in-progress: that it was
 *   late stays visible;
 * - answered and cancelled are final; a rejected apprec (AVVIST) cancels, NAV must send anew;
 * - a reminder (påminnelse, 8129:2) changes neither the status nor the due date; it is recorded
 *   once, and a request is reminded at most once.
 */
import { fromDay, toDay } from '../rules/dates.ts';
import { osloCalendarDate, osloStartOfDay } from '../sykmelding/oslo-time.ts';
import { REQUEST_KINDS, fristDager, type FristConfig, type RequestKindId } from './kinds.ts';

export type RequestStatus = 'requested' | 'received' | 'in-progress' | 'answered' | 'overdue' | 'cancelled';

export type RequestEvent =
  /** The doctor's system acknowledged it (positive apprec). */
  | { kind: 'MOTTATT' }
  /** The doctor's system refused it (negative apprec), with the error text. */
  | { kind: 'AVVIST'; grunn: string }
  /** The doctor has started on it (the EHR said so). */
  | { kind: 'PABEGYNT' }
  | { kind: 'BESVART'; svarId: string }
  /** The due date has passed (the scheduled job, see `dueReminders`). */
  | { kind: 'FORFALT' }
  | { kind: 'PAMINNET'; paminnelseId: string }
  /** NAV withdrew it. */
  | { kind: 'AVBRUTT'; grunn?: string };

export type RequestEventKind = RequestEvent['kind'];

/** From → event → to. A missing entry is a refusal. */
export const TRANSITIONS: Readonly<Record<RequestStatus, Partial<Record<RequestEventKind, RequestStatus>>>> = {
  requested: { MOTTATT: 'received', AVVIST: 'cancelled', PABEGYNT: 'in-progress', BESVART: 'answered', FORFALT: 'overdue', PAMINNET: 'requested', AVBRUTT: 'cancelled' },
  received: { PABEGYNT: 'in-progress', BESVART: 'answered', FORFALT: 'overdue', PAMINNET: 'received', AVBRUTT: 'cancelled' },
  'in-progress': { BESVART: 'answered', FORFALT: 'overdue', PAMINNET: 'in-progress', AVBRUTT: 'cancelled' },
  overdue: { BESVART: 'answered', PAMINNET: 'overdue', AVBRUTT: 'cancelled' },
  answered: {},
  cancelled: {},
};

export const FINAL_STATUSES: readonly RequestStatus[] = ['answered', 'cancelled'];

export interface HistoryEntry {
  at: string;
  event: RequestEventKind;
  from: RequestStatus;
  to: RequestStatus;
  /** svarId, paminnelseId or the reason given. */
  detalj?: string;
}

export interface DialogRequest {
  /** The message id (MsgId = dialogmeldingUuid). */
  id: string;
  kind: RequestKindId;
  pasientIdent: string;
  /** The conversation UUID (absent for an oppfølgingsplan). */
  conversationRef?: string;
  /** When NAV sent it (ISO instant). */
  sentAt: string;
  /** The last Oslo calendar day to answer; only for a forespørsel. */
  frist?: string;
  status: RequestStatus;
  history: HistoryEntry[];
  /** When the one reminder was sent. */
  paminnetAt?: string;
}

export type TransitionResult = { ok: true; state: DialogRequest; entry: HistoryEntry } | { ok: false; reason: string };

/** The due date: the Oslo day it is sent plus the kind's deadline in days. */
export function dueDate(kind: RequestKindId, sentAt: string, config: FristConfig = {}): string | undefined {
  const days = fristDager(kind, config);
  return days === undefined ? undefined : fromDay(toDay(osloCalendarDate(sentAt)) + days);
}

export function openRequest(args: { id: string; kind: RequestKindId; pasientIdent: string; conversationRef?: string; sentAt: string }, config: FristConfig = {}): DialogRequest {
  const frist = dueDate(args.kind, args.sentAt, config);
  return { ...args, ...(frist ? { frist } : {}), status: 'requested', history: [] };
}

/** The instant the request turns overdue: 00:00 Oslo time on the day after the due date. */
export function overdueAt(request: Pick<DialogRequest, 'frist'>): string | undefined {
  if (!request.frist) return undefined;
  return osloStartOfDay(fromDay(toDay(request.frist) + 1));
}

/** Past its due date by the Oslo calendar (answered and cancelled requests are never overdue). */
export function isOverdue(request: Pick<DialogRequest, 'frist' | 'status'>, now: string): boolean {
  if (!request.frist || FINAL_STATUSES.includes(request.status)) return false;
  return osloCalendarDate(now) > request.frist;
}

function refusal(request: DialogRequest, event: RequestEvent, at: string): string | undefined {
  const to = TRANSITIONS[request.status][event.kind];
  if (to === undefined) {
    if (FINAL_STATUSES.includes(request.status)) return `Not allowed: a request that is ${request.status} is final`;
    return `Not allowed: ${event.kind} from ${request.status}`;
  }
  if (event.kind === 'FORFALT' && !isOverdue(request, at)) {
    return request.frist ? `Not overdue before ${fromDay(toDay(request.frist) + 1)} (Oslo time)` : 'A note has no due date';
  }
  if (event.kind === 'PAMINNET') {
    if (!REQUEST_KINDS[request.kind].kanPurres) return `A ${REQUEST_KINDS[request.kind].navn.toLowerCase()} cannot be followed by a påminnelse`;
    if (request.paminnetAt) return `A påminnelse was already sent at ${request.paminnetAt}`;
  }
  return undefined;
}

export function transition(request: DialogRequest, event: RequestEvent, at: string): TransitionResult {
  const reason = refusal(request, event, at);
  if (reason) return { ok: false, reason };
  const to = TRANSITIONS[request.status][event.kind]!;
  const detalj = 'svarId' in event ? event.svarId : 'paminnelseId' in event ? event.paminnelseId : 'grunn' in event ? event.grunn : undefined;
  const entry: HistoryEntry = { at, event: event.kind, from: request.status, to, ...(detalj ? { detalj } : {}) };
  const state: DialogRequest = { ...request, status: to, history: [...request.history, entry], ...(event.kind === 'PAMINNET' ? { paminnetAt: at } : {}) };
  return { ok: true, state, entry };
}

export interface ReminderDecision {
  requestId: string;
  /** Apply FORFALT now. */
  turnsOverdue: boolean;
  /** Send one påminnelse (8129:2) in the same conversation, then apply PAMINNET. */
  sendReminder: boolean;
  /** Stable per request, so a job that runs twice sends one reminder. */
  reminderKey?: string;
}

/**
 * What the scheduled job must do now: which open requests turn overdue, and which overdue ones
 * (of a kind that may be reminded) get their one reminder. A request already reminded, answered
 * or cancelled is left alone, so running this again after applying the decisions returns nothing.
 */
export function dueReminders(requests: readonly DialogRequest[], now: string): ReminderDecision[] {
  const out: ReminderDecision[] = [];
  for (const r of requests) {
    if (!isOverdue(r, now)) continue;
    const turnsOverdue = r.status !== 'overdue';
    const sendReminder = REQUEST_KINDS[r.kind].kanPurres && !r.paminnetAt;
    if (!turnsOverdue && !sendReminder) continue;
    out.push({ requestId: r.id, turnsOverdue, sendReminder, ...(sendReminder ? { reminderKey: `paminnelse:${r.id}` } : {}) });
  }
  return out;
}
