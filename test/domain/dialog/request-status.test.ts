/** The request lifecycle: every transition, overdue by the Oslo calendar, reminders exactly once. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeSyntheticIdent } from '../../../src/domain/identity/index.ts';
import {
  dueDate, dueReminders, isOverdue, openRequest, overdueAt, transition,
  type DialogRequest, type RequestEvent, type RequestEventKind, type RequestStatus,
} from '../../../src/domain/dialog/request-status.ts';

const PASIENT = makeSyntheticIdent('1979-02-14', 123) ?? makeSyntheticIdent('1979-02-14', 125)!;
const EVENTS: Record<RequestEventKind, RequestEvent> = {
  MOTTATT: { kind: 'MOTTATT' }, AVVIST: { kind: 'AVVIST', grunn: 'Ukjent mottaker' }, PABEGYNT: { kind: 'PABEGYNT' },
  BESVART: { kind: 'BESVART', svarId: 'svar-1' }, FORFALT: { kind: 'FORFALT' }, PAMINNET: { kind: 'PAMINNET', paminnelseId: 'p-1' }, AVBRUTT: { kind: 'AVBRUTT' },
};
const DETALJ: Partial<Record<RequestEventKind, string>> = { AVVIST: 'Ukjent mottaker', BESVART: 'svar-1', PAMINNET: 'p-1' };
const STATUSES: RequestStatus[] = ['requested', 'received', 'in-progress', 'answered', 'overdue', 'cancelled'];

// The table the module must implement, written out independently ("-" = refused, "=" = unchanged).
const EXPECTED: Record<RequestStatus, Record<RequestEventKind, RequestStatus | '-' | '='>> = {
  requested: { MOTTATT: 'received', AVVIST: 'cancelled', PABEGYNT: 'in-progress', BESVART: 'answered', FORFALT: 'overdue', PAMINNET: '=', AVBRUTT: 'cancelled' },
  received: { MOTTATT: '-', AVVIST: '-', PABEGYNT: 'in-progress', BESVART: 'answered', FORFALT: 'overdue', PAMINNET: '=', AVBRUTT: 'cancelled' },
  'in-progress': { MOTTATT: '-', AVVIST: '-', PABEGYNT: '-', BESVART: 'answered', FORFALT: 'overdue', PAMINNET: '=', AVBRUTT: 'cancelled' },
  overdue: { MOTTATT: '-', AVVIST: '-', PABEGYNT: '-', BESVART: 'answered', FORFALT: '-', PAMINNET: '=', AVBRUTT: 'cancelled' },
  answered: { MOTTATT: '-', AVVIST: '-', PABEGYNT: '-', BESVART: '-', FORFALT: '-', PAMINNET: '-', AVBRUTT: '-' },
  cancelled: { MOTTATT: '-', AVVIST: '-', PABEGYNT: '-', BESVART: '-', FORFALT: '-', PAMINNET: '-', AVBRUTT: '-' },
};

/** Sent at 10:00 Oslo time on 1 December 2026: a legeerklæring request is due 22 December. */
function request(status: RequestStatus, over: Partial<DialogRequest> = {}): DialogRequest {
  const r = openRequest({ id: 'msg-1', kind: 'FORESPORSEL_PASIENT_LEGEERKLARING', pasientIdent: PASIENT, conversationRef: 'c-1', sentAt: '2026-12-01T09:00:00Z' });
  return { ...r, status, ...over };
}
const AFTER_DUE = '2026-12-23T08:00:00Z';

