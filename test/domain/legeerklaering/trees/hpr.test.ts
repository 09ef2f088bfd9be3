/** Tree 2: an active approval, an authorisation of the right kind, and a category that may write a legeerklæring. */
import { describe } from 'node:test';
import type { Godkjenning } from '../../../../src/domain/behandler/hpr.ts';
import { approval, ruleInput } from '../builders.ts';
import { expectTree, linearPath } from './expect.ts';

const ORDER = ['BEHANDLER_IKKE_GYLDIG_I_HPR', 'BEHANDLER_MANGLER_AUTORISASJON_I_HPR', 'BEHANDLER_IKKE_LE_KI_MT_TL_FT_PS_I_HPR'];
const withApprovals = (...godkjenninger: Godkjenning[]) => ruleInput({ behandler: { finnesIHpr: true, suspendert: false, godkjenninger } });
const categories = (kategori: string, kategoriAktiv = true) => ({ kategorier: [{ kategori, kategoriAktiv, autorisasjonAktiv: true }] });

describe('legeerklæring tree HPR', () => {
  describe('BEHANDLER_IKKE_GYLDIG_I_HPR', () => {
    expectTree('HPR', {
      name: 'no active authorisation', input: withApprovals(approval('LE', '1', false)),
      status: 'INVALID', outcome: 'BEHANDLER_IKKE_GYLDIG_I_HPR', path: linearPath(ORDER, 'BEHANDLER_IKKE_GYLDIG_I_HPR'),
      inputs: { autorisasjoner: [{ aktiv: false, oid: 7704, verdi: '1' }] },
    });
    expectTree('HPR', {
      name: 'no approvals at all', input: withApprovals(),
      status: 'INVALID', outcome: 'BEHANDLER_IKKE_GYLDIG_I_HPR', path: linearPath(ORDER, 'BEHANDLER_IKKE_GYLDIG_I_HPR'), inputs: { autorisasjoner: [] },
    });
  });

  describe('BEHANDLER_MANGLER_AUTORISASJON_I_HPR', () => {
    for (const verdi of ['3', '5', '13', '19']) {
      expectTree('HPR', {
        name: `authorisation value ${verdi}`, input: withApprovals(approval('LE', verdi)),
        status: 'INVALID', outcome: 'BEHANDLER_MANGLER_AUTORISASJON_I_HPR', path: linearPath(ORDER, 'BEHANDLER_MANGLER_AUTORISASJON_I_HPR'),
        inputs: { autorisasjoner: [{ aktiv: true, oid: 7704, verdi }] },
      });
    }
    for (const verdi of ['1', '2', '4', '14', '17', '18']) {
      expectTree('HPR', { name: `authorisation value ${verdi}`, input: withApprovals(approval('LE', verdi)), status: 'OK', path: linearPath(ORDER), inputs: categories('LE') });
    }
    const otherList: Godkjenning = { ...approval('LE'), autorisasjon: { aktiv: true, oid: 7702, verdi: '1' } };
    expectTree('HPR', {
      name: 'value 1 from another code list than 7704', input: withApprovals(otherList),
      status: 'INVALID', outcome: 'BEHANDLER_MANGLER_AUTORISASJON_I_HPR', path: linearPath(ORDER, 'BEHANDLER_MANGLER_AUTORISASJON_I_HPR'),
      inputs: { autorisasjoner: [{ aktiv: true, oid: 7702, verdi: '1' }] },
    });
  });

  describe('BEHANDLER_IKKE_LE_KI_MT_TL_FT_PS_I_HPR', () => {
    for (const kategori of ['LE', 'KI', 'MT', 'TL', 'FT', 'PS']) {
      expectTree('HPR', { name: `category ${kategori}`, input: withApprovals(approval(kategori)), status: 'OK', path: linearPath(ORDER), inputs: categories(kategori) });
    }
    for (const kategori of ['SP', 'JO', 'ET']) {
      expectTree('HPR', {
        name: `category ${kategori}`, input: withApprovals(approval(kategori)),
        status: 'INVALID', outcome: 'BEHANDLER_IKKE_LE_KI_MT_TL_FT_PS_I_HPR', path: linearPath(ORDER, 'BEHANDLER_IKKE_LE_KI_MT_TL_FT_PS_I_HPR'), inputs: categories(kategori),
      });
    }
    const inactivePsychologist: Godkjenning = { ...approval('PS'), helsepersonellkategori: { aktiv: false, oid: 9060, verdi: 'PS' } };
    expectTree('HPR', {
      name: 'a psychologist whose category is not active', input: withApprovals(inactivePsychologist),
      status: 'INVALID', outcome: 'BEHANDLER_IKKE_LE_KI_MT_TL_FT_PS_I_HPR', path: linearPath(ORDER, 'BEHANDLER_IKKE_LE_KI_MT_TL_FT_PS_I_HPR'), inputs: categories('PS', false),
    });
    // The doctor approval lacks an active authorisation; the nurse approval has one. Neither counts.
    expectTree('HPR', {
      name: 'a doctor category without an active authorisation, beside an authorised nurse', input: withApprovals(approval('LE', '1', false), approval('SP')),
      status: 'INVALID', outcome: 'BEHANDLER_IKKE_LE_KI_MT_TL_FT_PS_I_HPR', path: linearPath(ORDER, 'BEHANDLER_IKKE_LE_KI_MT_TL_FT_PS_I_HPR'),
      inputs: { kategorier: [{ kategori: 'LE', kategoriAktiv: true, autorisasjonAktiv: false }, { kategori: 'SP', kategoriAktiv: true, autorisasjonAktiv: true }] },
    });
  });
});
