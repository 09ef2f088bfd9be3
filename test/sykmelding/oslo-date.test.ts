import { test } from 'node:test';
import assert from 'node:assert/strict';
import { osloDate } from '../../src/sykmelding/context-builder.ts';

test('the Norwegian calendar day of an instant, across midnight in winter and summer time, in any order', () => {
  const cases: Array<[string, string]> = [
    ['2026-01-14T22:59:59.999Z', '2026-01-14'],
    ['2026-01-14T23:00:00.000Z', '2026-01-15'],
    ['2026-07-01T21:59:59.999Z', '2026-07-01'],
    ['2026-07-01T22:00:00.000Z', '2026-07-02'],
    ['2026-01-14T22:59:00.000Z', '2026-01-14'],
    ['2024-02-28T23:30:00.000Z', '2024-02-29'],
  ];
  for (const round of [cases, [...cases].reverse(), cases]) {
    for (const [instant, day] of round) assert.equal(osloDate(new Date(instant)), day, instant);
  }
});
