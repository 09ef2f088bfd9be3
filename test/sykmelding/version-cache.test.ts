import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deepFreeze, VersionCache } from '../../src/sykmelding/version-cache.ts';
import type { StoredResource } from '../../src/store/repository.ts';

const stored = (id: string, versionId = 1, content = '{}', lastUpdated = '2026-11-30T10:00:00.000Z'): StoredResource =>
  ({ resourceType: 'QuestionnaireResponse', id, versionId, lastUpdated, content, deleted: false });

test('derives a stored version once and keeps it', () => {
  const cache = new VersionCache<string>(10);
  let calls = 0;
  const derive = (s: StoredResource) => { calls++; return `${s.id}:${s.content}`; };
  assert.equal(cache.get(stored('a'), derive), 'a:{}');
  assert.equal(cache.get(stored('a'), derive), 'a:{}');
  assert.equal(calls, 1);
});

test('another version, time or text of the same resource is another entry', () => {
  const cache = new VersionCache<string>(10);
  const derive = (s: StoredResource) => `${s.versionId}:${s.lastUpdated}:${s.content}`;
  cache.get(stored('a'), derive);
  assert.equal(cache.get(stored('a', 2), derive), '2:2026-11-30T10:00:00.000Z:{}');
  assert.equal(cache.get(stored('a', 1, '{"x":1}'), derive), '1:2026-11-30T10:00:00.000Z:{"x":1}');
  assert.equal(cache.get(stored('a', 1, '{}', '2026-11-30T10:00:00.001Z'), derive), '1:2026-11-30T10:00:00.001Z:{}');
  assert.equal(cache.size, 4);
});

test('a cached null is a hit, not a miss', () => {
  const cache = new VersionCache<null>(10);
  let calls = 0;
  cache.get(stored('a'), () => { calls++; return null; });
  assert.equal(cache.get(stored('a'), () => { calls++; return null; }), null);
  assert.equal(calls, 1);
});

test('evicts the least recently used entry when full', () => {
  const cache = new VersionCache<string>(2);
  const misses: string[] = [];
  const derive = (s: StoredResource) => { misses.push(s.id); return s.id; };
  cache.get(stored('a'), derive);
  cache.get(stored('b'), derive);
  cache.get(stored('a'), derive); // a is now the most recent
  cache.get(stored('c'), derive); // evicts b
  cache.get(stored('a'), derive);
  cache.get(stored('b'), derive);
  assert.deepEqual(misses, ['a', 'b', 'c', 'b']);
  assert.equal(cache.size, 2);
});

test('deepFreeze freezes nested objects and arrays', () => {
  const value = deepFreeze({ perioder: [{ fom: '2026-01-01' }] });
  assert.ok(Object.isFrozen(value.perioder) && Object.isFrozen(value.perioder[0]));
  assert.throws(() => { (value.perioder as Array<{ fom: string }>).push({ fom: 'x' }); }, TypeError);
});
