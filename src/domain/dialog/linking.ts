/**
 * Which of NAV's requests an incoming answer belongs to (legeerklaering-and-dialog §2.4, as
 * isbehandlerdialog and pale-2 do it), plus the text cleaning NAV applies to outgoing text (§2.2).
 * Pure: the caller passes the patient's requests, the message ids already seen and whether the
 * patient has an active follow-up case.
 */
import { fromDay, plusMonths, toDay } from '../rules/dates.ts';
import { osloCalendarDate } from '../sykmelding/oslo-time.ts';
import { answers, type AnswerKindId } from './kinds.ts';
import type { DialogRequest } from './request-status.ts';

export interface IncomingAnswer {
  msgId: string;
  kind: Exclude<AnswerKindId, 'LEGEERKLARING'>;
  pasientIdent: string;
  /** MsgInfo/ConversationRef/RefToConversation, echoed by the EHR. */
  conversationRef?: string;
  /** MsgInfo/ConversationRef/RefToParent. */
  parentRef?: string;
}

export interface IncomingLegeerklaering {
  msgId: string;
  pasientIdent: string;
  conversationRef?: string;
  receivedAt: string;
  /** The legeerklæring rules' result; only OK ones are linked. */
  status: 'OK' | 'INVALID';
}

export interface LinkContext {
  /** Message ids already received (duplicates are found by msgId, §2.4). */
  seenMsgIds: ReadonlySet<string>;
  /** The patient has an active oppfølgingstilfelle (only then an unmatched henvendelse is kept). */
  activeOppfolgingstilfelle?: boolean;
}

export type LinkResult =
  | { outcome: 'DUPLIKAT' }
  /** Linked to `request`; `answersRequest` says whether this kind answers it (else it is a message in its conversation). */
  | { outcome: 'KOBLET'; request: DialogRequest; via: 'conversationRef' | 'parentRef' | 'siste-foresporsel'; answersRequest: boolean }
  /** A henvendelse with no conversation, kept as HENVENDELSE_MELDING_TIL_NAV. */
  | { outcome: 'NY_HENVENDELSE' }
  | { outcome: 'AVVIST'; reason: string }
  | { outcome: 'IGNORERT'; reason: string };

const newestFirst = (a: DialogRequest, b: DialogRequest) => Date.parse(b.sentAt) - Date.parse(a.sentAt);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** isbehandlerdialog reads the ref as a UUID; anything else matches nothing. */
function asUuid(ref: string | undefined): string | undefined {
  const trimmed = ref?.trim();
  return trimmed && UUID.test(trimmed) ? trimmed.toLowerCase() : undefined;
}

/** The latest-sent request in a conversation, preferring one the answer kind answers. */
function inConversation(requests: readonly DialogRequest[], uuid: string, kind: AnswerKindId): DialogRequest | undefined {
  const found = requests.filter((r) => asUuid(r.conversationRef) === uuid).sort(newestFirst);
  return found.find((r) => answers(r.kind, kind)) ?? found[0];
}

function byRef(requests: readonly DialogRequest[], pasientIdent: string, ref: string | undefined, kind: AnswerKindId):
  { match?: DialogRequest; otherPatient: boolean } {
  const uuid = asUuid(ref);
  if (!uuid) return { otherPatient: false };
  const match = inConversation(requests.filter((r) => r.pasientIdent === pasientIdent), uuid, kind);
  return { match, otherPatient: !match && inConversation(requests, uuid, kind) !== undefined };
}

const OTHER_PATIENT = 'The conversation belongs to another patient';

