/**
 * A search parameter expression that fails while a resource is indexed does not fail the write and
 * is not silent: the parameter gets no rows, the failure is logged and counted per resource type and
 * parameter (helsebro_index_extraction_failures_total in /metrics). The failure is made here by an
 * expression evaluator that throws for Patient.deceased.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it, mock } from 'node:test';
import fhirpath from 'fhirpath';
import { extractIndexRows } from '../../src/fhir/search/extract.ts';
import type { IndexFailure } from '../../src/fhir/search/index-failures.ts';
import { DIALECTS } from '../support/databases.ts';
import { startTestServer, type TestServer } from '../support/runtime.ts';

const compile = fhirpath.compile.bind(fhirpath);
mock.method(fhirpath, 'compile', (expression: string, ...rest: unknown[]) => (expression.startsWith('Patient.deceased')
  ? () => { throw new Error('evaluation failed'); }
  : (compile as (...args: unknown[]) => unknown)(expression, ...rest)));

const PATIENT = { resourceType: 'Patient', name: [{ family: 'Nordmann', given: ['Kari'] }], deceasedBoolean: false };

it('extraction tells of a failing expression and indexes the other parameters', () => {
  const failures: IndexFailure[] = [];
  const rows = extractIndexRows(PATIENT, (f) => failures.push(f));
  assert.deepEqual(failures.map((f) => [f.resourceType, f.param, (f.error as Error).message]), [['Patient', 'deceased', 'evaluation failed']]);
  assert.ok(rows.string.some((r) => r.param === 'family' && r.exact === 'Nordmann'));
  assert.ok(!rows.token.some((r) => r.param === 'deceased'));
});

for (const dialect of DIALECTS) {
  describe(`a failing index expression on a write (${dialect})`, () => {
    let s: TestServer;
    before(async () => {
      s = await startTestServer(dialect);
    });
    after(() => s.close());

    it('stores the resource, logs the failure and counts it in /metrics', async () => {
      const warn = mock.method(s.app.log, 'warn');
      const created = await s.request({ method: 'POST', url: '/fhir/Patient', body: PATIENT });
      assert.equal(created.status, 201, created.text);
      const logged = warn.mock.calls.map((c) => c.arguments[0] as { resourceType?: string; param?: string });
      assert.ok(logged.some((l) => l.resourceType === 'Patient' && l.param === 'deceased'), 'the failure is logged');
      const metrics = await s.request({ method: 'GET', url: '/metrics' });
      assert.match(metrics.text, /helsebro_index_extraction_failures_total\{resource_type="Patient",param="deceased"\} 1\b/);
      const found = await s.request({ method: 'GET', url: '/fhir/Patient?family=Nordmann' });
      assert.equal(found.json.total ?? found.json.entry?.length, 1);
    });
  });
}
