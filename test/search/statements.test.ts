/** Which search statements are named (prepared once per connection) and the bound on their number. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseSearch } from '../../src/fhir/search/parse.ts';
import { countSql, pageSql } from '../../src/store/search/compile.ts';

const search = (type: string, query: string) => parseSearch(type, new URLSearchParams(query));

describe('search statements', () => {
  it('names a search pinned to one patient, by its shape: other values, same name and text', () => {
    const a = pageSql(search('Observation', 'subject=Patient/a&code=http://loinc.org|8867-4'));
    const b = pageSql(search('Observation', 'subject=Patient/b&code=http://loinc.org|8310-5&_count=5'));
    assert.ok(a.name?.startsWith('search-'));
    assert.equal(b.name, a.name);
    assert.equal(b.text, a.text);
    assert.notDeepEqual(b.values, a.values);
    assert.notEqual(pageSql(search('Observation', 'subject=Patient/a&code=x&status=final')).name, a.name);
    assert.ok(countSql(search('Observation', 'subject=Patient/a&code=x')).name);
    const chained = pageSql(search('Observation', 'subject:Patient.identifier=urn:oid:2.16.578.1.12.4.1.4.1|12345678901'));
    assert.ok(chained.name);
    assert.equal(pageSql(search('Observation', 'subject:Patient.identifier=urn:oid:2.16.578.1.12.4.1.4.1|10987654321')).name, chained.name);
  });

  it('plans every other search for its values (no name)', () => {
    // An identifier without its system, or a system without a value, may match many patients.
    const unpinned = ['code=8867-4', 'date=ge2024-01-01&date=lt2024-02-01', 'subject=Patient/a&_lastUpdated=gt2024-01-01', 'subject=Patient/a&_sort=_lastUpdated', 'subject=Practitioner/x', 'subject=a',
      'subject:Patient.identifier=12345678901', 'subject:Patient.identifier=urn:oid:2.16.578.1.12.4.1.4.1|', 'subject:Patient.name=berg'];
    for (const q of unpinned) {
      assert.equal(pageSql(search('Observation', q)).name, undefined, q);
      assert.equal(countSql(search('Observation', q)).name, undefined, q);
    }
  });

  it('keeps at most 200 shapes named; further shapes run unnamed, known ones keep their name', () => {
    // 300 shapes within the search limits (at most 100 values in a parameter): 1–100 codes with 1–3 statuses.
    const list = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`).join(',');
    const shape = (n: number) => search('Observation', `subject=Patient/a&code=${list('c', ((n - 1) % 100) + 1)}&status=${list('s', Math.floor((n - 1) / 100) + 1)}`);
    const first = pageSql(shape(1)).name;
    const names = new Set<string>();
    for (let n = 1; n <= 300; n++) {
      const name = pageSql(shape(n)).name;
      if (name) names.add(name);
    }
    assert.ok(names.size <= 200, `${names.size} names`);
    assert.ok(names.size >= 150, `${names.size} names`);
    assert.equal(pageSql(shape(300)).name, undefined);
    assert.equal(pageSql(shape(1)).name, first);
  });
});
