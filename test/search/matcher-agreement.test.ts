/**
 * The in-memory matcher (src/store/search/matcher.ts) against the SQL, on both stores: a corpus of
 * varied resources, and for every search of a table the matcher must select exactly the ids the
 * store returns.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parseSearch } from '../../src/fhir/search/parse.ts';
import { matches, UnsupportedByMatcher } from '../../src/store/search/matcher.ts';
import { DIALECTS } from '../support/databases.ts';
import { startTestServer, type TestServer } from '../support/runtime.ts';

const LOINC = 'http://loinc.org';
const UCUM = 'http://unitsofmeasure.org';
const ORG = 'urn:oid:2.16.578.1.12.4.1.2';

const obs = (id: string, extra: Record<string, unknown>) => ({ resourceType: 'Observation', id, status: 'final', code: { coding: [{ system: LOINC, code: '8867-4' }], text: 'Heart rate' }, ...extra });
const qty = (value: number, code = '/min', system: string | undefined = UCUM) => ({ valueQuantity: { value, unit: code, ...(system ? { system } : {}), code } });

const CORPUS: Array<Record<string, unknown>> = [
  { resourceType: 'Organization', id: 'org-a', name: 'Legesenteret Nord', identifier: [{ system: ORG, value: '974589095' }], active: true },
  { resourceType: 'Organization', id: 'org-b', name: 'Sykehuset Sør', alias: ['SS'] },
  { resourceType: 'Practitioner', id: 'gp-a', name: [{ family: 'Lege', given: ['Lise'] }] },
  { resourceType: 'Patient', id: 'pa', name: [{ family: 'Østby', given: ['Åse', 'Marie'] }], gender: 'female', birthDate: '1980-05-17', active: true, telecom: [{ system: 'phone', value: '4711' }], address: [{ city: 'Tromsø', postalCode: '9008' }], generalPractitioner: [{ reference: 'Practitioner/gp-a' }], managingOrganization: { reference: 'Organization/org-a' } },
  { resourceType: 'Patient', id: 'pb', name: [{ family: 'Berg', given: ['Ola'] }], gender: 'male', birthDate: '1975-12-31', active: false, identifier: [{ system: 'urn:test:mrn', value: 'M-1' }] },
  { resourceType: 'Patient', id: 'pc', name: [{ family: 'Bergersen', given: ['Kari'] }], gender: 'female', birthDate: '2001', address: [{ city: 'Bergen', line: ['Strandgaten 1'] }] },
  { resourceType: 'Patient', id: 'pd', name: [{ text: 'Per Hansen', family: 'Hansen' }], gender: 'other', birthDate: '1990-02', telecom: [{ system: 'email', value: 'per@example.no' }], managingOrganization: { reference: 'Organization/org-b' } },
  { resourceType: 'Patient', id: 'pe', name: [{ family: 'Li', given: ['Wei'] }], deceasedBoolean: false },
  obs('o1', { subject: { reference: 'Patient/pa' }, effectiveDateTime: '2024-01-10T08:00:00Z', ...qty(60) }),
  obs('o2', { subject: { reference: 'Patient/pa' }, code: { coding: [{ system: LOINC, code: '8310-5' }], text: 'Body temperature' }, effectiveDateTime: '2024-02-10T08:00:00Z', ...qty(37.5, 'Cel') }),
  obs('o3', { subject: { reference: 'Patient/pb' }, effectiveDateTime: '2024-03-10T08:00:00+01:00', ...qty(80) }),
  obs('o4', { status: 'preliminary', code: { text: 'Notat om søvn' }, meta: { tag: [{ system: 'urn:tags', code: 'demo' }] } }),
  obs('o5', { subject: { reference: 'Patient/pc' }, effectivePeriod: { start: '2024-01-01', end: '2024-01-31' }, ...qty(100, 'mm[Hg]') }),
  obs('o6', { subject: { reference: 'Patient/pc' }, effectivePeriod: { start: '2024-06-01T10:00:00Z' }, ...qty(-5, 'Cel') }),
  obs('o7', { subject: { reference: 'Patient/pd' }, effectiveDateTime: '2023', ...qty(0.5, 'kg', undefined) }),
  obs('o8', { status: 'amended', subject: { reference: 'Patient/pa' }, code: { coding: [{ system: LOINC, code: '29463-7', display: 'Body weight' }] }, effectiveDateTime: '2024-01-10', ...qty(72.25, 'kg') }),
  obs('o9', { subject: { reference: 'Patient/pb' }, performer: [{ reference: 'Practitioner/gp-a' }], effectiveDateTime: '2024-02-29T23:59:00Z', valueString: 'ingen funn' }),
  obs('o10', { subject: { reference: 'http://example.org/fhir/Patient/ext-1' }, code: { coding: [{ code: 'local-1' }] }, effectiveDateTime: '2024-12-31T23:00:00Z', ...qty(1000) }),
  { resourceType: 'RiskAssessment', id: 'r1', status: 'final', subject: { reference: 'Patient/pa' }, prediction: [{ probabilityDecimal: 0.25 }] },
  { resourceType: 'RiskAssessment', id: 'r2', status: 'final', subject: { reference: 'Patient/pb' }, prediction: [{ probabilityDecimal: 0.8 }, { probabilityDecimal: 0.05 }] },
  { resourceType: 'RiskAssessment', id: 'r3', status: 'preliminary', subject: { reference: 'Patient/pc' } },
  { resourceType: 'ValueSet', id: 'vs1', status: 'active', url: 'http://helsebro.no/fhir/ValueSet/diagnoser' },
  { resourceType: 'ValueSet', id: 'vs2', status: 'draft', url: 'http://helsebro.no/fhir/ValueSet/diagnoser/icpc2' },
  { resourceType: 'ValueSet', id: 'vs3', status: 'active', url: 'urn:oid:1.2.3' },
];

/** [type, query]: every indexed type, prefixes, modifiers, OR values, :missing and :not. */
const SEARCHES: Array<[string, string]> = [
  // string
  ['Patient', 'family=berg'], ['Patient', 'family=BERG'], ['Patient', 'family=%C3%B8stby'], ['Patient', 'given=ase'], ['Patient', 'family:exact=Berg'],
  ['Patient', 'family:exact=berg'], ['Patient', 'family:contains=erse'], ['Patient', 'name=kari,hansen'], ['Patient', 'address-city=troms'], ['Patient', 'address=strand'],
  ['Patient', 'family:missing=true'], ['Patient', 'name:missing=false'], ['Organization', 'name=sykehus'], ['Organization', 'name:contains=senter'],
  ['Patient', 'family=berg&given=ola'], ['Patient', 'family=b&family:contains=sen'],
  // token
  ['Patient', 'gender=female'], ['Patient', 'gender=male,other'], ['Patient', 'gender:not=female'], ['Patient', 'gender:missing=true'], ['Patient', 'active=true'],
  ['Patient', 'active:not=true'], ['Patient', 'identifier=urn:test:mrn|M-1'], ['Patient', 'identifier=urn:test:mrn|'], ['Patient', 'identifier=|M-1'], ['Patient', 'identifier:missing=false'],
  ['Patient', 'phone=4711'], ['Patient', 'email=per@example.no'], ['Observation', `code=${LOINC}|8867-4`], ['Observation', 'code=8310-5,29463-7'], ['Observation', 'code=|local-1'],
  ['Observation', 'code:text=heart'], ['Observation', 'code:text=s%C3%B8vn'], ['Observation', 'code:text=body'], ['Observation', 'code:not=8867-4'], ['Observation', 'status=final'],
  ['Observation', 'status:not=final'], ['Observation', '_tag=urn:tags|demo'], ['Organization', `identifier=${ORG}|974589095`], ['ValueSet', 'status=active'],
  // date
  ['Patient', 'birthdate=1980'], ['Patient', 'birthdate=1980-05'], ['Patient', 'birthdate=1980-05-18'], ['Patient', 'birthdate=ge1980-05-17'], ['Patient', 'birthdate=gt1980-05-17'],
  ['Patient', 'birthdate=le1980-05-17'], ['Patient', 'birthdate=lt1980-05-17'], ['Patient', 'birthdate=ne1980-05-17'], ['Patient', 'birthdate=sa1980-05-17'], ['Patient', 'birthdate=eb1980-05-17'],
  ['Patient', 'birthdate=eq2001-06-01'], ['Patient', 'birthdate=ap2001-06-01'], ['Patient', 'birthdate=1990,2001'], ['Patient', 'birthdate:missing=true'],
  ['Observation', 'date=ge2024-02-01&date=lt2024-03-01'], ['Observation', 'date=2024-01-10T08:00:00Z'], ['Observation', 'date=2024-03-10T07:00:00Z'], ['Observation', 'date=2024-01'],
  ['Observation', 'date=2024-01-15'], ['Observation', 'date=ap2024-01-15'], ['Observation', 'date=gt2024-05'], ['Observation', 'date=sa2024-05'], ['Observation', 'date=eb2024'],
  ['Observation', 'date=ne2024-01'], ['Observation', 'date=le2023-06'], ['Observation', 'date=ge2025'], ['Observation', 'date:missing=true'], ['Observation', 'date=2023,2024-12'],
  // quantity and number
  ['Observation', 'value-quantity=60'], ['Observation', 'value-quantity=gt60'], ['Observation', 'value-quantity=ge60'], ['Observation', 'value-quantity=lt60'], ['Observation', 'value-quantity=le0.5'],
  ['Observation', 'value-quantity=ne60'], ['Observation', 'value-quantity=ap79'], ['Observation', 'value-quantity=ap-5'], ['Observation', 'value-quantity=72.3'], ['Observation', 'value-quantity=72.25'],
  ['Observation', `value-quantity=37.5|${UCUM}|Cel`], ['Observation', 'value-quantity=gt0||kg'], ['Observation', `value-quantity=lt1000|${UCUM}|`], ['Observation', 'value-quantity=sa80,eb0'],
  ['Observation', 'value-quantity=ge50&value-quantity=lt90'], ['Observation', 'value-quantity:missing=true'], ['Observation', 'value-quantity=1e3'],
  ['RiskAssessment', 'probability=0.25'], ['RiskAssessment', 'probability=gt0.5'], ['RiskAssessment', 'probability=lt0.1'], ['RiskAssessment', 'probability=ge0.05&probability=le0.3'],
  ['RiskAssessment', 'probability=ap0.8'], ['RiskAssessment', 'probability=ne0.25'], ['RiskAssessment', 'probability:missing=true'], ['RiskAssessment', 'probability=0.3'],
  // reference
  ['Observation', 'subject=Patient/pa'], ['Observation', 'patient=pb'], ['Observation', 'subject:Patient=pc'], ['Observation', 'subject=pa,pd'], ['Observation', 'subject:missing=true'],
  ['Observation', 'subject=http://example.org/fhir/Patient/ext-1'], ['Observation', 'performer=Practitioner/gp-a'], ['Observation', 'subject=Patient/pa&code=8867-4'],
  ['Patient', 'general-practitioner=Practitioner/gp-a'], ['Patient', 'organization=Organization/org-a,Organization/org-b'], ['Patient', 'organization:missing=true'], ['RiskAssessment', 'subject=Patient/pb'],
  // uri
  ['ValueSet', 'url=http://helsebro.no/fhir/ValueSet/diagnoser'], ['ValueSet', 'url:below=http://helsebro.no/fhir'], ['ValueSet', 'url:above=http://helsebro.no/fhir/ValueSet/diagnoser/icpc2/x'],
  ['ValueSet', 'url=urn:oid:1.2.3,urn:oid:9'], ['ValueSet', 'url:missing=false'],
  // _id and _lastUpdated
  ['Patient', '_id=pa,pc'], ['Patient', '_id:not=pa'], ['Observation', '_lastUpdated=gt2000-01-01&status=final'], ['Observation', '_lastUpdated=lt2000'],
];

