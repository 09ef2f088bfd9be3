/**
 * A page carries at most SEARCH_LIMITS.maxIncluded included resources; when more were to be
 * included, the searchset says so with an OperationOutcome entry in search mode `outcome`.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SEARCH_LIMITS } from '../../src/fhir/search/limits.ts';
import { DIALECTS } from '../support/databases.ts';
import { startTestServer, type TestServer } from '../support/runtime.ts';

const MAX = SEARCH_LIMITS.maxIncluded;

for (const dialect of DIALECTS) {
  describe(`included resources over the cap on ${dialect}`, () => {
    let s: TestServer;
    before(async () => {
      s = await startTestServer(dialect);
      // Patient 'over' has one Observation more than a page includes, 'at' exactly as many.
      for (const [patient, observations] of [['over', MAX + 1], ['at', MAX]] as const) {
        const put = await s.request({ method: 'PUT', url: `/fhir/Patient/${patient}`, body: { resourceType: 'Patient', id: patient } });
        assert.equal(put.status, 201, put.text);
        const id = `'obs-${patient}-' || g`;
        await s.t.db.query(`INSERT INTO resource (resource_type, id, version_id, last_updated, content)
          SELECT 'Observation', ${id}, 1, now(), '{"resourceType":"Observation","id":"obs-${patient}-' || g || '","status":"final","code":{"text":"puls"},"subject":{"reference":"Patient/${patient}"}}'
          FROM generate_series(1, ${observations}) g`);
        await s.t.db.query(`INSERT INTO sp_reference (resource_type, id, param, target_type, target_id)
          SELECT 'Observation', ${id}, 'subject', 'Patient', '${patient}' FROM generate_series(1, ${observations}) g`);
      }
    });
    after(() => s.close());

    const search = async (patient: string) => {
      const res = await s.request({ method: 'GET', url: `/fhir/Patient?_id=${patient}&_revinclude=Observation:subject` });
      assert.equal(res.status, 200, res.text);
      const byMode = (mode: string) => res.json.entry.filter((e: any) => e.search.mode === mode);
      return { matches: byMode('match'), includes: byMode('include'), outcomes: byMode('outcome') };
    };

    it('says the included resources were truncated when more than the cap were to be included', async () => {
      const { matches, includes, outcomes } = await search('over');
      assert.equal(matches.length, 1);
      assert.equal(includes.length, MAX);
      assert.equal(outcomes.length, 1);
      const issue = outcomes[0].resource.issue[0];
      assert.equal(outcomes[0].resource.resourceType, 'OperationOutcome');
      assert.equal(issue.severity, 'warning');
      assert.equal(issue.code, 'incomplete');
      assert.match(issue.diagnostics, /truncated.*maxIncluded|maxIncluded.*truncated/);
    });

    it('adds no outcome when every included resource fits', async () => {
      const { includes, outcomes } = await search('at');
      assert.equal(includes.length, MAX);
      assert.equal(outcomes.length, 0);
    });
  });
}
