/** Tree 6: dated too far ahead, started more than three years before today, or longer than a year. */
import { addDays } from '../builders.ts';
import { chainPath, describeTree } from './check.ts';

const D = '2026-11-23';
const ORDER = ['FREMDATERT', 'TILBAKEDATERT_MER_ENN_3_AR', 'TOTAL_VARIGHET_OVER_ETT_AAR'];
const period = (fom: string, tom: string) => ({ fom, tom, type: 'AKTIVITET_IKKE_MULIG' as const });

describeTree('DATO', {
  FREMDATERT: [
    { name: 'starts 30 days after signing', sm: { perioder: [period(addDays(D, 30), addDays(D, 35))] }, status: 'OK', path: chainPath(ORDER, undefined, 'OK'), inputs: { varighetDager: 5 } },
    {
      name: 'starts 31 days after signing', sm: { perioder: [period(addDays(D, 31), addDays(D, 35))] },
      status: 'INVALID', outcome: 'FREMDATERT', path: chainPath(ORDER, 'FREMDATERT', 'INVALID'), inputs: { dagerFramITid: 31 },
    },
  ],
  TILBAKEDATERT_MER_ENN_3_AR: [
    {
      name: 'starts exactly three years before today', ctx: { evaluationDate: '2029-11-23' }, sm: { perioder: [period(D, addDays(D, 5))] },
      status: 'OK', path: chainPath(ORDER, undefined, 'OK'), inputs: { varighetDager: 5 },
    },
    {
      name: 'starts three years and a day before today', ctx: { evaluationDate: '2029-11-24' }, sm: { perioder: [period(D, addDays(D, 5))] },
      status: 'INVALID', outcome: 'TILBAKEDATERT_MER_ENN_3_AR', path: chainPath(ORDER, 'TILBAKEDATERT_MER_ENN_3_AR', 'INVALID'), inputs: { fom: D, evalueringsdato: '2029-11-24' },
    },
  ],
  TOTAL_VARIGHET_OVER_ETT_AAR: [
    { name: 'lasts 365 days (tom − fom)', sm: { perioder: [period(D, addDays(D, 365))] }, status: 'OK', path: chainPath(ORDER, undefined, 'OK'), inputs: { varighetDager: 365 } },
    {
      name: 'lasts 366 days (tom − fom)', sm: { perioder: [period(D, addDays(D, 366))] },
      status: 'INVALID', outcome: 'TOTAL_VARIGHET_OVER_ETT_AAR', path: chainPath(ORDER, 'TOTAL_VARIGHET_OVER_ETT_AAR', 'INVALID'), inputs: { varighetDager: 366 },
    },
  ],
});