for (const dialect of DIALECTS) {
  describe(`the in-memory matcher agrees with the SQL on ${dialect}`, () => {
    let s: TestServer;
    const stored = new Map<string, Array<Record<string, unknown>>>();
    const get = (url: string) => s.request({ method: 'GET', url: `/fhir/${url}` });

    before(async () => {
      s = await startTestServer(dialect);
      for (const r of CORPUS) {
        const res = await s.request({ method: 'PUT', url: `/fhir/${r.resourceType}/${r.id}`, body: r });
        assert.ok(res.status === 200 || res.status === 201, `${r.resourceType}/${r.id}: ${res.text}`);
      }
      for (const type of new Set(SEARCHES.map(([t]) => t))) {
        const res = await get(`${type}?_count=1000`);
        stored.set(type, (res.json.entry ?? []).map((e: any) => e.resource));
      }
    });
    after(() => s.close());

    it(`selects the same ids for each of ${SEARCHES.length} searches`, async () => {
      assert.ok(SEARCHES.length >= 60);
      const empty: string[] = [];
      for (const [type, query] of SEARCHES) {
        const res = await get(`${type}?${query}&_count=1000`);
        assert.equal(res.status, 200, `${type}?${query}: ${res.text}`);
        const bySql = (res.json.entry ?? []).map((e: any) => e.resource.id).sort();
        const { filters } = parseSearch(type, new URLSearchParams(query));
        const inMemory = stored.get(type)!.filter((r) => matches(r, filters)).map((r) => String(r.id)).sort();
        assert.deepEqual(inMemory, bySql, `${type}?${query}`);
        if (bySql.length === 0) empty.push(query);
      }
      // Most searches select something, so the agreement is not only on empty answers.
      assert.ok(empty.length < SEARCHES.length / 4, `${empty.length} searches select nothing: ${empty.join(' ')}`);
    });

    it('declares chains and _has unsupported', () => {
      for (const query of ['subject:Patient.family=berg', '_has:Observation:subject:code=8867-4']) {
        const type = query.startsWith('_has') ? 'Patient' : 'Observation';
        assert.throws(() => matches({ resourceType: type, id: 'x' }, parseSearch(type, new URLSearchParams(query)).filters), UnsupportedByMatcher);
      }
    });
  });
}
