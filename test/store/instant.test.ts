import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toInstant } from '../../src/store/instant.ts';

const viaDate = (pgText: string) => new Date(pgText.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00')).toISOString();

test('turns PostgreSQL UTC text into an ISO instant with milliseconds', () => {
  assert.equal(toInstant('2026-11-30 16:24:41.123+00'), '2026-11-30T16:24:41.123Z');
  assert.equal(toInstant('2026-11-30 16:24:41.5+00'), '2026-11-30T16:24:41.500Z');
  assert.equal(toInstant('2026-11-30 16:24:41.05+00'), '2026-11-30T16:24:41.050Z');
  assert.equal(toInstant('2026-11-30 16:24:41+00'), '2026-11-30T16:24:41.000Z');
});

test('gives what Date gives, for UTC text and for other offsets and precisions', () => {
  for (const text of [
    '2024-02-29 23:59:59.999+00', '2000-01-01 00:00:00+00', '2026-11-30 16:24:41.1+00',
    '2026-11-30 17:24:41.123+01', '2026-06-30 01:00:00.5-02', '2026-11-30 16:24:41.123456+00',
  ]) {
    assert.equal(toInstant(text), viaDate(text), text);
  }
  assert.equal(toInstant('2026-11-30T16:24:41.123Z'), '2026-11-30T16:24:41.123Z');
});
