/**
 * Tree 3: the behandler's HPR approvals. Doctors and dentists may certify without limit;
 * chiropractors, manual therapists and physiotherapists (with extra competence) up to 12 weeks.
 */
import type { Godkjenning, RuleContext } from '../../../../src/domain/sykmelding/index.ts';
import { addDays, godkjenning, LEGE, tidligere, tilleggskompetanse } from '../builders.ts';
import { describeTree } from './check.ts';

const D = '2026-11-23';
const period = (fom: string, tom: string) => ({ fom, tom, type: 'AKTIVITET_IKKE_MULIG' as const });
const hpr = (...godkjenninger: Godkjenning[]): Partial<RuleContext> => ({ behandler: { suspendert: false, finnesIHpr: true, godkjenninger } });

const FINNES = 'BEHANDLER_FINNES_I_HPR(yes)->BEHANDLER_GYLIDG_I_HPR(yes)->BEHANDLER_HAR_AUTORISASJON_I_HPR(yes)';
const NOT_LE_TL = `${FINNES}->BEHANDLER_ER_LEGE_I_HPR(no)->BEHANDLER_ER_TANNLEGE_I_HPR(no)`;
const MT = `${NOT_LE_TL}->BEHANDLER_ER_MANUELLTERAPEUT_I_HPR(yes)`;
const FT = `${NOT_LE_TL}->BEHANDLER_ER_MANUELLTERAPEUT_I_HPR(no)->BEHANDLER_ER_FT_MED_TILLEGSKOMPETANSE_I_HPR`;
const KI = `${FT}(no)->BEHANDLER_ER_KI_MED_TILLEGSKOMPETANSE_I_HPR`;

const kategorier = (kategori: string, aktiv = true) => ({ kategorier: [{ kategori, kategoriAktiv: true, autorisasjonAktiv: aktiv }] });
const competence = (kategori: string, fra: string, til?: string) => ({
  signaturdato: D,
  tilleggskompetanse: [{ kategori, avsluttetStatus: null, type: { aktiv: true, oid: 7702, verdi: '1' }, gyldig: { fra, til } }],
});
const ki = godkjenning('KI', { tilleggskompetanse: [tilleggskompetanse('2020-01-01')] });

