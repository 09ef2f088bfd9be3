/**
 * Tree 7: backdating. Signed on S, the period starting F = S − n days; every branch, each day and
 * word-count threshold and one step past it, and java.time month arithmetic.
 */
import type { Sykmelding } from '../../../../src/domain/sykmelding/index.ts';
import { addDays, tidligere } from '../builders.ts';
import { describeTree, type TreeCase } from './check.ts';

const S = '2026-11-23';
const period = (fom: string, tom: string) => ({ fom, tom, type: 'AKTIVITET_IKKE_MULIG' as const });
const backdated = (days: number, over: Partial<Sykmelding> = {}, lengthDays = 13): Partial<Sykmelding> => ({
  perioder: [period(addDays(S, -days), addDays(S, -days + lengthDays))],
  ...over,
});
const begrunnelse = (text: string) => ({ tilbakedatering: { begrunnelse: text } });

const BACK = 'TILBAKEDATERING(yes)->SPESIALISTHELSETJENESTEN(no)->ETTERSENDING(no)->TILBAKEDATERT_INNTIL_4_DAGER(no)';
const UP_TO_8 = `${BACK}->TILBAKEDATERT_INNTIL_8_DAGER(yes)`;
const UNDER_MONTH = `${BACK}->TILBAKEDATERT_INNTIL_8_DAGER(no)->TILBAKEDATERT_MINDRE_ENN_1_MAANED(yes)`;
const OVER_MONTH = `${BACK}->TILBAKEDATERT_INNTIL_8_DAGER(no)->TILBAKEDATERT_MINDRE_ENN_1_MAANED(no)`;

/** Backdating by a month: F = 30 July 2024, signed on `signed`, with a justification. */
const F = '2024-07-30';
const month = (signed: string, text: string): Pick<TreeCase, 'sm' | 'ctx' | 'date'> => ({
  date: signed,
  sm: { perioder: [period(F, '2024-09-15')], signaturDato: `${signed}T10:00:00+02:00`, behandletTidspunkt: `${signed}T10:00:00+02:00`, ...begrunnelse(text) },
  ctx: { mottattDato: `${signed}T10:05:00+02:00` },
});

