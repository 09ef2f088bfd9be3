/**
 * An employer reads nothing but $employer-view; their token carries QuestionnaireResponse read for
 * it. The type-level history of QuestionnaireResponse is then an empty history (or a refusal), not
 * a 500 from a statement whose parameters do not match its placeholders.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEFAULTS } from '../../src/config.ts';
import { startTestServer, type TestServer } from '../support/runtime.ts';

describe('an employer asking for the history of a type', () => {
  let s: TestServer;
  let headers: Record<string, string>;

  before(async () => {
    s = await startTestServer('pglite', { auth: { ...DEFAULTS.auth, mode: 'builtin' } });
    headers = { authorization: `Bearer ${await s.runtime.auth.tokenFor('orgnr:974652277')}` };
  });
  after(() => s.close());

  it('is answered without a 500, and shows no version', async () => {
    for (const url of ['/fhir/QuestionnaireResponse/_history', '/fhir/QuestionnaireResponse/_history?_since=2020-01-01']) {
      const res = await s.request({ method: 'GET', url, headers });
      assert.ok(res.status < 500, `${url}: ${res.status} ${res.text.slice(0, 200)}`);
      if (res.status === 200) assert.equal(res.json.entry?.length ?? 0, 0);
    }
  });
});