describeTree('HPR', {
  BEHANDLER_FINNES_I_HPR: [
    {
      name: 'not in HPR', ctx: { behandler: { suspendert: false, finnesIHpr: false, godkjenninger: [] } },
      status: 'INVALID', outcome: 'BEHANDLER_IKKE_I_HPR', path: 'BEHANDLER_FINNES_I_HPR(no)->INVALID', inputs: { finnesIHpr: false },
    },
  ],
  BEHANDLER_GYLIDG_I_HPR: [
    {
      name: 'no active authorisation', ctx: hpr(godkjenning('LE', { autorisasjon: { aktiv: false, oid: 7704, verdi: '1' } })),
      status: 'INVALID', outcome: 'BEHANDLER_IKKE_GYLDIG_I_HPR', path: 'BEHANDLER_FINNES_I_HPR(yes)->BEHANDLER_GYLIDG_I_HPR(no)->INVALID',
      inputs: { autorisasjoner: [{ aktiv: false, oid: 7704, verdi: '1' }] },
    },
  ],
  BEHANDLER_HAR_AUTORISASJON_I_HPR: [
    {
      name: 'authorisation value 3 (removed)', ctx: hpr(godkjenning('LE', { autorisasjon: { aktiv: true, oid: 7704, verdi: '3' } })),
      status: 'INVALID', outcome: 'BEHANDLER_MANGLER_AUTORISASJON_I_HPR', path: 'BEHANDLER_FINNES_I_HPR(yes)->BEHANDLER_GYLIDG_I_HPR(yes)->BEHANDLER_HAR_AUTORISASJON_I_HPR(no)->INVALID',
      inputs: { autorisasjoner: [{ aktiv: true, oid: 7704, verdi: '3' }] },
    },
    {
      name: 'LIS1 licence (18)', ctx: hpr(godkjenning('LE', { autorisasjon: { aktiv: true, oid: 7704, verdi: '18' } })),
      status: 'OK', path: `${FINNES}->BEHANDLER_ER_LEGE_I_HPR(yes)->OK`, inputs: kategorier('LE'),
    },
  ],
  BEHANDLER_ER_LEGE_I_HPR: [
    { name: 'doctor', ctx: hpr(LEGE), status: 'OK', path: `${FINNES}->BEHANDLER_ER_LEGE_I_HPR(yes)->OK`, inputs: kategorier('LE') },
  ],
  BEHANDLER_ER_TANNLEGE_I_HPR: [
    { name: 'dentist', ctx: hpr(godkjenning('TL')), status: 'OK', path: `${FINNES}->BEHANDLER_ER_LEGE_I_HPR(no)->BEHANDLER_ER_TANNLEGE_I_HPR(yes)->OK`, inputs: kategorier('TL') },
  ],
  BEHANDLER_ER_MANUELLTERAPEUT_I_HPR: [
    {
      name: 'manual therapist, 84 days', sm: { perioder: [period(D, addDays(D, 84))] }, ctx: hpr(godkjenning('MT')),
      status: 'OK', path: `${MT}->SYKEFRAVAR_OVER_12_UKER(no)->OK`, inputs: { dagerSykefravar: 84, syketilfelleStartdato: D },
    },
    {
      name: 'manual therapist, 85 days', sm: { perioder: [period(D, addDays(D, 85))] }, ctx: hpr(godkjenning('MT')),
      status: 'INVALID', outcome: 'BEHANDLER_MT_FT_KI_OVER_12_UKER', path: `${MT}->SYKEFRAVAR_OVER_12_UKER(yes)->INVALID`, inputs: { dagerSykefravar: 85, syketilfelleStartdato: D },
    },
  ],
  BEHANDLER_ER_FT_MED_TILLEGSKOMPETANSE_I_HPR: [
    {
      name: 'psychologist', ctx: hpr(godkjenning('PS')),
      status: 'INVALID', outcome: 'BEHANDLER_IKKE_LE_KI_MT_TL_FT_I_HPR', path: `${KI}(no)->INVALID`, inputs: { signaturdato: D, tilleggskompetanse: [] },
    },
    {
      name: 'physiotherapist without extra competence', ctx: hpr(godkjenning('FT')),
      status: 'INVALID', outcome: 'BEHANDLER_IKKE_LE_KI_MT_TL_FT_I_HPR', path: `${KI}(no)->INVALID`, inputs: { signaturdato: D, tilleggskompetanse: [] },
    },
    {
      name: 'physiotherapist with extra competence valid from the signature date', ctx: hpr(godkjenning('FT', { tilleggskompetanse: [tilleggskompetanse(D)] })),
      status: 'OK', path: `${FT}(yes)->SYKEFRAVAR_OVER_12_UKER(no)->OK`, inputs: { dagerSykefravar: 13, syketilfelleStartdato: D },
    },
    {
      name: 'physiotherapist with extra competence valid from the day after', ctx: hpr(godkjenning('FT', { tilleggskompetanse: [tilleggskompetanse(addDays(D, 1))] })),
      status: 'INVALID', outcome: 'BEHANDLER_IKKE_LE_KI_MT_TL_FT_I_HPR', path: `${KI}(no)->INVALID`, inputs: competence('FT', addDays(D, 1)),
    },
    {
      name: 'physiotherapist whose extra competence ends on the signature date', ctx: hpr(godkjenning('FT', { tilleggskompetanse: [tilleggskompetanse('2020-01-01', D)] })),
      status: 'OK', path: `${FT}(yes)->SYKEFRAVAR_OVER_12_UKER(no)->OK`, inputs: { dagerSykefravar: 13, syketilfelleStartdato: D },
    },
    {
      name: 'physiotherapist whose extra competence ended the day before', ctx: hpr(godkjenning('FT', { tilleggskompetanse: [tilleggskompetanse('2020-01-01', addDays(D, -1))] })),
      status: 'INVALID', outcome: 'BEHANDLER_IKKE_LE_KI_MT_TL_FT_I_HPR', path: `${KI}(no)->INVALID`, inputs: competence('FT', '2020-01-01', addDays(D, -1)),
    },
  ],
  BEHANDLER_ER_KI_MED_TILLEGSKOMPETANSE_I_HPR: [
    {
      name: 'chiropractor, 85 days counted from an earlier sykmelding in the same case', sm: { perioder: [period(D, addDays(D, 13))] },
      ctx: { ...hpr(ki), tidligereSykmeldinger: [tidligere(addDays(D, -72), addDays(D, -1))] },
      status: 'INVALID', outcome: 'BEHANDLER_MT_FT_KI_OVER_12_UKER', path: `${KI}(yes)->SYKEFRAVAR_OVER_12_UKER(yes)->INVALID`,
      inputs: { dagerSykefravar: 85, syketilfelleStartdato: addDays(D, -72) },
    },
    {
      name: 'chiropractor, 84 days counted from an earlier sykmelding', sm: { perioder: [period(D, addDays(D, 13))] },
      ctx: { ...hpr(ki), tidligereSykmeldinger: [tidligere(addDays(D, -71), addDays(D, -1))] },
      status: 'OK', path: `${KI}(yes)->SYKEFRAVAR_OVER_12_UKER(no)->OK`, inputs: { dagerSykefravar: 84, syketilfelleStartdato: addDays(D, -71) },
    },
  ],
});