describeTree('TILBAKEDATERING', {
  'not backdated, specialist care, re-sent': [
    { name: 'not backdated (signed on fom)', sm: backdated(0), status: 'OK', path: 'TILBAKEDATERING(no)->OK', inputs: { fom: S, signaturdato: S } },
    {
      name: 'specialist care (ICD-10) is never refused', sm: backdated(40, { hoveddiagnose: { system: '2.16.578.1.12.4.1.1.7110', kode: 'M54.5' } }),
      status: 'OK', path: 'TILBAKEDATERING(yes)->SPESIALISTHELSETJENESTEN(yes)->OK', inputs: { hoveddiagnoseSystem: '2.16.578.1.12.4.1.1.7110' },
    },
    {
      name: 'backdated 8 days, re-sent (ettersending)', sm: backdated(8), ctx: { tidligereSykmeldinger: [tidligere(addDays(S, -8), addDays(S, 5))] },
      status: 'OK', path: 'TILBAKEDATERING(yes)->SPESIALISTHELSETJENESTEN(no)->ETTERSENDING(yes)->OK', inputs: { ettersending: true },
    },
  ],
  'up to 4 days': [
    { name: 'backdated 4 days without justification', sm: backdated(4), status: 'OK', path: 'TILBAKEDATERING(yes)->SPESIALISTHELSETJENESTEN(no)->ETTERSENDING(no)->TILBAKEDATERT_INNTIL_4_DAGER(yes)->OK', inputs: { dagerTilbake: 4 } },
    {
      name: 'backdated 5 days without justification', sm: backdated(5),
      status: 'INVALID', outcome: 'INNTIL_8_DAGER', path: `${UP_TO_8}->BEGRUNNELSE_MIN_1_ORD(no)->FORLENGELSE(no)->INVALID`, inputs: { forlengelse: false },
    },
  ],
  'up to 8 days': [
    { name: 'backdated 8 days with a one-word justification', sm: backdated(8, begrunnelse('Influensa')), status: 'OK', path: `${UP_TO_8}->BEGRUNNELSE_MIN_1_ORD(yes)->OK`, inputs: { ordIBegrunnelse: 1 } },
    {
      name: 'backdated 8 days, justification without letters', sm: backdated(8, begrunnelse('12344….12')),
      status: 'INVALID', outcome: 'INNTIL_8_DAGER', path: `${UP_TO_8}->BEGRUNNELSE_MIN_1_ORD(no)->FORLENGELSE(no)->INVALID`, inputs: { forlengelse: false },
    },
    {
      name: 'backdated 8 days without justification, but an extension', sm: backdated(8), ctx: { tidligereSykmeldinger: [tidligere(addDays(S, -20), addDays(S, -9))] },
      status: 'OK', path: `${UP_TO_8}->BEGRUNNELSE_MIN_1_ORD(no)->FORLENGELSE(yes)->OK`, inputs: { forlengelse: true },
    },
  ],
  'up to a month': [
    {
      name: 'backdated 9 days without justification', sm: backdated(9),
      status: 'INVALID', outcome: 'MINDRE_ENN_1_MAANED', path: `${UNDER_MONTH}->BEGRUNNELSE_MIN_1_ORD(no)->INVALID`, inputs: { ordIBegrunnelse: 0 },
    },
    {
      name: 'backdated 9 days, justified, within the employer period', sm: backdated(9, begrunnelse('Pasienten var innlagt'), 13),
      status: 'OK', path: `${UNDER_MONTH}->BEGRUNNELSE_MIN_1_ORD(yes)->FORLENGELSE(no)->ARBEIDSGIVERPERIODE(yes)->OK`, inputs: { innenforArbeidsgiverperioden: true },
    },
    {
      name: 'backdated 9 days, justified, beyond the employer period', sm: backdated(9, begrunnelse('Pasienten var innlagt'), 20),
      status: 'MANUAL_PROCESSING', outcome: 'MINDRE_ENN_1_MAANED_MED_BEGRUNNELSE', path: `${UNDER_MONTH}->BEGRUNNELSE_MIN_1_ORD(yes)->FORLENGELSE(no)->ARBEIDSGIVERPERIODE(no)->MANUAL_PROCESSING`,
      inputs: { innenforArbeidsgiverperioden: false },
    },
    {
      name: 'backdated 9 days, justified, extension of an earlier one', sm: backdated(9, begrunnelse('Pasienten var innlagt'), 20),
      ctx: { tidligereSykmeldinger: [tidligere(addDays(S, -25), addDays(S, -10))] },
      status: 'OK', path: `${UNDER_MONTH}->BEGRUNNELSE_MIN_1_ORD(yes)->FORLENGELSE(yes)->OK`, inputs: { forlengelse: true },
    },
  ],
  'a month (java.time month arithmetic)': [
    {
      name: 'signed 30 Aug is less than a month: justified goes to manual review', ...month('2024-08-30', 'Pasienten var innlagt'),
      status: 'MANUAL_PROCESSING', outcome: 'MINDRE_ENN_1_MAANED_MED_BEGRUNNELSE', path: `${UNDER_MONTH}->BEGRUNNELSE_MIN_1_ORD(yes)->FORLENGELSE(no)->ARBEIDSGIVERPERIODE(no)->MANUAL_PROCESSING`,
      inputs: { innenforArbeidsgiverperioden: false },
    },
    {
      name: 'signed 31 Aug is over a month: three words go to manual review', ...month('2024-08-31', 'Pasienten var innlagt'),
      status: 'MANUAL_PROCESSING', outcome: 'OVER_1_MND_MED_BEGRUNNELSE', path: `${OVER_MONTH}->BEGRUNNELSE_MIN_3_ORD(yes)->MANUAL_PROCESSING`, inputs: { ordIBegrunnelse: 3 },
    },
    {
      name: 'signed 31 Aug with two words is refused', ...month('2024-08-31', 'Var innlagt'),
      status: 'INVALID', outcome: 'OVER_1_MND', path: `${OVER_MONTH}->BEGRUNNELSE_MIN_3_ORD(no)->INVALID`, inputs: { ordIBegrunnelse: 2 },
    },
    {
      name: 'signed 31 Aug with "Dårlig begrunnels>:(" counts two words and is refused', ...month('2024-08-31', 'Dårlig begrunnels>:('),
      status: 'INVALID', outcome: 'OVER_1_MND', path: `${OVER_MONTH}->BEGRUNNELSE_MIN_3_ORD(no)->INVALID`, inputs: { ordIBegrunnelse: 2 },
    },
  ],
});
