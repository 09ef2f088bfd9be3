/** The helper facts (reference §3) and the date arithmetic (§2), on the reference's own examples. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dayOfWeek, fromDay, plusMonths, plusYears, toDay, workingDaysBetween } from '../../../src/domain/rules/dates.ts';
import { countWords, isInnenforArbeidsgiverperiode, isForlengelse, relevantForSyketilfelle, sickDays, syketilfelleStart } from '../../../src/domain/sykmelding/syketilfelle.ts';
import { sykmelding, tidligere } from './builders.ts';

const period = (fom: string, tom: string) => ({ fom, tom, type: 'AKTIVITET_IKKE_MULIG' as const });

describe('date arithmetic', () => {
  it('clamps month and year additions like java.time', () => {
    assert.equal(fromDay(plusMonths('2024-01-31', 1)), '2024-02-29');
    assert.equal(fromDay(plusMonths('2023-01-31', 1)), '2023-02-28');
    assert.equal(fromDay(plusMonths('2024-07-30', 1)), '2024-08-30');
    assert.equal(fromDay(plusYears('2012-02-29', 13)), '2025-02-28');
    assert.equal(fromDay(plusYears('2024-02-29', -4)), '2020-02-29');
    assert.equal(fromDay(plusMonths('2024-12-15', 1)), '2025-01-15');
  });

  it('round-trips day numbers over leap days and centuries', () => {
    for (const d of ['1900-02-28', '1900-03-01', '2000-02-29', '2024-02-29', '2026-12-31', '1970-01-01']) assert.equal(fromDay(toDay(d)), d);
    assert.equal(toDay('2024-03-01') - toDay('2024-02-28'), 2);
    assert.equal(dayOfWeek(toDay('2026-11-23')), 1);
  });

  it('treats next day, Fri→Mon, Sat→Mon and Fri→Sun as contiguous', () => {
    const d = (s: string) => toDay(s);
    assert.equal(workingDaysBetween(d('2026-11-24'), d('2026-11-23')), false); // Tue after Mon
    assert.equal(workingDaysBetween(d('2026-11-30'), d('2026-11-27')), false); // Mon after Fri
    assert.equal(workingDaysBetween(d('2026-11-30'), d('2026-11-28')), false); // Mon after Sat
    assert.equal(workingDaysBetween(d('2026-11-29'), d('2026-11-27')), false); // Sun after Fri
    assert.equal(workingDaysBetween(d('2026-11-30'), d('2026-11-26')), true); // Mon after Thu
    assert.equal(workingDaysBetween(d('2026-11-25'), d('2026-11-23')), true); // Wed after Mon
    assert.equal(workingDaysBetween(d('2026-11-23'), d('2026-11-25')), true); // overlap
  });
});

describe('syketilfelle start date', () => {
  const start = (fom: string, earlier: ReturnType<typeof tidligere>[]) => {
    const f = toDay(fom);
    return fromDay(syketilfelleStart(f, sickDays(relevantForSyketilfelle(f, earlier))));
  };
  it('continues the case across a gap of 15 days (tom 5 Jan, fom 21 Jan)', () => {
    assert.equal(start('2026-01-21', [tidligere('2025-12-20', '2026-01-05')]), '2025-12-20');
  });
  it('starts a new case after a gap of 16 days (tom 5 Jan, fom 22 Jan)', () => {
    assert.equal(start('2026-01-22', [tidligere('2025-12-20', '2026-01-05')]), '2026-01-22');
  });
  it('ignores invalid, cancelled and refused-backdating sykmeldinger, and avventende days', () => {
    const e = (over: object) => tidligere('2025-12-20', '2026-01-10', over);
    assert.equal(start('2026-01-11', [e({ status: 'INVALID' })]), '2026-01-11');
    assert.equal(start('2026-01-11', [e({ brukerhandling: 'AVBRUTT' })]), '2026-01-11');
    assert.equal(start('2026-01-11', [e({ merknader: ['UGYLDIG_TILBAKEDATERING'] })]), '2026-01-11');
    assert.equal(start('2026-01-11', [e({ perioder: [{ fom: '2025-12-20', tom: '2026-01-10', type: 'AVVENTENDE' }] })]), '2026-01-11');
  });
  it('ignores sykmeldinger that ended 40 weeks or more before', () => {
    assert.equal(start('2026-11-01', [tidligere('2026-01-01', '2026-01-25')]), '2026-11-01');
  });
});

describe('employer period (arbeidsgiverperiode)', () => {
  const agp = (newFom: string, newTom: string, earlier: ReturnType<typeof tidligere>[]) => {
    const s = sykmelding({ perioder: [period(newFom, newTom)] });
    const f = toDay(newFom);
    const days = sickDays(relevantForSyketilfelle(f, earlier));
    return isInnenforArbeidsgiverperiode(s, days, syketilfelleStart(f, days));
  };
  it('Mon–Fri after Mon–Fri of the week before counts 12 days (within 16)', () => {
    assert.equal(agp('2026-11-23', '2026-11-27', [tidligere('2026-11-16', '2026-11-20')]), true);
  });
  it('Tue–Fri after Mon–Fri counts 9 days (a working day between breaks the fill-in)', () => {
    assert.equal(agp('2026-11-24', '2026-11-27', [tidligere('2026-11-16', '2026-11-20')]), true);
  });
  it('is over when the days add up to 17', () => {
    // 12 days + the week before that (Mon–Fri, with the weekend filled in) = 19
    assert.equal(agp('2026-11-23', '2026-11-27', [tidligere('2026-11-09', '2026-11-13'), tidligere('2026-11-16', '2026-11-20')]), false);
  });
  it('is over at once when the new sykmelding alone covers 17 days', () => {
    assert.equal(agp('2026-11-23', '2026-12-09', []), false);
    assert.equal(agp('2026-11-23', '2026-12-08', []), true);
  });
});

describe('extension (forlengelse)', () => {
  it('continues an earlier single period over a weekend, or overlapping it', () => {
    assert.equal(isForlengelse(sykmelding({ perioder: [period('2026-11-23', '2026-11-30')] }), [tidligere('2026-11-09', '2026-11-20')]), true);
    assert.equal(isForlengelse(sykmelding({ perioder: [period('2026-11-18', '2026-11-30')] }), [tidligere('2026-11-09', '2026-11-20')]), true);
    assert.equal(isForlengelse(sykmelding({ perioder: [period('2026-11-24', '2026-11-30')] }), [tidligere('2026-11-09', '2026-11-20')]), false);
  });
  it('needs the same main diagnosis', () => {
    assert.equal(isForlengelse(sykmelding({ perioder: [period('2026-11-23', '2026-11-30')] }), [tidligere('2026-11-09', '2026-11-20', { hoveddiagnoseKode: 'R74' })]), false);
  });
});

describe('word count of the justification', () => {
  it('splits on single spaces and counts pieces with an ASCII letter', () => {
    assert.equal(countWords('12344….12'), 0);
    assert.equal(countWords('Dårlig begrunnels>:('), 2);
    assert.equal(countWords('æøå'), 0);
    assert.equal(countWords('  Pasienten  var syk '), 3);
    assert.equal(countWords('en\nto'), 1);
    assert.equal(countWords(undefined), 0);
  });
});
