/**
 * Tree 2: the periods, in NAV's order; the first rule that answers yes decides. The consultation
 * time is compared with the time of receipt as Norwegian clock times, also across daylight saving.
 */
import { addDays } from '../builders.ts';
import { chainPath, describeTree, type TreeCase } from './check.ts';

const D = '2026-11-23'; // a Monday
const ORDER = [
  'PERIODER_MANGLER', 'FRADATO_ETTER_TILDATO', 'OVERLAPPENDE_PERIODER', 'OPPHOLD_MELLOM_PERIODER', 'IKKE_DEFINERT_PERIODE',
  'BEHANDLINGSDATO_ETTER_MOTTATTDATO', 'AVVENTENDE_SYKMELDING_KOMBINERT', 'MANGLENDE_INNSPILL_TIL_ARBEIDSGIVER',
  'AVVENTENDE_SYKMELDING_OVER_16_DAGER', 'FOR_MANGE_BEHANDLINGSDAGER_PER_UKE', 'GRADERT_SYKMELDING_OVER_99_PROSENT',
  'GRADERT_SYKMELDING_0_PROSENT', 'SYKMELDING_MED_BEHANDLINGSDAGER',
];
const period = (fom: string, tom: string, extra: object = {}) => ({ fom, tom, type: 'AKTIVITET_IKKE_MULIG' as const, ...extra });
const avventende = (days: number, innspill = 'Tilpasset arbeid') => ({ fom: D, tom: addDays(D, days), type: 'AVVENTENDE' as const, innspillTilArbeidsgiver: innspill });
const behandlingsdager = (days: number, count: number) => ({ fom: D, tom: addDays(D, days), type: 'BEHANDLINGSDAGER' as const, behandlingsdager: count });

/** Every rule answered no. */
const passes = (name: string, sm: TreeCase['sm'], periodetyper: string[] = ['AKTIVITET_IKKE_MULIG'], extra: Partial<TreeCase> = {}): TreeCase => ({
  name, sm, status: 'OK', path: chainPath(ORDER, undefined, 'OK'), inputs: { periodetyper }, ...extra,
});
const refused = (name: string, rule: string, sm: TreeCase['sm'], inputs: Record<string, unknown>, extra: Partial<TreeCase> = {}): TreeCase => ({
  name, sm, status: 'INVALID', outcome: rule, path: chainPath(ORDER, rule, 'INVALID'), inputs, ...extra,
});

/** Received at `mottatt`, seen at `behandlet` (ISO with offset). */
const seen = (behandlet: string, mottatt: string, date: string): Partial<TreeCase> => ({ date, sm: { behandletTidspunkt: behandlet }, ctx: { mottattDato: mottatt } });
const times = (behandlet: string, mottatt: string) => ({ behandletTidspunkt: behandlet, mottattDato: mottatt });

