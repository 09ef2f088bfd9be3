/**
 * The maksdato. Expected dates are worked out by hand in the comments: a case from Monday
 * 5 January 2026 has its arbeidsgiverperiode 5–20 January; sykepengedager start Wednesday 21
 * January; 248 = 3 (Wed–Fri) + 49 whole weeks, so the 248th day is Friday 1 January 2027.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { computeMaksdato, syketilfeller } from '../../../src/domain/aap/maksdato.ts';
import { fromDay, toDay } from '../../../src/domain/rules/dates.ts';
import type { TidligereSykmelding } from '../../../src/domain/sykmelding/model.ts';
import { continuous, person, sm } from './builders.ts';

const KARI = person('1980-03-15');

describe('maksdato', () => {
  it('is the 248th sykepengedag of a continuous 52-week case', () => {
    const m = computeMaksdato(continuous('2026-01-05', 52), KARI, '2026-06-01')!;
    assert.equal(m.startdato, '2026-01-05');
    assert.equal(m.sisteSykedag, '2027-01-03');
    assert.equal(m.arbeidsgiverperiodeTom, '2026-01-20');
    assert.equal(m.maksdato, '2027-01-01');
    assert.equal(m.begrensning, 'ORDINAER_248');
    // 21 Jan – 29 May: 3 + 18 weeks × 5 = 93, plus Monday 1 June = 94.
    assert.equal(m.brukteDager, 94);
    assert.equal(m.brukteDager + m.gjenstaendeDager, 248);
  });

  it('projects the same maksdato from a shorter sick leave, as if it went on', () => {
    assert.equal(computeMaksdato(continuous('2026-01-05', 8), KARI, '2026-02-01')!.maksdato, '2027-01-01');
  });

  it('does not count the 16 calendar days of the arbeidsgiverperiode, weekends included', () => {
    // 5–20 January is 16 days: no sykepengedag yet; 21 January (Wednesday) is the first.
    assert.equal(computeMaksdato([sm('2026-01-05', '2026-01-20')], KARI, '2026-01-20')!.brukteDager, 0);
    assert.equal(computeMaksdato([sm('2026-01-05', '2026-01-21')], KARI, '2026-01-21')!.brukteDager, 1);
    // Starting on a Saturday: 3–18 January, so Monday 19 January is the first sykepengedag.
    const saturday = computeMaksdato([sm('2026-01-03', '2026-01-31')], KARI, '2026-01-19')!;
    assert.equal(saturday.arbeidsgiverperiodeTom, '2026-01-18');
    assert.equal(saturday.brukteDager, 1);
  });

  it('counts weekdays only: Friday, Saturday and Sunday give the same count, Monday one more', () => {
    const sick = continuous('2026-01-05', 12);
    const count = (date: string) => computeMaksdato(sick, KARI, date)!.brukteDager;
    assert.equal(count('2026-01-23'), 3);
    assert.equal(count('2026-01-24'), 3);
    assert.equal(count('2026-01-25'), 3);
    assert.equal(count('2026-01-26'), 4);
    // A weekend-only sykmelding after the employer period adds no day.
    const weekend = [sm('2026-01-05', '2026-01-23'), sm('2026-01-24', '2026-01-25')];
    assert.equal(computeMaksdato(weekend, KARI, '2026-01-25')!.brukteDager, 3);
  });

  it('counts a graded day as a whole day', () => {
    const graded = [sm('2026-01-05', '2026-01-31'), sm('2026-02-01', '2026-12-31', { type: 'GRADERT', grad: 50 })];
    assert.equal(computeMaksdato(graded, KARI, '2026-06-01')!.maksdato, '2027-01-01');
    assert.equal(computeMaksdato(graded, KARI, '2026-06-01')!.brukteDager, 94);
  });

  it('continues the case over a 15-day gap and starts a new one after 16', () => {
    // Case 1: 5–30 January; sykepengedager 21–30 January = 8.
    const first = sm('2026-01-05', '2026-01-30');
    // 15 days without sick leave (31 Jan – 14 Feb), back on Sunday 15 February: the same case, no new
    // employer period; 240 more days from Monday 16 February = 48 weeks, ending Friday 15 January 2027.
    const continues = computeMaksdato([first, sm('2026-02-15', '2026-12-31')], KARI, '2026-03-01')!;
    assert.equal(continues.startdato, '2026-01-05');
    assert.equal(continues.maksdato, '2027-01-15');
    // 16 days (31 Jan – 15 Feb), back on Monday 16 February: a new case with a new employer period
    // 16 Feb – 3 Mar; case 1's 8 days still count; 240 from Wednesday 4 March = 3 + 47 weeks + Mon, Tue:
    // Tuesday 2 February 2027.
    const fresh = computeMaksdato([first, sm('2026-02-16', '2026-12-31')], KARI, '2026-03-01')!;
    assert.equal(fresh.startdato, '2026-02-16');
    assert.equal(fresh.arbeidsgiverperiodeTom, '2026-03-03');
    assert.equal(fresh.maksdato, '2027-02-02');
    assert.deepEqual(syketilfeller([first, sm('2026-02-16', '2026-03-01')].flatMap((s) => days(s)).sort((a, b) => b - a)).map(([a, b]) => `${fromDay(a)}..${fromDay(b)}`),
      ['2026-01-05..2026-01-30', '2026-02-16..2026-03-01']);
  });

  it('forgets an earlier case after 26 weeks without sick leave, not after 25', () => {
    const earlier = sm('2025-01-06', '2025-03-02'); // 16 + 30 sykepengedager (20 Jan – 28 Feb 2025)
    const later = (gapDays: number) => { const fom = fromDay(toDay('2025-03-02') + gapDays + 1); return [earlier, sm(fom, fromDay(toDay(fom) + 400))]; };
    const alone = computeMaksdato([later(182)[1]], KARI, '2026-01-01')!.maksdato;
    assert.equal(computeMaksdato(later(182), KARI, '2026-01-01')!.maksdato, alone);
    assert.ok(computeMaksdato(later(181), KARI, '2026-01-01')!.maksdato < alone);
  });

  it('ignores rejected, cancelled and AVVENTENDE sykmeldinger', () => {
    const sick = continuous('2026-01-05', 52);
    const noise = [
      sm('2025-12-01', '2026-01-04', {}, { status: 'INVALID' }),
      sm('2025-12-01', '2026-01-04', {}, { brukerhandling: 'AVBRUTT' }),
      sm('2025-12-01', '2026-01-04', { type: 'AVVENTENDE' }),
    ];
    assert.equal(computeMaksdato([...noise, ...sick], KARI, '2026-06-01')!.startdato, '2026-01-05');
    assert.equal(computeMaksdato([...noise, ...sick], KARI, '2026-06-01')!.maksdato, '2027-01-01');
    assert.equal(computeMaksdato(noise, KARI, '2026-06-01'), undefined);
  });

  it('gives at most 60 days after the 67th birthday', () => {
    // 67 on Wednesday 10 June 2026; days from Thursday 11 June count: 60 = 12 weeks, to Wednesday 2 September.
    const m = computeMaksdato(continuous('2026-01-05', 52), person('1959-06-10'), '2026-06-01')!;
    assert.equal(m.maksdato, '2026-09-02');
    assert.equal(m.begrensning, 'ALDER_67_60_DAGER');
  });

  it('never goes past the 70th birthday', () => {
    // 70 on Wednesday 18 March 2026; only 40 of the 60 days are used by then (21 Jan – 17 Mar).
    const m = computeMaksdato(continuous('2026-01-05', 52), person('1956-03-18'), '2026-02-01')!;
    assert.equal(m.maksdato, '2026-03-17');
    assert.equal(m.begrensning, 'ALDER_70');
    assert.equal(m.brukteDager + m.gjenstaendeDager, 40);
  });
});

function days(s: TidligereSykmelding): number[] {
  const out: number[] = [];
  for (const p of s.perioder) for (let d = toDay(p.fom); d <= toDay(p.tom); d++) out.push(d);
  return out;
}
