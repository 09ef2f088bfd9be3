/**
 * Bounded work per Bundle (src/service/bundle-budget.ts): a batch or transaction asking for more
 * than its budget — entries, entries that search, or the searches' cost together — is refused whole
 * with 400 and a `too-costly` OperationOutcome naming the limit, before any entry runs.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEFAULTS } from '../../src/config.ts';
import { BUNDLE_BUDGET } from '../../src/service/bundle-budget.ts';
import { DIALECTS } from '../support/databases.ts';
import { startTestServer, type TestServer } from '../support/runtime.ts';
import { assertTooCostly } from '../support/too-costly.ts';

const get = (url: string) => ({ request: { method: 'GET', url } });
const bundle = (type: string, entry: unknown[]) => ({ resourceType: 'Bundle', type, entry });
/** A search costing `cost`: its page, an `_id` filter and `cost - 2` includes (cheap: they run only on matches). */
const searchCosting = (cost: number) => get(`Patient?_id=nobody${Array.from({ length: cost - 2 }, () => '&_include=Patient:general-practitioner').join('')}`);

for (const dialect of DIALECTS) {
  describe(`bundle budget on ${dialect}`, () => {
    let s: TestServer;
    before(async () => {
      s = await startTestServer(dialect);
    });
    after(() => s.close());

    const post = (body: Record<string, unknown>) => s.request({ method: 'POST', url: '/fhir', body });
    const refused = (res: { status: number; json: any; text: string }, limit: string, value: number) => assertTooCostly(res, `bundle limit ${limit}`, value);

    it('runs maxSearchEntries searches in a batch and refuses one more', async () => {
      const n = BUNDLE_BUDGET.maxSearchEntries;
      const searches = Array.from({ length: n }, (_, i) => get(`Patient?_id=p${i}`));
      const ok = await post(bundle('batch', searches));
      assert.equal(ok.status, 200, ok.text);
      assert.equal(ok.json.entry.length, n);
      refused(await post(bundle('batch', [...searches, get('Patient?_id=one-more')])), 'maxSearchEntries', n);
    });

    it('counts conditional writes as entries that search', async () => {
      const n = BUNDLE_BUDGET.maxSearchEntries;
      const deletes = Array.from({ length: n + 1 }, (_, i) => ({ request: { method: 'DELETE', url: `Patient?identifier=urn:test|${i}` } }));
      refused(await post(bundle('batch', deletes)), 'maxSearchEntries', n);
    });

    it('runs searches costing maxSearchCost together and refuses one include more', async () => {
      const perSearch = 10;
      const n = BUNDLE_BUDGET.maxSearchCost / perSearch;
      const searches = Array.from({ length: n }, () => searchCosting(perSearch));
      const ok = await post(bundle('batch', searches));
      assert.equal(ok.status, 200, ok.text);
      assert.deepEqual(new Set(ok.json.entry.map((e: any) => e.response.status)), new Set(['200 OK']));
      refused(await post(bundle('batch', [...searches.slice(1), searchCosting(perSearch + 1)])), 'maxSearchCost', BUNDLE_BUDGET.maxSearchCost);
    });

    it('refuses a transaction over its budget before any entry runs: nothing is written', async () => {
      const searches = Array.from({ length: BUNDLE_BUDGET.maxSearchEntries + 1 }, (_, i) => get(`Patient?_id=p${i}`));
      const create = { request: { method: 'PUT', url: 'Patient/budget-tx' }, resource: { resourceType: 'Patient', id: 'budget-tx' } };
      refused(await post(bundle('transaction', [create, ...searches])), 'maxSearchEntries', BUNDLE_BUDGET.maxSearchEntries);
      assert.equal((await s.request({ method: 'GET', url: '/fhir/Patient/budget-tx' })).status, 404);
    });

    it('refuses more than maxEntries entries', async () => {
      const entries = Array.from({ length: DEFAULTS.maxBundleEntries + 1 }, (_, i) => get(`Patient/p${i}`));
      refused(await post(bundle('batch', entries)), 'maxEntries', DEFAULTS.maxBundleEntries);
    });

    it('refuses a batch of 1,000 costly searches at once instead of running them', async () => {
      const filters = ['family=berg', 'given=kari', 'name=nordmann', 'birthdate=ge1970', 'gender=female', 'address-city=oslo'].join('&');
      const searches = Array.from({ length: 1000 }, (_, i) => get(`Patient?${filters}&identifier=urn:test|${i}`));
      const started = performance.now();
      refused(await post(bundle('batch', searches)), 'maxSearchEntries', BUNDLE_BUDGET.maxSearchEntries);
      const took = performance.now() - started;
      assert.ok(took < 1000, `took ${Math.round(took)} ms`);
    });
  });
}
