/** Tree 5: the patient must be 13 by the last day of sick leave (java.time year arithmetic). */
import { addDays } from '../builders.ts';
import { describeTree } from './check.ts';

const D = '2026-11-23';
const period = (fom: string, tom: string) => ({ fom, tom, type: 'AKTIVITET_IKKE_MULIG' as const });
const YES = 'PASIENT_YNGRE_ENN_13(yes)->INVALID';
const NO = 'PASIENT_YNGRE_ENN_13(no)->OK';

describeTree('PASIENT_UNDER_13', {
  PASIENT_YNGRE_ENN_13: [
    {
      name: 'turns 13 on the last day', ctx: { pasient: { fodselsdato: '2013-12-06' } }, sm: { perioder: [period(D, '2026-12-06')] },
      status: 'OK', path: NO, inputs: { fodselsdato: '2013-12-06', tom: '2026-12-06' },
    },
    {
      name: 'turns 13 the day after the last day', ctx: { pasient: { fodselsdato: '2013-12-07' } }, sm: { perioder: [period(D, '2026-12-06')] },
      status: 'INVALID', outcome: 'PASIENT_YNGRE_ENN_13', path: YES, inputs: { fodselsdato: '2013-12-07', tom: '2026-12-06' },
    },
    {
      name: 'born 29 Feb: 13 on 28 Feb', date: '2025-02-20', ctx: { pasient: { fodselsdato: '2012-02-29' } }, sm: { perioder: [period('2025-02-20', '2025-02-28')] },
      status: 'OK', path: NO, inputs: { fodselsdato: '2012-02-29', tom: '2025-02-28' },
    },
    {
      name: 'born 29 Feb: still 12 on 27 Feb', date: '2025-02-20', ctx: { pasient: { fodselsdato: '2012-02-29' } }, sm: { perioder: [period('2025-02-20', '2025-02-27')] },
      status: 'INVALID', outcome: 'PASIENT_YNGRE_ENN_13', path: YES, inputs: { fodselsdato: '2012-02-29', tom: '2025-02-27' },
    },
    {
      name: 'an adult', sm: { perioder: [period(D, addDays(D, 13))] },
      status: 'OK', path: NO, inputs: { fodselsdato: '1985-04-12', tom: addDays(D, 13) },
    },
  ],
});