describe('request transitions', () => {
  for (const from of STATUSES) {
    for (const [event, expected] of Object.entries(EXPECTED[from]) as Array<[RequestEventKind, RequestStatus | '-' | '=']>) {
      it(`${from} + ${event} → ${expected === '-' ? 'refused' : expected === '=' ? from : expected}`, () => {
        const result = transition(request(from), EVENTS[event], AFTER_DUE);
        assert.equal(result.ok, expected !== '-', result.ok ? '' : result.reason);
        if (!result.ok) {
          assert.match(result.reason, /^Not allowed/);
          return;
        }
        const to = expected === '=' ? from : expected;
        assert.equal(result.state.status, to);
        assert.deepEqual(result.entry, { at: AFTER_DUE, event, from, to, ...(DETALJ[event] ? { detalj: DETALJ[event] } : {}) });
        assert.deepEqual(result.state.history.at(-1), result.entry);
      });
    }
  }

  it('keeps the history in order over a whole life: received, in progress, overdue, reminded, answered', () => {
    let r = request('requested');
    const steps: Array<[RequestEvent, string]> = [
      [EVENTS.MOTTATT, '2026-12-01T09:01:00Z'], [EVENTS.PABEGYNT, '2026-12-03T12:00:00Z'], [EVENTS.FORFALT, '2026-12-22T23:00:00Z'],
      [EVENTS.PAMINNET, '2026-12-22T23:00:01Z'], [EVENTS.BESVART, '2027-01-04T10:00:00Z'],
    ];
    for (const [event, at] of steps) {
      const result = transition(r, event, at);
      assert.ok(result.ok, result.ok ? '' : result.reason);
      r = result.state;
    }
    assert.deepEqual(r.history.map((h) => `${h.from}>${h.to}`), ['requested>received', 'received>in-progress', 'in-progress>overdue', 'overdue>overdue', 'overdue>answered']);
    assert.equal(r.paminnetAt, '2026-12-22T23:00:01Z');
  });

  it('refuses FORFALT before the due date has passed, and for a note', () => {
    const early = transition(request('received'), EVENTS.FORFALT, '2026-12-22T22:59:59Z');
    assert.equal(early.ok, false);
    if (!early.ok) assert.match(early.reason, /2026-12-23/);
    const note = openRequest({ id: 'n', kind: 'HENVENDELSE_MELDING_FRA_NAV', pasientIdent: PASIENT, sentAt: '2026-12-01T09:00:00Z' });
    assert.equal(note.frist, undefined);
    assert.equal(transition(note, EVENTS.FORFALT, '2027-06-01T00:00:00Z').ok, false);
  });

  it('refuses a second reminder, and a reminder for a kind that cannot be reminded', () => {
    const reminded = transition(request('overdue'), EVENTS.PAMINNET, AFTER_DUE);
    assert.ok(reminded.ok);
    const again = transition(reminded.state, { kind: 'PAMINNET', paminnelseId: 'p-2' }, AFTER_DUE);
    assert.equal(again.ok, false);
    if (!again.ok) assert.match(again.reason, /already sent/);
    const mote = { ...openRequest({ id: 'm', kind: 'DIALOGMOTE_INNKALLING', pasientIdent: PASIENT, conversationRef: 'c-2', sentAt: '2026-12-01T09:00:00Z' }), status: 'overdue' as const };
    assert.equal(transition(mote, EVENTS.PAMINNET, AFTER_DUE).ok, false);
  });
});

describe('due date and overdue, by the Oslo calendar', () => {
  it('counts the deadline from the Oslo day of sending: 23:30 UTC is already the next day', () => {
    assert.equal(dueDate('FORESPORSEL_PASIENT_TILLEGGSOPPLYSNINGER', '2026-12-01T22:59:59Z'), '2026-12-15');
    assert.equal(dueDate('FORESPORSEL_PASIENT_TILLEGGSOPPLYSNINGER', '2026-12-01T23:30:00Z'), '2026-12-16');
    assert.equal(dueDate('FORESPORSEL_PASIENT_TILLEGGSOPPLYSNINGER', '2026-12-01T23:30:00Z', { FORESPORSEL_PASIENT_TILLEGGSOPPLYSNINGER: 3 }), '2026-12-05');
    assert.equal(dueDate('DIALOGMOTE_REFERAT', '2026-12-01T10:00:00Z'), undefined);
  });

  it('is not overdue on the due day, even late in the evening UTC, and is from Oslo midnight after it (winter)', () => {
    const r = request('received');
    assert.equal(r.frist, '2026-12-22');
    assert.equal(isOverdue(r, '2026-12-22T12:00:00Z'), false);
    assert.equal(isOverdue(r, '2026-12-22T22:59:59Z'), false);
    assert.equal(isOverdue(r, '2026-12-22T23:00:00Z'), true);
    assert.equal(isOverdue(r, '2026-12-23T10:00:00Z'), true);
    assert.equal(overdueAt(r), '2026-12-22T23:00:00.000Z');
  });

  it('turns overdue at 22:00 UTC in summer time', () => {
    const r = { ...request('received'), frist: '2026-06-10' };
    assert.equal(overdueAt(r), '2026-06-10T22:00:00.000Z');
    assert.equal(isOverdue(r, '2026-06-10T21:59:59Z'), false);
    assert.equal(isOverdue(r, '2026-06-10T22:00:00Z'), true);
  });

  it('never calls an answered or cancelled request overdue', () => {
    assert.equal(isOverdue(request('answered'), AFTER_DUE), false);
    assert.equal(isOverdue(request('cancelled'), AFTER_DUE), false);
    assert.equal(isOverdue(request('overdue'), AFTER_DUE), true);
  });
});

