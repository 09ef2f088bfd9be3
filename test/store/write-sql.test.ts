import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildVersionWrite, type VersionWrite } from '../../src/store/write-sql.ts';
import { extractIndexRows } from '../../src/fhir/search/extract.ts';

const base = (resource: Record<string, unknown>, mode: VersionWrite['mode']): VersionWrite => ({
  resourceType: String(resource.resourceType), id: String(resource.id), versionId: 2, lastUpdated: '2026-01-01T00:00:00.000Z', deleted: false,
  method: mode === 'insert' ? 'POST' : 'PUT', content: JSON.stringify(resource), index: extractIndexRows(resource as never), mode, expectedVersion: mode === 'update' ? 1 : undefined,
});

const patient = (id: string, family: string) => ({ resourceType: 'Patient', id, name: [{ family }], birthDate: '1980-01-01' });

test('a statement name always stands for one text: the same shape gives the same name and text', () => {
  const a = buildVersionWrite(base(patient('a', 'Hansen'), 'insert'));
  const b = buildVersionWrite(base(patient('b', 'Olsen'), 'insert'));
  assert.equal(a.name, b.name);
  assert.equal(a.text, b.text);
  assert.notDeepEqual(a.values, b.values);
});

test('different shapes (index tables written, insert or update, deletion) get different names and texts', () => {
  const writes = [
    buildVersionWrite(base(patient('a', 'Hansen'), 'insert')),
    buildVersionWrite(base({ resourceType: 'Patient', id: 'c', gender: 'female' }, 'insert')),
    buildVersionWrite(base(patient('a', 'Hansen'), 'update')),
    buildVersionWrite({ ...base(patient('a', 'Hansen'), 'update'), deleted: true, content: null, index: undefined }),
  ];
  assert.equal(new Set(writes.map((w) => w.name)).size, writes.length);
  assert.equal(new Set(writes.map((w) => w.text)).size, writes.length);
});
