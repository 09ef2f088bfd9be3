/**
 * The token endpoint answers every malformed request with a JSON OAuth error, never a 500; a 401
 * carries the security headers; a refresh token is redeemed only by the client it was issued to,
 * and an authorization code only with the client id it was issued for.
 */
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { DEFAULTS } from '../../src/config.ts';
import { seedDatabase } from '../../src/cli/seed.ts';
import { hprNumber } from '../../src/synthetic/population.ts';
import { startTestServer, type TestServer } from '../support/runtime.ts';

const SEED = 1;
const BASE = 'http://helsebro.test/fhir';
const REDIRECT = 'https://app.example/callback';

describe('token endpoint errors and client binding', () => {
  let s: TestServer;
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  const form = (body: Record<string, string>) => s.app.inject({ method: 'POST', url: '/auth/token', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(body).toString() });
  const code = async (clientId: string) => {
    const q = new URLSearchParams({ response_type: 'code', client_id: clientId, redirect_uri: REDIRECT, scope: 'openid user/*.cruds offline_access', aud: BASE, code_challenge: challenge, code_challenge_method: 'S256', login_hint: `hpr:${hprNumber(SEED, 0)}` });
    const res = await s.app.inject({ method: 'GET', url: `/auth/authorize?${q}` });
    assert.equal(res.statusCode, 302, res.body);
    return new URL(String(res.headers.location)).searchParams.get('code')!;
  };

  before(async () => {
    s = await startTestServer('pglite', { auth: { ...DEFAULTS.auth, mode: 'builtin' } });
    await seedDatabase(s.t.db, s.runtime.validator, { seed: SEED, patients: 40 });
    for (const id of ['app-a', 'app-b']) await s.runtime.auth.registerClient({ clientId: id, name: id, kind: 'public', scopes: 'openid offline_access user/*.cruds', redirectUris: [REDIRECT] });
  });
  after(() => s.close());

  it('answers bad JSON, a wrong content type and an empty body with invalid_request, never 500', async () => {
    const cases = [
      { 'content-type': 'application/json', payload: '{"grant_type":' },
      { 'content-type': 'application/fhir+json', payload: '{not json' },
      { 'content-type': 'application/json', payload: '{"grant_type":"refresh_token","refresh_token":"x"}' },
      { 'content-type': 'text/plain', payload: 'grant_type=refresh_token' },
      { 'content-type': 'application/xml', payload: '<x/>' },
      { 'content-type': 'application/x-www-form-urlencoded', payload: '' },
    ];
    for (const { payload, ...headers } of cases) {
      const res = await s.app.inject({ method: 'POST', url: '/auth/token', headers, payload });
      assert.ok(res.statusCode >= 400 && res.statusCode < 500, `${headers['content-type']}: ${res.statusCode} ${res.body}`);
      assert.match(String(res.headers['content-type']), /application\/json/);
      const body = JSON.parse(res.body);
      assert.equal(typeof body.error, 'string', res.body);
      if (headers['content-type'] !== 'application/x-www-form-urlencoded') assert.equal(body.error, 'invalid_request', `${headers['content-type']}: ${res.body}`);
      assert.equal(res.headers['x-content-type-options'], 'nosniff');
    }
  });

  it('sends the security headers with a 401', async () => {
    const res = await s.app.inject({ method: 'GET', url: '/fhir/Patient' });
    assert.equal(res.statusCode, 401);
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
    assert.match(String(res.headers['content-security-policy']), /default-src 'none'/);
    assert.ok(res.headers['strict-transport-security']);
  });

  it('exchanges a code only with the client id it was issued for', async () => {
    const missing = await form({ grant_type: 'authorization_code', code: await code('app-a'), redirect_uri: REDIRECT, code_verifier: verifier });
    assert.equal(missing.statusCode, 400, 'no client_id');
    const other = await form({ grant_type: 'authorization_code', code: await code('app-a'), redirect_uri: REDIRECT, client_id: 'app-b', code_verifier: verifier });
    assert.equal(other.statusCode, 400, 'another client');
    assert.equal(JSON.parse(other.body).error, 'invalid_grant');
    const ok = await form({ grant_type: 'authorization_code', code: await code('app-a'), redirect_uri: REDIRECT, client_id: 'app-a', code_verifier: verifier });
    assert.equal(ok.statusCode, 200, ok.body);
  });

  it('redeems a refresh token only for the client it was issued to', async () => {
    const issued = await form({ grant_type: 'authorization_code', code: await code('app-a'), redirect_uri: REDIRECT, client_id: 'app-a', code_verifier: verifier });
    const refresh = JSON.parse(issued.body).refresh_token as string;
    assert.ok(refresh);
    const stolen = await form({ grant_type: 'refresh_token', refresh_token: refresh, client_id: 'app-b' });
    assert.equal(stolen.statusCode, 400, stolen.body);
    assert.equal(JSON.parse(stolen.body).error, 'invalid_grant');
    const anonymous = await form({ grant_type: 'refresh_token', refresh_token: refresh });
    assert.equal(anonymous.statusCode, 400, 'without a client id');
    const own = await form({ grant_type: 'refresh_token', refresh_token: refresh, client_id: 'app-a' });
    assert.equal(own.statusCode, 200, `a refused attempt does not burn the client's own token: ${own.body}`);
  });
});