/** Links a dialogmelding: by conversationRef, then parentRef as the conversation, same patient only. */
export function linkAnswer(answer: IncomingAnswer, requests: readonly DialogRequest[], context: LinkContext): LinkResult {
  if (context.seenMsgIds.has(answer.msgId)) return { outcome: 'DUPLIKAT' };
  let otherPatient = false;
  for (const via of ['conversationRef', 'parentRef'] as const) {
    const found = byRef(requests, answer.pasientIdent, answer[via], answer.kind);
    if (found.match) return { outcome: 'KOBLET', request: found.match, via, answersRequest: answers(found.match.kind, answer.kind) };
    otherPatient ||= found.otherPatient;
  }
  // A ref into someone else's conversation is a misdirected answer: keeping it under either patient would be wrong.
  if (otherPatient) return { outcome: 'AVVIST', reason: OTHER_PATIENT };
  if (answer.kind === 'HENVENDELSE') {
    return context.activeOppfolgingstilfelle ? { outcome: 'NY_HENVENDELSE' } : { outcome: 'IGNORERT', reason: 'No matching conversation and no active oppfølgingstilfelle' };
  }
  return { outcome: 'IGNORERT', reason: 'No matching conversation' };
}

/**
 * The earliest Oslo date a request may have been sent on to be linked to a legeerklæring without a
 * ref: the received date minus two months, as java.time's minusMonths (31 December → 31 October,
 * 31 March → 31 January, 30 April → 28/29 February). Sent on that date links; one day earlier does not.
 */
export function legeerklaeringWindowStart(receivedAt: string): string {
  const received = osloCalendarDate(receivedAt);
  return fromDay(plusMonths(received, -2));
}

/** Links a legeerklæring to a FORESPORSEL_PASIENT_LEGEERKLARING (§2.4, pale-2 → isbehandlerdialog). */
export function linkLegeerklaering(le: IncomingLegeerklaering, requests: readonly DialogRequest[], context: Pick<LinkContext, 'seenMsgIds'>): LinkResult {
  if (context.seenMsgIds.has(le.msgId)) return { outcome: 'DUPLIKAT' };
  if (le.status !== 'OK') return { outcome: 'IGNORERT', reason: 'Only a legeerklæring with status OK is linked' };
  const legeerklaeringRequests = requests.filter((r) => r.kind === 'FORESPORSEL_PASIENT_LEGEERKLARING');
  if (le.conversationRef !== undefined) {
    const found = byRef(legeerklaeringRequests, le.pasientIdent, le.conversationRef, 'LEGEERKLARING');
    if (found.match) return { outcome: 'KOBLET', request: found.match, via: 'conversationRef', answersRequest: true };
    if (found.otherPatient) return { outcome: 'AVVIST', reason: OTHER_PATIENT };
    // A ref that matches nothing is not replaced by a guess: the reference only guesses when there is no ref.
    return { outcome: 'IGNORERT', reason: 'No legeerklæring request in that conversation' };
  }
  const from = toDay(legeerklaeringWindowStart(le.receivedAt));
  const latest = legeerklaeringRequests
    .filter((r) => r.pasientIdent === le.pasientIdent && r.status !== 'cancelled' && Date.parse(r.sentAt) <= Date.parse(le.receivedAt))
    .sort(newestFirst)[0];
  if (!latest) return { outcome: 'IGNORERT', reason: 'The patient has no request for a legeerklæring' };
  if (toDay(osloCalendarDate(latest.sentAt)) < from) return { outcome: 'IGNORERT', reason: 'The latest request for a legeerklæring is more than two months old' };
  return { outcome: 'KOBLET', request: latest, via: 'siste-foresporsel', answersRequest: true };
}

/**
 * NAV's cleaning of text for the EDI message (§2.2): NBSP becomes a space, the soft hyphen goes,
 * and everything outside TAB, CR, LF, printable ASCII and U+0080–U+00FF is removed (whole code
 * points, so an emoji leaves no half surrogate behind).
 */
export function cleanText(text: string): string {
  return text.replace(/\u00A0/g, ' ').replace(/\u00AD/g, '').replace(/[^\t\r\n\x20-\x7E\u0080-\u00FF]/gu, '');
}
