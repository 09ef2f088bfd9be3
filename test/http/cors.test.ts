/**
 * Browser SMART apps: a real CORS preflight over HTTP, as a browser sends it before a request with a
 * bearer token, is answered before authentication on /fhir, the token endpoint and the discovery
 * document — for the configured origins only — and the actual request then carries the CORS headers.
 */
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { DEFAULTS } from '../../src/config.ts';
import { freePort } from '../support/ports.ts';
import { startTestServer, type TestServer } from '../support/runtime.ts';

const ALLOWED = 'https://lege.example';

function send(port: number, method: string, path: string, headers: Record<string, string>): Promise<{ status: number; headers: Record<string, string | string[] | undefined> }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, method, path, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('CORS for browser apps', () => {
  let s: TestServer;
  let port: number;

  before(async () => {
    port = await freePort();
    s = await startTestServer('pglite', { auth: { ...DEFAULTS.auth, mode: 'builtin' }, corsOrigins: [ALLOWED], publicBaseUrl: `http://127.0.0.1:${port}/fhir` });
    await s.app.listen({ host: '127.0.0.1', port });
  });
  after(() => s.close());

  const preflight = (path: string, origin: string, method = 'GET') =>
    send(port, 'OPTIONS', path, { origin, 'access-control-request-method': method, 'access-control-request-headers': 'authorization, content-type' });

  for (const [path, method] of [['/fhir/Patient', 'GET'], ['/fhir/QuestionnaireResponse/$submit', 'POST'], ['/auth/token', 'POST'], ['/.well-known/smart-configuration', 'GET'], ['/fhir/.well-known/smart-configuration', 'GET']]) {
    it(`answers a preflight for ${method} ${path} without a token, for the configured origin`, async () => {
      const res = await preflight(path, ALLOWED, method);
      assert.equal(res.status, 204);
      assert.equal(res.headers['access-control-allow-origin'], ALLOWED);
      assert.match(String(res.headers['access-control-allow-headers']).toLowerCase(), /authorization/);
      assert.match(String(res.headers['access-control-allow-methods']), new RegExp(method));
      assert.equal(res.headers['www-authenticate'], undefined, 'no authentication was asked for');
    });
  }

  it('gives another origin no CORS permission', async () => {
    const res = await preflight('/fhir/Patient', 'https://evil.example');
    assert.equal(res.headers['access-control-allow-origin'], undefined);
  });

  it('puts the CORS and security headers on the request itself, refused or not', async () => {
    const res = await send(port, 'GET', '/fhir/Patient', { origin: ALLOWED });
    assert.equal(res.status, 401);
    assert.equal(res.headers['access-control-allow-origin'], ALLOWED, 'the browser app can read the 401');
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
    assert.ok(res.headers['content-security-policy']);
  });
});
