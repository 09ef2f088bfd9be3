/** The dialogmelding kinds: every row against the reference's tables, and padm2's answer checks. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkAnswer } from '../../../src/domain/dialog/answer-check.ts';
import {
  ANSWER_KINDS, REQUEST_KINDS, answers, fristDager, kodeverkOid, requestKindsFor, takstFor, type AnswerKindId, type RequestKindId,
} from '../../../src/domain/dialog/kinds.ts';

// legeerklaering-and-dialog §2.2, written out: kind → [OID, code, message type, request or note, takst].
const NAV_TO_DOCTOR: Record<RequestKindId, [string, string, string, 'FORESPORSEL' | 'NOTAT', string | undefined]> = {
  FORESPORSEL_PASIENT_TILLEGGSOPPLYSNINGER: ['2.16.578.1.12.4.1.1.8129', '1', 'DIALOG_FORESPORSEL', 'FORESPORSEL', 'L8'],
  FORESPORSEL_PASIENT_LEGEERKLARING: ['2.16.578.1.12.4.1.1.8129', '1', 'DIALOG_FORESPORSEL', 'FORESPORSEL', 'L40'],
  FORESPORSEL_PASIENT_PAMINNELSE: ['2.16.578.1.12.4.1.1.8129', '2', 'DIALOG_FORESPORSEL', 'FORESPORSEL', undefined],
  HENVENDELSE_RETUR_LEGEERKLARING: ['2.16.578.1.12.4.1.1.8127', '3', 'DIALOG_NOTAT', 'FORESPORSEL', undefined],
  HENVENDELSE_MELDING_FRA_NAV: ['2.16.578.1.12.4.1.1.8127', '8', 'DIALOG_NOTAT', 'NOTAT', undefined],
  HENVENDELSE_FRISKMELDING_TIL_ARBEIDSFORMIDLING: ['2.16.578.1.12.4.1.1.8127', '2', 'DIALOG_NOTAT', 'NOTAT', undefined],
  OPPFOLGINGSPLAN: ['2.16.578.1.12.4.1.1.8127', '1', 'OPPFOLGINGSPLAN', 'NOTAT', undefined],
  DIALOGMOTE_INNKALLING: ['2.16.578.1.12.4.1.1.8125', '1', 'DIALOG_FORESPORSEL', 'FORESPORSEL', undefined],
  DIALOGMOTE_NYTT_TID_STED: ['2.16.578.1.12.4.1.1.8125', '2', 'DIALOG_FORESPORSEL', 'FORESPORSEL', undefined],
  DIALOGMOTE_AVLYST: ['2.16.578.1.12.4.1.1.8127', '4', 'DIALOG_NOTAT', 'NOTAT', undefined],
  DIALOGMOTE_REFERAT: ['2.16.578.1.12.4.1.1.8127', '9', 'DIALOG_NOTAT', 'NOTAT', undefined],
};

// §2.3: ebAction → accepted TemaKodet.
const DOCTOR_TO_NAV: Record<Exclude<AnswerKindId, 'LEGEERKLARING'>, [string, string[]]> = {
  MOTERESPONS: ['MoteRespons', ['8126:1', '8126:2', '8126:3']],
  FORESPORSEL_SVAR: ['ForesporselSvar', ['8129:1', '8129:2', '9069:5']],
  HENVENDELSE: ['Henvendelse', ['8128:1', '8128:2']],
};

describe('message kinds', () => {
  for (const [id, [oid, kode, type, rolle, takst]] of Object.entries(NAV_TO_DOCTOR) as Array<[RequestKindId, (typeof NAV_TO_DOCTOR)[RequestKindId]]>) {
    it(`${id} is ${oid.slice(-4)}:${kode}, ${type}, ${rolle}${takst ? `, ${takst}` : ''}`, () => {
      const kind = REQUEST_KINDS[id];
      assert.equal(kind.id, id);
      assert.equal(kind.retning, 'NAV_TIL_BEHANDLER');
      assert.equal(kodeverkOid(kind.koding.kodeverk), oid);
      assert.equal(kind.koding.kode, kode);
      assert.equal(kind.meldingstype, type);
      assert.equal(kind.rolle, rolle);
      assert.equal(kind.takst?.kode, takst);
      // A forespørsel expects an answer, so it has answer kinds and a deadline; a note has neither.
      assert.equal(kind.besvaresAv.length > 0, rolle === 'FORESPORSEL');
      assert.equal(fristDager(id) !== undefined, rolle === 'FORESPORSEL');
      assert.ok(kind.navn && kind.name);
    });
  }

  it('lets a påminnelse follow only tilleggsopplysninger, legeerklæring or retur', () => {
    const purres = (Object.keys(REQUEST_KINDS) as RequestKindId[]).filter((id) => REQUEST_KINDS[id].kanPurres).sort();
    assert.deepEqual(purres, ['FORESPORSEL_PASIENT_LEGEERKLARING', 'FORESPORSEL_PASIENT_TILLEGGSOPPLYSNINGER', 'HENVENDELSE_RETUR_LEGEERKLARING']);
  });

  it('records L8 on the svar to tilleggsopplysninger, L40 only on the legeerklæring itself, nothing on a melding fra NAV', () => {
    assert.equal(takstFor('FORESPORSEL_PASIENT_TILLEGGSOPPLYSNINGER', 'FORESPORSEL_SVAR'), 'L8');
    assert.equal(takstFor('FORESPORSEL_PASIENT_LEGEERKLARING', 'LEGEERKLARING'), 'L40');
    assert.equal(takstFor('FORESPORSEL_PASIENT_LEGEERKLARING', 'FORESPORSEL_SVAR'), undefined);
    assert.equal(takstFor('HENVENDELSE_MELDING_FRA_NAV', 'HENVENDELSE'), undefined);
    assert.equal(answers('DIALOGMOTE_INNKALLING', 'MOTERESPONS'), true);
    assert.equal(answers('DIALOGMOTE_INNKALLING', 'FORESPORSEL_SVAR'), false);
  });

  it('marks the oppfølgingsplan as a PDF without text and without a conversation, the others as content', () => {
    assert.equal(REQUEST_KINDS.OPPFOLGINGSPLAN.harInnhold, false);
    assert.equal(REQUEST_KINDS.OPPFOLGINGSPLAN.vedlegg, 'PDF');
    assert.equal(REQUEST_KINDS.OPPFOLGINGSPLAN.samtale, 'INGEN');
    assert.equal(REQUEST_KINDS.FORESPORSEL_PASIENT_LEGEERKLARING.skjema, 'NAV 08-07.08');
    assert.deepEqual(requestKindsFor({ kodeverk: '8129', kode: '1' }).sort(), ['FORESPORSEL_PASIENT_LEGEERKLARING', 'FORESPORSEL_PASIENT_TILLEGGSOPPLYSNINGER']);
  });

  it('takes deadlines from the configuration over the defaults', () => {
    assert.equal(fristDager('FORESPORSEL_PASIENT_LEGEERKLARING', { FORESPORSEL_PASIENT_LEGEERKLARING: 30 }), 30);
    assert.equal(fristDager('FORESPORSEL_PASIENT_TILLEGGSOPPLYSNINGER', { FORESPORSEL_PASIENT_LEGEERKLARING: 30 }), 14);
    assert.equal(fristDager('HENVENDELSE_MELDING_FRA_NAV', { HENVENDELSE_MELDING_FRA_NAV: 3 }), undefined);
  });

  for (const [id, [ebAction, codes]] of Object.entries(DOCTOR_TO_NAV)) {
    it(`${id} (${ebAction}) accepts exactly ${codes.join(', ')}`, () => {
      const kind = ANSWER_KINDS[id as AnswerKindId];
      assert.equal(kind.retning, 'BEHANDLER_TIL_NAV');
      assert.equal(kind.ebAction, ebAction);
      assert.deepEqual(kind.godtatt.map((g) => `${g.kodeverk}:${g.kode}`), codes);
    });
  }
});

describe('answer check (padm2 checks 5 and 6)', () => {
  const ALL = ['8125:1', '8125:2', '8126:1', '8126:2', '8126:3', '8127:1', '8127:8', '8128:1', '8128:2', '8129:1', '8129:2', '9069:5', '9069:4'];
  for (const [id, [ebAction, codes]] of Object.entries(DOCTOR_TO_NAV)) {
    it(`${ebAction}: every code combination is accepted or refused as the table says`, () => {
      for (const code of ALL) {
        const [kodeverk, kode] = code.split(':');
        const result = checkAnswer({ ebAction, temaKodet: { system: `urn:oid:2.16.578.1.12.4.1.1.${kodeverk}`, kode }, tekstNotatInnhold: 'Se vedlagt' });
        assert.equal(result.ok, codes.includes(code), `${ebAction} ${code}`);
        assert.equal(result.kind, id);
        if (!result.ok) assert.deepEqual(result.problems.map((p) => p.code), ['MELDINGSTYPE_PASSER_IKKE_INNHOLD']);
      }
    });
  }

  it('refuses an empty or blank text for a svar and a henvendelse, not for a møterespons', () => {
    for (const [ebAction, code] of [['ForesporselSvar', '8129:1'], ['Henvendelse', '8128:1']]) {
      for (const tekst of [undefined, '', '  \n']) {
        const [kodeverk, kode] = code.split(':');
        const result = checkAnswer({ ebAction, temaKodet: { system: `2.16.578.1.12.4.1.1.${kodeverk}`, kode }, tekstNotatInnhold: tekst });
        assert.equal(result.ok, false);
        if (!result.ok) assert.deepEqual(result.problems.map((p) => p.code), ['MANGLER_TEKST']);
      }
    }
    assert.equal(checkAnswer({ ebAction: 'MoteRespons', temaKodet: { system: '2.16.578.1.12.4.1.1.8126', kode: '1' } }).ok, true);
  });

  it('refuses a svar whose TypeForesp is a dialogmøte code, and an unknown ebAction', () => {
    const svar = { ebAction: 'ForesporselSvar', temaKodet: { system: '2.16.578.1.12.4.1.1.9069', kode: '5' }, tekstNotatInnhold: 'Svar' };
    assert.equal(checkAnswer({ ...svar, typeForesp: { system: '2.16.578.1.12.4.1.1.8129', kode: '1' } }).ok, true);
    const bad = checkAnswer({ ...svar, typeForesp: { system: 'urn:oid:2.16.578.1.12.4.1.1.8125', kode: '1' } });
    assert.equal(bad.ok, false);
    if (!bad.ok) assert.deepEqual(bad.problems.map((p) => p.code), ['TYPEFORESP_ER_DIALOGMOTE']);
    const unknown = checkAnswer({ ebAction: 'Svarmelding', temaKodet: { system: '2.16.578.1.12.4.1.1.8129', kode: '1' }, tekstNotatInnhold: 'x' });
    assert.equal(unknown.ok, false);
    if (!unknown.ok) assert.equal(unknown.problems[0].code, 'UKJENT_MELDINGSTYPE');
  });
});
