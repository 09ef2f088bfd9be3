/** Norwegian clock time of a date-time, as NAV compares times: across both daylight-saving changes. */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { formatLocalTime, osloLocalTime } from '../../../src/domain/sykmelding/oslo-time.ts';

it('gives the Oslo clock time of an instant, without an offset, in winter, in summer and at both changes of 2026', () => {
  const cases: Array<[string, string]> = [
    ['2026-01-14T22:59:59Z', '2026-01-14T23:59:59'],
    ['2026-07-01T22:00:00Z', '2026-07-02T00:00:00'],
    ['2026-03-29T00:59:00Z', '2026-03-29T01:59:00'],
    ['2026-03-29T01:00:00Z', '2026-03-29T03:00:00'],
    ['2026-10-25T00:59:00Z', '2026-10-25T02:59:00'],
    ['2026-10-25T01:00:00Z', '2026-10-25T02:00:00'],
    ['2026-03-29T12:00:00+02:00', '2026-03-29T12:00:00'],
    ['2026-10-25T12:00:00+01:00', '2026-10-25T12:00:00'],
    ['2026-11-23T10:00:00+05:30', '2026-11-23T05:30:00'],
  ];
  for (const round of [cases, [...cases].reverse()]) {
    for (const [iso, local] of round) assert.equal(formatLocalTime(osloLocalTime(iso)), local, iso);
  }
});

it('takes a date-time without an offset, or a bare date, as Oslo clock time already', () => {
  assert.equal(formatLocalTime(osloLocalTime('2026-03-29T02:30:00')), '2026-03-29T02:30:00');
  assert.equal(formatLocalTime(osloLocalTime('2026-11-23')), '2026-11-23T00:00:00');
});

it('counts 24 clock hours as one calendar day, whatever the real hours', () => {
  const day = 86_400_000;
  assert.equal(osloLocalTime('2026-03-29T12:00:00+02:00') - osloLocalTime('2026-03-28T12:00:00+01:00'), day);
  assert.equal(osloLocalTime('2026-10-25T12:00:00+01:00') - osloLocalTime('2026-10-24T12:00:00+02:00'), day);
});