describe('dueReminders', () => {
  const kinds = {
    legeerklaering: request('received', { id: 'le' }),
    tillegg: { ...openRequest({ id: 'tillegg', kind: 'FORESPORSEL_PASIENT_TILLEGGSOPPLYSNINGER', pasientIdent: PASIENT, conversationRef: 'c-3', sentAt: '2026-12-01T09:00:00Z' }), status: 'in-progress' as const },
    mote: openRequest({ id: 'mote', kind: 'DIALOGMOTE_INNKALLING', pasientIdent: PASIENT, conversationRef: 'c-4', sentAt: '2026-12-01T09:00:00Z' }),
    note: openRequest({ id: 'note', kind: 'HENVENDELSE_MELDING_FRA_NAV', pasientIdent: PASIENT, sentAt: '2026-11-01T09:00:00Z' }),
    answered: request('answered', { id: 'answered' }),
  };
  const all = Object.values(kinds);

  it('says nothing before any due date has passed', () => {
    assert.deepEqual(dueReminders(all, '2026-12-08T22:59:59Z'), []);
  });

  it('turns each passed request overdue, and reminds only the kinds that may be reminded', () => {
    // Due: mote 8 Dec, tillegg 15 Dec, legeerklæring 22 Dec.
    assert.deepEqual(dueReminders(all, '2026-12-08T23:00:00Z'), [{ requestId: 'mote', turnsOverdue: true, sendReminder: false }]);
    assert.deepEqual(dueReminders(all, '2026-12-23T06:00:00Z'), [
      { requestId: 'le', turnsOverdue: true, sendReminder: true, reminderKey: 'paminnelse:le' },
      { requestId: 'tillegg', turnsOverdue: true, sendReminder: true, reminderKey: 'paminnelse:tillegg' },
      { requestId: 'mote', turnsOverdue: true, sendReminder: false },
    ]);
  });

  it('sends exactly one reminder per request, however often the job runs', () => {
    let requests = all;
    const sent: string[] = [];
    for (const now of ['2026-12-23T06:00:00Z', '2026-12-23T06:05:00Z', '2026-12-30T06:00:00Z', '2027-02-01T06:00:00Z']) {
      for (const decision of dueReminders(requests, now)) {
        requests = requests.map((r) => {
          if (r.id !== decision.requestId) return r;
          let next = r;
          if (decision.turnsOverdue) next = (transition(next, EVENTS.FORFALT, now) as { state: DialogRequest }).state;
          if (decision.sendReminder) {
            sent.push(decision.reminderKey!);
            next = (transition(next, { kind: 'PAMINNET', paminnelseId: `p-${r.id}` }, now) as { state: DialogRequest }).state;
          }
          return next;
        });
      }
    }
    assert.deepEqual(sent.sort(), ['paminnelse:le', 'paminnelse:tillegg']);
    assert.deepEqual(requests.map((r) => r.status), ['overdue', 'overdue', 'overdue', 'requested', 'answered']);
  });

  it('still reminds a request that was marked overdue but never reminded', () => {
    assert.deepEqual(dueReminders([request('overdue', { id: 'x' })], AFTER_DUE), [{ requestId: 'x', turnsOverdue: false, sendReminder: true, reminderKey: 'paminnelse:x' }]);
    assert.deepEqual(dueReminders([request('overdue', { id: 'x', paminnetAt: AFTER_DUE })], AFTER_DUE), []);
  });
});