describeTree('PERIODER', {
  PERIODER_MANGLER: [
    refused('no periods', 'PERIODER_MANGLER', { perioder: [] }, { antallPerioder: 0 }),
    passes('one period', { perioder: [period(D, addDays(D, 3))] }),
  ],
  FRADATO_ETTER_TILDATO: [
    passes('fom equal to tom', { perioder: [period(D, D)] }),
    refused('fom one day after tom', 'FRADATO_ETTER_TILDATO', { perioder: [period(addDays(D, 1), D)] }, { perioder: [{ fom: addDays(D, 1), tom: D }] }),
  ],
  OVERLAPPENDE_PERIODER: [
    passes('next period starts the day after', { perioder: [period(D, addDays(D, 4)), period(addDays(D, 5), addDays(D, 9))] }, ['AKTIVITET_IKKE_MULIG', 'AKTIVITET_IKKE_MULIG']),
    refused('next period starts on the last day', 'OVERLAPPENDE_PERIODER', { perioder: [period(D, addDays(D, 4)), period(addDays(D, 4), addDays(D, 9))] }, {
      perioder: [{ fom: D, tom: addDays(D, 4) }, { fom: addDays(D, 4), tom: addDays(D, 9) }],
    }),
    passes('two identical periods are not seen as overlapping', { perioder: [period(D, addDays(D, 4)), period(D, addDays(D, 4))] }, ['AKTIVITET_IKKE_MULIG', 'AKTIVITET_IKKE_MULIG']),
  ],
  OPPHOLD_MELLOM_PERIODER: [
    passes('a weekend gap (Fri → Mon)', { perioder: [period(D, addDays(D, 4)), period(addDays(D, 7), addDays(D, 9))] }, ['AKTIVITET_IKKE_MULIG', 'AKTIVITET_IKKE_MULIG']),
    refused('a Friday gap (Thu → Mon)', 'OPPHOLD_MELLOM_PERIODER', { perioder: [period(D, addDays(D, 3)), period(addDays(D, 7), addDays(D, 9))] }, {
      perioder: [{ fom: D, tom: addDays(D, 3) }, { fom: addDays(D, 7), tom: addDays(D, 9) }],
    }),
  ],
  IKKE_DEFINERT_PERIODE: [
    refused('a period without type', 'IKKE_DEFINERT_PERIODE', { perioder: [{ fom: D, tom: addDays(D, 3), type: 'UGYLDIG' }] }, { periodetyper: ['UGYLDIG'] }),
  ],
  BEHANDLINGSDATO_ETTER_MOTTATTDATO: [
    passes('seen exactly one day after receipt', { behandletTidspunkt: '2026-11-24T10:05:00+01:00' }),
    refused('seen one day and a minute after receipt', 'BEHANDLINGSDATO_ETTER_MOTTATTDATO', { behandletTidspunkt: '2026-11-24T10:06:00+01:00' }, times('2026-11-24T10:06:00', '2026-11-23T10:05:00')),
    // Summer time starts on Sunday 29 March 2026: 24 clock hours are 23 real hours.
    passes('spring: seen 24 clock hours (23 real hours) after receipt', undefined, undefined, seen('2026-03-29T12:00:00+02:00', '2026-03-28T12:00:00+01:00', '2026-03-28')),
    refused('spring: seen 24 clock hours and a minute after receipt', 'BEHANDLINGSDATO_ETTER_MOTTATTDATO', undefined, times('2026-03-29T12:01:00', '2026-03-28T12:00:00'),
      seen('2026-03-29T12:01:00+02:00', '2026-03-28T12:00:00+01:00', '2026-03-28')),
    // Summer time ends on Sunday 25 October 2026: 24 clock hours are 25 real hours.
    passes('autumn: seen 24 clock hours (25 real hours) after receipt', undefined, undefined, seen('2026-10-25T11:00:00Z', '2026-10-24T10:00:00Z', '2026-10-24')),
    refused('autumn: seen 24 clock hours and a minute after receipt', 'BEHANDLINGSDATO_ETTER_MOTTATTDATO', undefined, times('2026-10-25T12:01:00', '2026-10-24T12:00:00'),
      seen('2026-10-25T12:01:00+01:00', '2026-10-24T12:00:00+02:00', '2026-10-24')),
  ],
  AVVENTENDE_SYKMELDING_KOMBINERT: [
    refused('avventende with another period', 'AVVENTENDE_SYKMELDING_KOMBINERT', { perioder: [avventende(3, 'Kortere dager'), period(addDays(D, 4), addDays(D, 6))] }, {
      periodetyper: ['AVVENTENDE', 'AKTIVITET_IKKE_MULIG'],
    }),
  ],
  MANGLENDE_INNSPILL_TIL_ARBEIDSGIVER: [
    refused('avventende without input', 'MANGLENDE_INNSPILL_TIL_ARBEIDSGIVER', { perioder: [avventende(3, '  ')] }, { innspillTilArbeidsgiver: ['  '] }),
  ],
  AVVENTENDE_SYKMELDING_OVER_16_DAGER: [
    passes('avventende for 17 days (tom − fom = 16)', { perioder: [avventende(16)] }, ['AVVENTENDE']),
    refused('avventende for 18 days (tom − fom = 17)', 'AVVENTENDE_SYKMELDING_OVER_16_DAGER', { perioder: [avventende(17)] }, { avventendeDager: [17] }),
  ],
  FOR_MANGE_BEHANDLINGSDAGER_PER_UKE: [
    refused('two treatment days in one week', 'FOR_MANGE_BEHANDLINGSDAGER_PER_UKE', { perioder: [behandlingsdager(6, 2)] }, { behandlingsdager: [{ antall: 2, tillatt: 1 }] }),
  ],
  GRADERT_SYKMELDING_OVER_99_PROSENT: [
    passes('graded 99 %', { perioder: [period(D, addDays(D, 6), { type: 'GRADERT', grad: 99 })] }, ['GRADERT']),
    refused('graded 100 %', 'GRADERT_SYKMELDING_OVER_99_PROSENT', { perioder: [period(D, addDays(D, 6), { type: 'GRADERT', grad: 100 })] }, { grader: [100] }),
  ],
  GRADERT_SYKMELDING_0_PROSENT: [
    passes('graded 1 %', { perioder: [period(D, addDays(D, 6), { type: 'GRADERT', grad: 1 })] }, ['GRADERT']),
    refused('graded 0 %', 'GRADERT_SYKMELDING_0_PROSENT', { perioder: [period(D, addDays(D, 6), { type: 'GRADERT', grad: 0 })] }, { grader: [0] }),
  ],
  SYKMELDING_MED_BEHANDLINGSDAGER: [
    {
      name: 'one treatment day in one week', sm: { perioder: [behandlingsdager(6, 1)] },
      status: 'MANUAL_PROCESSING', outcome: 'SYKMELDING_MED_BEHANDLINGSDAGER', path: chainPath(ORDER, 'SYKMELDING_MED_BEHANDLINGSDAGER', 'MANUAL_PROCESSING'), inputs: { periodetyper: ['BEHANDLINGSDAGER'] },
    },
    {
      name: 'two treatment days over eight days', sm: { perioder: [behandlingsdager(7, 2)] },
      status: 'MANUAL_PROCESSING', outcome: 'SYKMELDING_MED_BEHANDLINGSDAGER', path: chainPath(ORDER, 'SYKMELDING_MED_BEHANDLINGSDAGER', 'MANUAL_PROCESSING'), inputs: { periodetyper: ['BEHANDLINGSDAGER'] },
    },
  ],
});
