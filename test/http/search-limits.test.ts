/**
 * Bounded work per search (src/fhir/search/limits.ts): a search asking for more than a limit is
 * refused with 400 and a `too-costly` OperationOutcome naming the limit and its value, before
 * anything reaches the store — on type-level, system-level, POST _search and conditional requests.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SEARCH_LIMITS } from '../../src/fhir/search/limits.ts';
import { DIALECTS } from '../support/databases.ts';
import { startTestServer, type TestServer } from '../support/runtime.ts';
import { assertTooCostly } from '../support/too-costly.ts';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const repeat = (pair: string, n: number) => Array.from({ length: n }, () => pair).join('&');
const values = (n: number) => Array.from({ length: n }, (_, i) => `v${i}`).join(',');

for (const dialect of DIALECTS) {
  describe(`search limits on ${dialect}`, () => {
    let s: TestServer;
    before(async () => {
      s = await startTestServer(dialect);
      const put = (resource: { resourceType: string; id: string } & Record<string, unknown>) =>
        s.request({ method: 'PUT', url: `/fhir/${resource.resourceType}/${resource.id}`, body: resource });
      await put({ resourceType: 'Organization', id: 'org2', name: 'Helse Sør-Øst' });
      await put({ resourceType: 'Organization', id: 'org1', name: 'Legekontoret', partOf: { reference: 'Organization/org2' } });
      await put({ resourceType: 'Patient', id: 'p1', name: [{ family: 'Berg' }], generalPractitioner: [{ reference: 'Organization/org1' }] });
      await put({ resourceType: 'Observation', id: 'o1', status: 'final', code: { text: 'puls' }, subject: { reference: 'Patient/p1' } });
    });
    after(() => s.close());

    const refused = (res: { status: number; json: any; text: string }, limit: string, value: number) => assertTooCostly(res, `search limit ${limit}`, value);

    it('allows a parameter up to maxRepeats times and refuses one more', async () => {
      const n = SEARCH_LIMITS.maxRepeats;
      assert.equal((await s.request({ method: 'GET', url: `/fhir/Patient?${repeat('family=berg', n)}` })).status, 200);
      refused(await s.request({ method: 'GET', url: `/fhir/Patient?${repeat('family=berg', n + 1)}` }), 'maxRepeats', n);
    });

    it('counts a parameter with modifiers and chains as the same parameter', async () => {
      const half = SEARCH_LIMITS.maxRepeats / 2;
      refused(await s.request({ method: 'GET', url: `/fhir/Patient?${repeat('family=berg', half)}&${repeat('family:exact=Berg', half + 1)}` }), 'maxRepeats', SEARCH_LIMITS.maxRepeats);
      refused(await s.request({ method: 'GET', url: `/fhir/Patient?${repeat('_has:Observation:subject:status=final', SEARCH_LIMITS.maxRepeats + 1)}` }), 'maxRepeats', SEARCH_LIMITS.maxRepeats);
    });

    it('answers 200 repeats at once instead of planning them for seconds', async () => {
      const started = performance.now();
      for (const n of [200, 2000]) {
        refused(await s.request({ method: 'GET', url: `/fhir/Patient?${repeat('family=berg', n)}` }), 'maxParameters', SEARCH_LIMITS.maxParameters);
      }
      assert.ok(performance.now() - started < 1000, `took ${Math.round(performance.now() - started)} ms`);
    });

    it('refuses more than maxParameters parameters in all', async () => {
      const names = ['family', 'given', 'name', 'gender', 'birthdate', 'address'];
      const params = Array.from({ length: SEARCH_LIMITS.maxParameters + 1 }, (_, i) => `${names[i % names.length]}=x`).join('&');
      refused(await s.request({ method: 'GET', url: `/fhir/Patient?${params}` }), 'maxParameters', SEARCH_LIMITS.maxParameters);
    });

    it('allows maxValues comma-separated values in a parameter and refuses one more', async () => {
      const n = SEARCH_LIMITS.maxValues;
      assert.equal((await s.request({ method: 'GET', url: `/fhir/Patient?family=${values(n)}` })).status, 200);
      refused(await s.request({ method: 'GET', url: `/fhir/Patient?family=${values(n + 1)}` }), 'maxValues', n);
      refused(await s.request({ method: 'GET', url: `/fhir/Patient?_sort=${Array.from({ length: n + 1 }, () => 'family').join(',')}` }), 'maxValues', n);
    });

    it('applies the limits to POST _search form bodies, system-level search and conditional writes', async () => {
      const tooMany = repeat('family=berg', SEARCH_LIMITS.maxRepeats + 1);
      refused(await s.request({ method: 'POST', url: '/fhir/Patient/_search', headers: FORM, payload: tooMany }), 'maxRepeats', SEARCH_LIMITS.maxRepeats);
      refused(await s.request({ method: 'POST', url: `/fhir/Patient/_search?${repeat('family=berg', 6)}`, headers: FORM, payload: repeat('family=berg', 5) }), 'maxRepeats', SEARCH_LIMITS.maxRepeats);
      refused(await s.request({ method: 'POST', url: '/fhir/_search', headers: FORM, payload: `_type=Patient&${repeat('_id=p1', SEARCH_LIMITS.maxRepeats + 1)}` }), 'maxRepeats', SEARCH_LIMITS.maxRepeats);
      refused(await s.request({ method: 'GET', url: `/fhir?_type=Patient&${repeat('_id=p1', SEARCH_LIMITS.maxRepeats + 1)}` }), 'maxRepeats', SEARCH_LIMITS.maxRepeats);
      refused(await s.request({ method: 'GET', url: `/fhir?_type=${values(SEARCH_LIMITS.maxValues + 1)}` }), 'maxValues', SEARCH_LIMITS.maxValues);
      refused(await s.request({ method: 'DELETE', url: `/fhir/Patient?${tooMany}` }), 'maxRepeats', SEARCH_LIMITS.maxRepeats);
      assert.equal((await s.request({ method: 'GET', url: '/fhir/Patient/p1' })).status, 200, 'nothing was deleted');
    });

    it('refuses a chain of more than maxChainDepth links', async () => {
      assert.equal((await s.request({ method: 'GET', url: '/fhir/Observation?subject:Patient.family=berg' })).status, 200);
      refused(await s.request({ method: 'GET', url: '/fhir/Observation?subject:Patient.general-practitioner.name=x' }), 'maxChainDepth', SEARCH_LIMITS.maxChainDepth);
    });

    it('follows :iterate for maxIterateDepth rounds only', async () => {
      const res = await s.request({ method: 'GET', url: '/fhir/Observation?_id=o1&_include=Observation:subject&_include:iterate=Patient:general-practitioner&_include:iterate=Organization:partof' });
      assert.equal(res.status, 200, res.text);
      const included = res.json.entry.filter((e: any) => e.search.mode === 'include').map((e: any) => `${e.resource.resourceType}/${e.resource.id}`).sort();
      assert.equal(SEARCH_LIMITS.maxIterateDepth, 1, 'the expectation below is written for one round');
      assert.deepEqual(included, ['Organization/org1', 'Patient/p1']);
    });

    it('lowers a _count above maxCount to it, and says so in the links', async () => {
      const res = await s.request({ method: 'GET', url: `/fhir/Patient?_count=${SEARCH_LIMITS.maxCount * 5}` });
      assert.equal(res.status, 200, res.text);
      const self = res.json.link.find((l: any) => l.relation === 'self').url;
      assert.match(self, new RegExp(`_count=${SEARCH_LIMITS.maxCount}(&|$)`));
    });
  });
}
