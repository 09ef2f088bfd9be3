/** Tree 1: structural validation; a paper sykmelding skips everything after the orgnr check. */
import { addDays, PASIENT } from '../builders.ts';
import { chainPath, describeTree } from './check.ts';

const period = (fom: string, tom: string) => ({ fom, tom, type: 'AKTIVITET_IKKE_MULIG' as const });
const ORDER = ['UGYLDIG_ORGNR_LENGDE', 'PAPIRSYKMELDING', 'UGYLDIG_REGELSETTVERSJON', 'MANGLENDE_DYNAMISKE_SPOERSMAL_VERSJON2_UKE_39', 'AVSENDER_FNR_ER_SAMME_SOM_PASIENT_FNR', 'BEHANDLER_FNR_ER_SAMME_SOM_PASIENT_FNR'];
const OK_PATH = chainPath(ORDER, undefined, 'OK');
const LAST_OK = { behandlerFnr: false };
const OTHER = PASIENT.slice(0, 10) + String((Number(PASIENT[10]) + 1) % 10);
const LONG = period('2026-03-01', addDays('2026-03-01', 274));

describeTree('VALIDERING', {
  UGYLDIG_ORGNR_LENGDE: [
    { name: 'orgnr with 9 digits', ctx: { legekontorOrgnr: '123456789' }, status: 'OK', path: OK_PATH, inputs: LAST_OK },
    {
      name: 'orgnr with 8 digits', ctx: { legekontorOrgnr: '12345678' },
      status: 'INVALID', outcome: 'UGYLDIG_ORGNR_LENGDE', path: 'UGYLDIG_ORGNR_LENGDE(yes)->INVALID', inputs: { legekontorOrgnr: '12345678' },
    },
    {
      name: 'orgnr with 10 digits', ctx: { legekontorOrgnr: '1234567890' },
      status: 'INVALID', outcome: 'UGYLDIG_ORGNR_LENGDE', path: 'UGYLDIG_ORGNR_LENGDE(yes)->INVALID', inputs: { legekontorOrgnr: '1234567890' },
    },
  ],
  PAPIRSYKMELDING: [
    {
      name: 'paper mode skips the rest of validation', sm: { regelsettVersjon: '4' }, ctx: { mode: 'PAPIR' },
      status: 'OK', path: 'UGYLDIG_ORGNR_LENGDE(no)->PAPIRSYKMELDING(yes)->OK', inputs: { mode: 'PAPIR' },
    },
  ],
  UGYLDIG_REGELSETTVERSJON: [
    { name: 'ruleset version 3', sm: { regelsettVersjon: '3' }, status: 'OK', path: OK_PATH, inputs: LAST_OK },
    {
      name: 'ruleset version 4', sm: { regelsettVersjon: '4' },
      status: 'INVALID', outcome: 'UGYLDIG_REGELSETTVERSJON', path: chainPath(ORDER, 'UGYLDIG_REGELSETTVERSJON', 'INVALID'), inputs: { regelsettVersjon: '4' },
    },
  ],
  MANGLENDE_DYNAMISKE_SPOERSMAL_VERSJON2_UKE_39: [
    {
      name: 'ruleset 2, a period of exactly 273 days without week-39 answers', sm: { regelsettVersjon: '2', perioder: [period('2026-03-01', addDays('2026-03-01', 273))] },
      ctx: { evaluationDate: '2026-03-01' }, date: '2026-03-01', status: 'OK', path: OK_PATH, inputs: LAST_OK,
    },
    {
      name: 'ruleset 2, a period of 274 days without week-39 answers', sm: { regelsettVersjon: '2', perioder: [LONG] }, date: '2026-03-01',
      status: 'INVALID', outcome: 'MANGLENDE_DYNAMISKE_SPOERSMAL_VERSJON2_UKE_39', path: chainPath(ORDER, 'MANGLENDE_DYNAMISKE_SPOERSMAL_VERSJON2_UKE_39', 'INVALID'),
      inputs: { regelsettVersjon: '2', periodeOver39Uker: true, manglendeSporsmal: ['6.5.1', '6.5.2', '6.5.3', '6.5.4'] },
    },
    {
      name: 'ruleset 2, a period of 274 days with 6.5.1–6.5.3 answered', date: '2026-03-01',
      sm: { regelsettVersjon: '2', perioder: [LONG], utdypendeOpplysninger: ['6.5.1', '6.5.2', '6.5.3'].map((id) => ({ id, svar: 'svar', skjermetForArbeidsgiver: true })) },
      status: 'INVALID', outcome: 'MANGLENDE_DYNAMISKE_SPOERSMAL_VERSJON2_UKE_39', path: chainPath(ORDER, 'MANGLENDE_DYNAMISKE_SPOERSMAL_VERSJON2_UKE_39', 'INVALID'),
      inputs: { regelsettVersjon: '2', periodeOver39Uker: true, manglendeSporsmal: ['6.5.4'] },
    },
    {
      name: 'ruleset 2, a period of 274 days with 6.5.1–6.5.4 answered', date: '2026-03-01', status: 'OK', path: OK_PATH, inputs: LAST_OK,
      sm: { regelsettVersjon: '2', perioder: [LONG], utdypendeOpplysninger: ['6.5.1', '6.5.2', '6.5.3', '6.5.4'].map((id) => ({ id, svar: 'svar', skjermetForArbeidsgiver: true })) },
    },
  ],
  AVSENDER_FNR_ER_SAMME_SOM_PASIENT_FNR: [
    {
      name: 'the signer is the patient', ctx: { avsender: { fnr: PASIENT } },
      status: 'INVALID', outcome: 'AVSENDER_FNR_ER_SAMME_SOM_PASIENT_FNR', path: chainPath(ORDER, 'AVSENDER_FNR_ER_SAMME_SOM_PASIENT_FNR', 'INVALID'), inputs: { avsenderFnr: true },
    },
    { name: 'the signer is someone else', ctx: { avsender: { fnr: OTHER } }, status: 'OK', path: OK_PATH, inputs: LAST_OK },
  ],
  BEHANDLER_FNR_ER_SAMME_SOM_PASIENT_FNR: [
    {
      name: 'the behandler is the patient', sm: { behandler: { fnr: PASIENT } },
      status: 'INVALID', outcome: 'BEHANDLER_FNR_ER_SAMME_SOM_PASIENT_FNR', path: chainPath(ORDER, 'BEHANDLER_FNR_ER_SAMME_SOM_PASIENT_FNR', 'INVALID'), inputs: { behandlerFnr: true },
    },
    { name: 'the behandler is someone else', sm: { behandler: { fnr: OTHER } }, status: 'OK', path: OK_PATH, inputs: { behandlerFnr: true } },
  ],
});
