/** Search over HTTP on both stores: every parameter type, modifiers, prefixes, chains, includes, sorting and paging. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { makeSyntheticIdent } from '../../src/domain/identity/index.ts';
import { DIALECTS } from '../support/databases.ts';
import { startTestServer, type TestServer } from '../support/runtime.ts';

const FNR = 'urn:oid:2.16.578.1.12.4.1.4.1';
// Valid synthetic fødselsnumre (Test Norge), as every write of this system is checked.
const FNR_1 = makeSyntheticIdent('1990-05-01', 101) ?? makeSyntheticIdent('1990-05-01', 103)!;
const FNR_2 = makeSyntheticIdent('1975-12-31', 201) ?? makeSyntheticIdent('1975-12-31', 203)!;
const FNR_NONE = makeSyntheticIdent('1960-01-01', 301) ?? makeSyntheticIdent('1960-01-01', 303)!;
const LOINC = 'http://loinc.org';

for (const dialect of DIALECTS) {
  describe(`search on ${dialect}`, () => {
    let s: TestServer;
    const ids = (res: { json: any }) => (res.json.entry ?? []).filter((e: any) => e.search?.mode !== 'include').map((e: any) => e.resource.id).sort();
    const get = (url: string, headers: Record<string, string> = {}) => s.request({ method: 'GET', url: `/fhir/${url}`, headers });
    /** Every page of a search, following its next links: entries as `mode:id`, and the total. */
    const pagesOf = async (url: string) => {
      const seen: string[] = [];
      let next: string | undefined = url;
      let total: number | undefined;
      while (next) {
        const res: any = await get(next);
        assert.equal(res.status, 200, res.text);
        total ??= res.json.total;
        seen.push(...(res.json.entry ?? []).map((e: any) => `${e.search?.mode}:${e.resource.id}`));
        next = res.json.link.find((l: any) => l.relation === 'next')?.url.replace('http://helsebro.test/fhir/', '');
      }
      return { seen, total };
    };
    /** Each query answers as it does with `suffix` added (which sends it through another statement), at several page sizes. */
    const assertSameAnswers = async (queries: string[], suffix: string) => {
      for (const q of queries) {
        for (const count of [1, 2, 20]) {
          assert.deepEqual(await pagesOf(`${q}&_count=${count}`), await pagesOf(`${q}&_count=${count}${suffix}`), `${q} _count=${count}`);
        }
        assert.equal((await get(`${q}&_summary=count`)).json.total, (await get(`${q}&_summary=count${suffix}`)).json.total, q);
      }
    };

    before(async () => {
      s = await startTestServer(dialect);
      const put = (r: any) => s.request({ method: 'PUT', url: `/fhir/${r.resourceType}/${r.id}`, body: r });
      await put({ resourceType: 'Organization', id: 'org-1', name: 'Legesenteret' });
      await put({ resourceType: 'Practitioner', id: 'gp-1', name: [{ family: 'Lege', given: ['Lise'] }] });
      await put({
        resourceType: 'Patient', id: 'p1', identifier: [{ system: FNR, value: FNR_1 }], name: [{ family: 'Østby', given: ['Åse'] }],
        gender: 'female', birthDate: '1980-05-17', active: true, generalPractitioner: [{ reference: 'Practitioner/gp-1' }], managingOrganization: { reference: 'Organization/org-1' },
        telecom: [{ system: 'phone', value: '4711' }], address: [{ city: 'Tromsø', postalCode: '9008' }],
      });
      await put({ resourceType: 'Patient', id: 'p2', identifier: [{ system: FNR, value: FNR_2 }], name: [{ family: 'Berg', given: ['Ola'] }], gender: 'male', birthDate: '1975-12-31' });
      await put({ resourceType: 'Patient', id: 'p3', name: [{ family: 'Bergersen', given: ['Kari'] }], gender: 'female', birthDate: '2001' });
      const obs = (id: string, patient: string, code: string, value: number, when: string) =>
        put({ resourceType: 'Observation', id, status: 'final', code: { coding: [{ system: LOINC, code }], text: code === '8867-4' ? 'Heart rate' : 'Body temperature' },
          subject: { reference: `Patient/${patient}` }, effectiveDateTime: when, valueQuantity: { value, unit: '/min', system: 'http://unitsofmeasure.org', code: '/min' } });
      await obs('o1', 'p1', '8867-4', 60, '2024-01-10T08:00:00Z');
      await obs('o2', 'p1', '8310-5', 37.5, '2024-02-10T08:00:00Z');
      await obs('o3', 'p2', '8867-4', 80, '2024-03-10T08:00:00Z');
      await put({ resourceType: 'Observation', id: 'o4', status: 'preliminary', code: { text: 'note' }, meta: { tag: [{ system: 'urn:tags', code: 'demo' }] } });
    });
    after(() => s.close());

    it('string: starts-with, case- and accent-insensitive; :exact; :contains', async () => {
      assert.deepEqual(ids(await get('Patient?family=berg')), ['p2', 'p3']);
      assert.deepEqual(ids(await get(`Patient?family=${encodeURIComponent('ØSTBY')}`)), ['p1']);
      assert.deepEqual(ids(await get('Patient?given=ase')), ['p1']);
      assert.deepEqual(ids(await get('Patient?family:exact=Berg')), ['p2']);
      assert.deepEqual(ids(await get('Patient?family:exact=berg')), []);
      assert.deepEqual(ids(await get('Patient?family:contains=erse')), ['p3']);
      assert.deepEqual(ids(await get('Patient?address-city=troms')), ['p1']);
      assert.deepEqual(ids(await get('Patient?name=kari')), ['p3']);
    });

    it('token: system|code, code, |code, system|, :not, :text, :missing', async () => {
      assert.deepEqual(ids(await get(`Patient?identifier=${FNR}|${FNR_1}`)), ['p1']);
      assert.deepEqual(ids(await get(`Patient?identifier=${FNR_2}`)), ['p2']);
      assert.deepEqual(ids(await get(`Patient?identifier=${FNR}|`)), ['p1', 'p2']);
      assert.deepEqual(ids(await get('Patient?gender=|female')), ['p1', 'p3']);
      assert.deepEqual(ids(await get('Patient?gender:not=female')), ['p2']);
      assert.deepEqual(ids(await get('Observation?code:text=heart')), ['o1', 'o3']);
      assert.deepEqual(ids(await get('Patient?identifier:missing=true')), ['p3']);
      assert.deepEqual(ids(await get('Patient?identifier:missing=false')), ['p1', 'p2']);
      assert.deepEqual(ids(await get('Patient?gender=male,female')), ['p1', 'p2', 'p3']);
      assert.deepEqual(ids(await get('Patient?phone=4711')), ['p1']);
    });

    it('date: precision ranges and every prefix at its boundary', async () => {
      assert.deepEqual(ids(await get('Patient?birthdate=1980')), ['p1']);
      assert.deepEqual(ids(await get('Patient?birthdate=1980-05')), ['p1']);
      assert.deepEqual(ids(await get('Patient?birthdate=1980-05-17')), ['p1']);
      assert.deepEqual(ids(await get('Patient?birthdate=1980-05-18')), []);
      assert.deepEqual(ids(await get('Patient?birthdate=ge1980-05-17')), ['p1', 'p3']);
      assert.deepEqual(ids(await get('Patient?birthdate=gt1980-05-17')), ['p3']);
      assert.deepEqual(ids(await get('Patient?birthdate=le1980-05-17')), ['p1', 'p2']);
      assert.deepEqual(ids(await get('Patient?birthdate=lt1980-05-17')), ['p2']);
      assert.deepEqual(ids(await get('Patient?birthdate=ne1980-05-17')), ['p2', 'p3']);
      assert.deepEqual(ids(await get('Patient?birthdate=sa1980-05-17')), ['p3']);
      assert.deepEqual(ids(await get('Patient?birthdate=eb1980-05-17')), ['p2']);
      // 2001 is a whole year: it is not within one day of it, but it overlaps 2001-06
      assert.deepEqual(ids(await get('Patient?birthdate=eq2001-06-01')), []);
      assert.deepEqual(ids(await get('Patient?birthdate=ap2001-06-01')), ['p3']);
      assert.deepEqual(ids(await get('Observation?date=ge2024-02-01&date=lt2024-03-01')), ['o2']);
      assert.deepEqual(ids(await get('Observation?date=2024-01-10T08:00:00Z')), ['o1']);
      assert.deepEqual(ids(await get('Observation?date=2024-01-10T09:00:00%2B01:00')), ['o1']);
    });

    it('quantity and number: prefixes and precision', async () => {
      assert.deepEqual(ids(await get('Observation?value-quantity=60')), ['o1']);
      assert.deepEqual(ids(await get('Observation?value-quantity=gt60')), ['o3']);
      assert.deepEqual(ids(await get('Observation?value-quantity=ge60')), ['o1', 'o3']);
      assert.deepEqual(ids(await get('Observation?value-quantity=lt60')), ['o2']);
      assert.deepEqual(ids(await get('Observation?value-quantity=37.5|http://unitsofmeasure.org|/min')), ['o2']);
      assert.deepEqual(ids(await get('Observation?value-quantity=37|http://unitsofmeasure.org|/min')), []);
      assert.deepEqual(ids(await get('Observation?value-quantity=ap79')), ['o3']);
    });

    it('reference: Type/id, id, :Type, :missing, :identifier', async () => {
      assert.deepEqual(ids(await get('Observation?subject=Patient/p1')), ['o1', 'o2']);
      assert.deepEqual(ids(await get('Observation?patient=p2')), ['o3']);
      assert.deepEqual(ids(await get('Observation?subject:Patient=p2')), ['o3']);
      assert.deepEqual(ids(await get('Observation?subject:missing=true')), ['o4']);
      assert.deepEqual(ids(await get('Patient?general-practitioner=Practitioner/gp-1')), ['p1']);
    });

    it('chains one level and reverse chains with _has', async () => {
      assert.deepEqual(ids(await get(`Observation?subject:Patient.identifier=${FNR}|${FNR_2}`)), ['o3']);
      assert.deepEqual(ids(await get(`Observation?patient.family=${encodeURIComponent('østby')}`)), ['o1', 'o2']);
      assert.deepEqual(ids(await get('Patient?general-practitioner.family=lege')), ['p1']);
      assert.deepEqual(ids(await get(`Patient?_has:Observation:subject:code=${LOINC}|8867-4`)), ['p1', 'p2']);
      assert.deepEqual(ids(await get(`Patient?_has:Observation:subject:code=${LOINC}|8310-5`)), ['p1']);
    });

    it('_id, _lastUpdated, _tag, _profile and system-level search', async () => {
      assert.deepEqual(ids(await get('Patient?_id=p1,p3')), ['p1', 'p3']);
      assert.deepEqual(ids(await get('Observation?_tag=urn:tags|demo')), ['o4']);
      assert.equal((await get('Patient?_lastUpdated=gt2000-01-01')).json.total, 3);
      assert.equal((await get('Patient?_lastUpdated=lt2000-01-01')).json.total, 0);
      assert.deepEqual(ids(await get('?_type=Patient,Practitioner&_id=p1,gp-1')), ['gp-1', 'p1']);
      assert.deepEqual(ids(await get('_search?_tag=urn:tags|demo')), ['o4']);
    });

    it('_include, _revinclude and :iterate', async () => {
      const inc = await get('Observation?_id=o1&_include=Observation:subject');
      assert.deepEqual(inc.json.entry.map((e: any) => [e.resource.id, e.search.mode]), [['o1', 'match'], ['p1', 'include']]);
      const rev = await get('Patient?_id=p1&_revinclude=Observation:subject');
      assert.deepEqual(rev.json.entry.filter((e: any) => e.search.mode === 'include').map((e: any) => e.resource.id).sort(), ['o1', 'o2']);
      const iter = await get('Observation?_id=o1&_include=Observation:subject&_include:iterate=Patient:general-practitioner');
      assert.deepEqual(iter.json.entry.map((e: any) => e.resource.id).sort(), ['gp-1', 'o1', 'p1']);
    });

    it('sorts by several keys, descending, with a stable tie-breaker', async () => {
      assert.deepEqual((await get('Patient?_sort=-birthdate')).json.entry.map((e: any) => e.resource.id), ['p3', 'p1', 'p2']);
      assert.deepEqual((await get('Patient?_sort=gender,-family')).json.entry.map((e: any) => e.resource.id), ['p1', 'p3', 'p2']);
      assert.deepEqual((await get('Observation?_sort=-_id')).json.entry.map((e: any) => e.resource.id), ['o4', 'o3', 'o2', 'o1']);
    });

    it('pages stably: every match exactly once, with next and previous links', async () => {
      const seen: string[] = [];
      let url: string | undefined = 'Observation?_count=1&_sort=date';
      let pages = 0;
      while (url) {
        const res: any = await get(url);
        seen.push(...res.json.entry.map((e: any) => e.resource.id));
        const next = res.json.link.find((l: any) => l.relation === 'next')?.url;
        if (pages > 0) assert.ok(res.json.link.some((l: any) => l.relation === 'previous'));
        url = next?.replace('http://helsebro.test/fhir/', '');
        pages++;
      }
      assert.equal(pages, 4);
      assert.deepEqual([...seen].sort(), ['o1', 'o2', 'o3', 'o4']);
    });

    it('_total and _summary=count', async () => {
      const none = await get('Observation?_total=none&_count=1');
      assert.equal(none.json.total, undefined);
      const count = await get('Observation?_summary=count');
      assert.equal(count.json.total, 4);
      assert.equal(count.json.entry, undefined);
      assert.equal((await get('Observation?_count=2')).json.total, 4);
    });

    it('POST _search with a form body gives the same result as GET', async () => {
      const res = await s.request({ method: 'POST', url: '/fhir/Patient/_search', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'family=berg&gender=male' });
      assert.deepEqual(ids(res), ['p2']);
    });

    it('rejects bad searches with a 400 naming the parameter, unless lenient', async () => {
      const unknown = await get('Patient?shoe-size=42');
      assert.equal(unknown.status, 400);
      assert.match(unknown.json.issue[0].diagnostics, /shoe-size/);
      assert.equal((await get('Patient?shoe-size=42&family=berg', { prefer: 'handling=lenient' })).json.total, 2);
      assert.equal((await get('Patient?birthdate=1980-13')).status, 400);
      assert.equal((await get('Patient?birthdate=zz1980')).status, 400);
      assert.equal((await get('Patient?family:below=x')).status, 400);
      assert.equal((await get('Observation?value-quantity=abc')).status, 400);
      assert.equal((await get('Patient?_count=x')).status, 400);
      assert.equal((await get('Patient?_sort=shoe')).status, 400);
      assert.equal((await get('Patient?_include=Nope:x')).status, 400);
      assert.equal((await get('Observation?subject.foo.bar=1')).status, 400);
      for (const empty of ['_lastUpdated=', '_id=', 'general-practitioner=', 'general-practitioner:identifier=']) {
        const res = await get(`Patient?${empty}`);
        assert.equal(res.status, 400, empty);
        assert.match(res.json.issue[0].diagnostics, /has no value/, empty);
      }
    });

    it('searches numbers with up to 30 decimals and refuses more, or a value too large to be finite', async () => {
      const fine = await get(`Observation?value-quantity=ge59.${'9'.repeat(30)}`);
      assert.equal(fine.status, 200, fine.text);
      assert.deepEqual(ids(fine), ['o1', 'o3']);
      const tooFine = await get(`Observation?value-quantity=60.${'0'.repeat(31)}`);
      assert.equal(tooFine.status, 400);
      assert.match(tooFine.json.issue[0].diagnostics, /at most 30 decimals/);
      assert.equal((await get(`Observation?value-quantity=${'9'.repeat(400)}`)).status, 400);
    });

    it('answers a range search in id order as the same search sorted by _id: matches, order, totals and pages', async () => {
      // Range searches in id order take their candidates from the index table first (plan.ts's range
      // shape); `_sort=_id` gives the same order through the general statement.
      const put = (r: any) => s.request({ method: 'PUT', url: `/fhir/${r.resourceType}/${r.id}`, body: r });
      for (const [id, when] of [['r1', '2024-01-20T10:00:00Z'], ['r2', '2024-01-21'], ['r3', '2024-02-01T00:00:00Z']]) {
        await put({ resourceType: 'Observation', id, status: 'final', code: { coding: [{ system: LOINC, code: '8867-4' }] }, subject: { reference: 'Patient/p1' }, effectiveDateTime: when, valueQuantity: { value: 70, unit: '/min', system: 'http://unitsofmeasure.org', code: '/min' } });
      }
      await s.request({ method: 'DELETE', url: '/fhir/Observation/r2' });
      const queries = [
        'Observation?date=ge2024-01-01&date=lt2024-03-01',
        'Observation?date=ge2024-01-15&code=8867-4',
        `Observation?date=ge2024-01-01&subject:Patient.identifier=${FNR}|${FNR_1}`,
        'Observation?value-quantity=gt50',
        'Patient?birthdate=lt2000',
        'Patient?birthdate=ge1970&_has:Observation:subject:code=8867-4',
        'Observation?date=ge2030-01-01',
      ];
      await assertSameAnswers(queries, '&_sort=_id');
      assert.deepEqual((await pagesOf('Observation?date=ge2024-01-15&code=8867-4&_count=1')).seen, ['match:o3', 'match:r1', 'match:r3']);
      assert.deepEqual((await pagesOf('Observation?date=ge2024-01-15&code=8867-4&_count=1')).total, 3);
    });

    it('answers a search pinned to one patient as the general statement does: matches, order, totals and pages', async () => {
      // Searches pinned to a patient (by id, or by an exact identifier through a chain) take their candidates from that patient's references first
      // (plan.ts's patient shape); a _lastUpdated filter that every resource meets sends the
      // same search through the general statement.
      const put = (r: any) => s.request({ method: 'PUT', url: `/fhir/${r.resourceType}/${r.id}`, body: r });
      for (const [id, code, when] of [['q1', '8867-4', '2024-04-01'], ['q2', '8310-5', '2024-04-02'], ['q3', '8867-4', '2024-04-03'], ['q4', '8867-4', '2024-04-04']]) {
        await put({ resourceType: 'Observation', id, status: 'final', code: { coding: [{ system: LOINC, code }] }, subject: { reference: 'Patient/p1' }, performer: [{ reference: 'Practitioner/gp-1' }], effectiveDateTime: when });
      }
      await s.request({ method: 'DELETE', url: '/fhir/Observation/q3' });
      const queries = [
        'Observation?subject=Patient/p1',
        `Observation?subject=Patient/p1&code=${LOINC}|8867-4`,
        'Observation?subject:Patient=p1&code:not=8310-5',
        'Observation?patient=Patient/p1&_sort=-date',
        'Observation?subject=Patient/p1&_sort=code,-_id',
        'Observation?subject=Patient/p1&date=ge2024-02-01&_include=Observation:performer',
        'Observation?subject=Patient/p1&performer:Practitioner.name=lise',
        'Observation?subject=Patient/p2',
        'Observation?subject=Patient/nobody',
        'Patient?general-practitioner=Practitioner/gp-1&_has:Observation:subject:code=8310-5',
        `Observation?subject:Patient.identifier=${FNR}|${FNR_1}&_sort=-date`,
        `Observation?patient.identifier=${FNR}|${FNR_1}&code=8867-4`,
        `Observation?subject:Patient.identifier=${FNR}|${FNR_2}&subject=Patient/p2`,
        `Observation?subject:Patient.identifier=${FNR}|${FNR_NONE}`,
      ];
      await assertSameAnswers(queries, '&_lastUpdated=gt1900-01-01');
      assert.deepEqual(await pagesOf(`Observation?subject=Patient/p1&code=${LOINC}|8867-4&performer=Practitioner/gp-1&_count=1`), { seen: ['match:q1', 'match:q4'], total: 2 });
      assert.deepEqual((await pagesOf('Observation?patient=Patient/p1&_sort=-date&_count=2&date=ge2024-03-01')).seen, ['match:q4', 'match:q2', 'match:q1']);
      assert.deepEqual((await pagesOf(`Observation?subject:Patient.identifier=${FNR}|${FNR_1}&date=ge2024-03-01&_count=2`)).seen, ['match:q1', 'match:q2', 'match:q4']);
    });

    it('never finds deleted resources, and reindexes on update', async () => {
      await s.request({ method: 'PUT', url: '/fhir/Patient/tmp', body: { resourceType: 'Patient', id: 'tmp', name: [{ family: 'Midlertidig' }] } });
      assert.deepEqual(ids(await get('Patient?family=midlertidig')), ['tmp']);
      await s.request({ method: 'PUT', url: '/fhir/Patient/tmp', body: { resourceType: 'Patient', id: 'tmp', name: [{ family: 'Endret' }] } });
      assert.deepEqual(ids(await get('Patient?family=midlertidig')), []);
      assert.deepEqual(ids(await get('Patient?family=endret')), ['tmp']);
      await s.request({ method: 'DELETE', url: '/fhir/Patient/tmp' });
      assert.deepEqual(ids(await get('Patient?family=endret')), []);
    });
  });
}
