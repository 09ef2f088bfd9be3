/** Security headers, CORS for browser apps, and the per-client rate limit answered with a 429 OperationOutcome. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestServer, type TestServer } from '../support/runtime.ts';

describe('hardening', () => {
  let s: TestServer;
  before(async () => {
    s = await startTestServer('pglite', { rateLimitPerMinute: 5, corsOrigins: ['https://app.example'] });
  });
  after(() => s.close());

  it('sends security headers', async () => {
    const res = await s.request({ method: 'GET', url: '/fhir/metadata' });
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
    assert.match(String(res.headers['content-security-policy']), /default-src 'none'/);
    assert.ok(res.headers['strict-transport-security']);
  });

  it('answers CORS preflights for allowed origins only', async () => {
    const ok = await s.app.inject({ method: 'OPTIONS', url: '/fhir/Patient', headers: { origin: 'https://app.example', 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' } });
    assert.equal(ok.headers['access-control-allow-origin'], 'https://app.example');
    const other = await s.app.inject({ method: 'OPTIONS', url: '/fhir/Patient', headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' } });
    assert.equal(other.headers['access-control-allow-origin'], undefined);
  });

  it('limits each client and says so in an OperationOutcome', async () => {
    const statuses: number[] = [];
    let last;
    for (let i = 0; i < 7; i++) {
      last = await s.request({ method: 'GET', url: '/fhir/Patient' });
      statuses.push(last.status);
    }
    assert.ok(statuses.slice(0, 3).every((x) => x === 200), statuses.join(','));
    assert.equal(statuses.at(-1), 429);
    assert.equal(last!.json.resourceType, 'OperationOutcome');
    assert.equal(last!.json.issue[0].code, 'throttled');
  });
});
