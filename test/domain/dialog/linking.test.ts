/** Linking answers and legeerklæringer to NAV's requests, and the text cleaning. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeSyntheticIdent } from '../../../src/domain/identity/index.ts';
import { cleanText, legeerklaeringWindowStart, linkAnswer, linkLegeerklaering, type IncomingAnswer, type LinkResult } from '../../../src/domain/dialog/linking.ts';
import { openRequest, type DialogRequest } from '../../../src/domain/dialog/request-status.ts';
import type { RequestKindId } from '../../../src/domain/dialog/kinds.ts';

const KARI = makeSyntheticIdent('1981-05-20', 234) ?? makeSyntheticIdent('1981-05-20', 236)!;
const OLA = makeSyntheticIdent('1975-10-03', 345) ?? makeSyntheticIdent('1975-10-03', 347)!;
const C1 = '6f1d2c1e-3b4a-4c5d-8e9f-0a1b2c3d4e5f';
const C2 = 'a0b1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d';
const C3 = '11111111-2222-4333-8444-555555555555';

function req(id: string, kind: RequestKindId, pasientIdent: string, conversationRef: string | undefined, sentAt: string): DialogRequest {
  return openRequest({ id, kind, pasientIdent, conversationRef, sentAt });
}

const REQUESTS = [
  req('tillegg-kari', 'FORESPORSEL_PASIENT_TILLEGGSOPPLYSNINGER', KARI, C1, '2026-10-01T08:00:00Z'),
  req('mote-kari', 'DIALOGMOTE_INNKALLING', KARI, C3, '2026-10-02T08:00:00Z'),
  req('tillegg-ola', 'FORESPORSEL_PASIENT_TILLEGGSOPPLYSNINGER', OLA, C2, '2026-10-01T08:00:00Z'),
];
const NONE = { seenMsgIds: new Set<string>() };
const svar = (over: Partial<IncomingAnswer>): IncomingAnswer => ({ msgId: 'in-1', kind: 'FORESPORSEL_SVAR', pasientIdent: KARI, ...over });
const linked = (r: LinkResult) => (r.outcome === 'KOBLET' ? `${r.request.id} via ${r.via}${r.answersRequest ? '' : ' (message only)'}` : r.outcome);

describe('linking a dialogmelding', () => {
  it('links by conversationRef, in any letter case', () => {
    assert.equal(linked(linkAnswer(svar({ conversationRef: C1 }), REQUESTS, NONE)), 'tillegg-kari via conversationRef');
    assert.equal(linked(linkAnswer(svar({ conversationRef: C1.toUpperCase(), parentRef: C3 }), REQUESTS, NONE)), 'tillegg-kari via conversationRef');
  });

  it('falls back to parentRef as the conversation when the conversationRef matches nothing or is not a UUID', () => {
    assert.equal(linked(linkAnswer(svar({ conversationRef: 'EPJ-4711', parentRef: C1 }), REQUESTS, NONE)), 'tillegg-kari via parentRef');
    assert.equal(linked(linkAnswer(svar({ conversationRef: '99999999-2222-4333-8444-555555555555', parentRef: C1 }), REQUESTS, NONE)), 'tillegg-kari via parentRef');
    assert.equal(linked(linkAnswer(svar({ parentRef: C1 }), REQUESTS, NONE)), 'tillegg-kari via parentRef');
  });

  it('refuses a ref into another patient\'s conversation', () => {
    const result = linkAnswer(svar({ conversationRef: C2 }), REQUESTS, NONE);
    assert.equal(result.outcome, 'AVVIST');
    assert.equal(linked(linkAnswer(svar({ pasientIdent: OLA, conversationRef: C2 }), REQUESTS, NONE)), 'tillegg-ola via conversationRef');
  });

  it('says when the message is in the conversation but does not answer that kind of request', () => {
    assert.equal(linked(linkAnswer(svar({ kind: 'MOTERESPONS', conversationRef: C3 }), REQUESTS, NONE)), 'mote-kari via conversationRef');
    assert.equal(linked(linkAnswer(svar({ kind: 'HENVENDELSE', conversationRef: C1 }), REQUESTS, NONE)), 'tillegg-kari via conversationRef (message only)');
  });

  it('keeps a henvendelse without a match only when the patient has an active oppfølgingstilfelle', () => {
    const henvendelse = svar({ kind: 'HENVENDELSE' });
    assert.equal(linkAnswer(henvendelse, REQUESTS, { ...NONE, activeOppfolgingstilfelle: true }).outcome, 'NY_HENVENDELSE');
    assert.equal(linkAnswer(henvendelse, REQUESTS, { ...NONE, activeOppfolgingstilfelle: false }).outcome, 'IGNORERT');
    assert.equal(linkAnswer(svar({}), REQUESTS, { ...NONE, activeOppfolgingstilfelle: true }).outcome, 'IGNORERT');
  });

  it('finds duplicates by message id before anything else', () => {
    assert.equal(linkAnswer(svar({ conversationRef: C1 }), REQUESTS, { seenMsgIds: new Set(['in-1']) }).outcome, 'DUPLIKAT');
  });

  it('prefers, in a conversation with several requests, the latest one this kind answers', () => {
    const retur = req('retur-kari', 'HENVENDELSE_RETUR_LEGEERKLARING', KARI, C1, '2026-10-20T08:00:00Z');
    const note = req('melding-kari', 'HENVENDELSE_MELDING_FRA_NAV', KARI, C1, '2026-10-25T08:00:00Z');
    assert.equal(linked(linkAnswer(svar({ conversationRef: C1 }), [...REQUESTS, retur, note], NONE)), 'retur-kari via conversationRef');
  });
});

describe('linking a legeerklæring', () => {
  const le = (over: Partial<Parameters<typeof linkLegeerklaering>[0]> = {}) => ({ msgId: 'le-1', pasientIdent: KARI, receivedAt: '2026-11-15T10:00:00Z', status: 'OK' as const, ...over });
  const legeerklaering = (id: string, sentAt: string, pasientIdent = KARI, conversationRef = C1) => req(id, 'FORESPORSEL_PASIENT_LEGEERKLARING', pasientIdent, conversationRef, sentAt);

  it('links by conversationRef to a legeerklæring request, never to another kind in the conversation', () => {
    const requests = [legeerklaering('le-req', '2026-05-01T08:00:00Z'), req('t', 'FORESPORSEL_PASIENT_TILLEGGSOPPLYSNINGER', KARI, C2, '2026-11-01T08:00:00Z')];
    assert.equal(linked(linkLegeerklaering(le({ conversationRef: C1 }), requests, NONE)), 'le-req via conversationRef');
    assert.equal(linkLegeerklaering(le({ conversationRef: C2 }), requests, NONE).outcome, 'IGNORERT');
  });

  it('without a ref, links to the latest request sent exactly two months before, not one day more', () => {
    assert.equal(legeerklaeringWindowStart('2026-11-15T10:00:00Z'), '2026-09-15');
    const onBoundary = [legeerklaering('older', '2026-08-01T08:00:00Z'), legeerklaering('boundary', '2026-09-15T08:00:00Z')];
    assert.equal(linked(linkLegeerklaering(le(), onBoundary, NONE)), 'boundary via siste-foresporsel');
    // 14 September 23:30 UTC is already 15 September in Oslo, so it is inside.
    assert.equal(linked(linkLegeerklaering(le(), [legeerklaering('late-evening', '2026-09-14T22:30:00Z')], NONE)), 'late-evening via siste-foresporsel');
    const dayMore = linkLegeerklaering(le(), [legeerklaering('day-more', '2026-09-14T08:00:00Z')], NONE);
    assert.equal(dayMore.outcome, 'IGNORERT');
  });

  it('clamps the two months at the end of a month, as java.time does', () => {
    assert.equal(legeerklaeringWindowStart('2026-04-30T10:00:00Z'), '2026-02-28');
    assert.equal(legeerklaeringWindowStart('2028-04-30T10:00:00Z'), '2028-02-29');
    assert.equal(legeerklaeringWindowStart('2026-12-31T10:00:00Z'), '2026-10-31');
  });

  it('does not link another patient\'s request, a cancelled one, or a non-OK legeerklæring', () => {
    assert.equal(linkLegeerklaering(le(), [legeerklaering('ola', '2026-11-01T08:00:00Z', OLA, C2)], NONE).outcome, 'IGNORERT');
    assert.equal(linkLegeerklaering(le({ conversationRef: C2 }), [legeerklaering('ola', '2026-11-01T08:00:00Z', OLA, C2)], NONE).outcome, 'AVVIST');
    const cancelled = { ...legeerklaering('cancelled', '2026-11-01T08:00:00Z'), status: 'cancelled' as const };
    assert.equal(linked(linkLegeerklaering(le(), [legeerklaering('open', '2026-10-01T08:00:00Z'), cancelled], NONE)), 'open via siste-foresporsel');
    const requests = [legeerklaering('le-req', '2026-11-01T08:00:00Z')];
    assert.equal(linkLegeerklaering(le({ status: 'INVALID' }), requests, NONE).outcome, 'IGNORERT');
    assert.equal(linkLegeerklaering(le({ status: 'INVALID', conversationRef: C1 }), requests, NONE).outcome, 'IGNORERT');
    assert.equal(linkLegeerklaering(le(), requests, { seenMsgIds: new Set(['le-1']) }).outcome, 'DUPLIKAT');
  });
});

describe('cleanText', () => {
  // Input → cleaned; NBSP and soft hyphen first, then everything outside the allowed ranges.
  const cases: Record<string, string> = {
    'Hei\u00A0på deg': 'Hei på deg',
    'arbeids\u00ADuførhet': 'arbeidsuførhet',
    'Linje 1\r\nLinje 2\tslutt': 'Linje 1\r\nLinje 2\tslutt',
    'Ærlig, øm og så: ÆØÅ æøå é ü ß': 'Ærlig, øm og så: ÆØÅ æøå é ü ß',
    'Pris 100 € – “sitat” 👍 ok': 'Pris 100   sitat  ok',
    'klokke\u0007 og \u0000null': 'klokke og null',
    '\u0085 og \u00FF beholdes': '\u0085 og \u00FF beholdes',
  };
  for (const [input, expected] of Object.entries(cases)) it(JSON.stringify(input), () => assert.equal(cleanText(input), expected));
});
