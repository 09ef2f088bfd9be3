/**
 * External identity provider mode: tokens from an OpenID Connect provider (here a stand-in serving
 * discovery and JWKS over HTTP) are verified through its discovery document, and its claims are
 * mapped by configuration (HelseID's HPR-number claim, ID-porten's pid).
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { DEFAULTS } from '../../src/config.ts';
import { seedDatabase } from '../../src/cli/seed.ts';
import { getValidator } from '../../src/server.ts';
import { hprNumber } from '../../src/synthetic/population.ts';
import { startTestServer, type TestServer } from '../support/runtime.ts';

const HPR_CLAIM = 'helseid://claims/hpr/hpr_number';
const SEED = 9;

describe('external identity provider', () => {
  let idp: Server;
  let issuer: string;
  let key: CryptoKey;
  let s: TestServer;

  const token = (claims: Record<string, unknown>, opts: { iss?: string; aud?: string } = {}) =>
    new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'idp-1' }).setIssuer(opts.iss ?? issuer).setAudience(opts.aud ?? 'helsebro-api')
      .setSubject('someone').setIssuedAt().setExpirationTime('2m').sign(key);
  const get = async (url: string, t: string) => s.request({ method: 'GET', url, headers: { authorization: `Bearer ${t}` } });

  before(async () => {
    const pair = await generateKeyPair('RS256', { extractable: true });
    key = pair.privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'idp-1', alg: 'RS256', use: 'sig' };
    idp = createServer((req, res) => {
      res.setHeader('content-type', 'application/json');
      if (req.url === '/.well-known/openid-configuration') return res.end(JSON.stringify({ issuer, jwks_uri: `${issuer}/jwks` }));
      if (req.url === '/jwks') return res.end(JSON.stringify({ keys: [jwk] }));
      res.statusCode = 404;
      res.end('{}');
    });
    await new Promise<void>((r) => idp.listen(0, '127.0.0.1', r));
    issuer = `http://127.0.0.1:${(idp.address() as AddressInfo).port}`;
    s = await startTestServer('pglite', { auth: { ...DEFAULTS.auth, mode: 'external', issuer, audience: 'helsebro-api', claims: { ...DEFAULTS.auth.claims, hpr: HPR_CLAIM } } });
    await seedDatabase(s.t.db, await getValidator(), { seed: SEED, patients: 20 });
  });
  after(async () => {
    await s.close();
    await new Promise((r) => idp.close(r));
  });

  it('maps a HelseID token with an HPR-number claim to a doctor with their GP list', async () => {
    const res = await get('/fhir/Patient?_count=50', await token({ [HPR_CLAIM]: hprNumber(SEED, 0), scope: 'user/*.cruds' }));
    assert.equal(res.status, 200, res.text);
    const ids = (res.json.entry ?? []).map((e: any) => e.resource.generalPractitioner?.[1]?.reference);
    assert.ok(ids.length > 0 && ids.every((r: string) => r === 'Practitioner/behandler-1'), ids.join(','));
  });

  it('maps an ID-porten token with pid to the citizen', async () => {
    const patient = JSON.parse((await s.runtime.service.repo.read('Patient', 'pasient-2')).content);
    const res = await get('/fhir/Patient', await token({ pid: patient.identifier[0].value, scope: 'patient/*.rs' }));
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.json.entry.map((e: any) => e.resource.id), ['pasient-2']);
  });

  it('refuses tokens for another audience or from another issuer, and does not issue tokens itself', async () => {
    assert.equal((await get('/fhir/Patient', await token({ pid: '1' }, { aud: 'other-api' }))).status, 401);
    assert.equal((await get('/fhir/Patient', await token({ pid: '1' }, { iss: 'https://evil.example' }))).status, 401);
    const res = await s.app.inject({ method: 'POST', url: '/auth/token', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'grant_type=client_credentials' });
    assert.equal(res.statusCode, 400);
    assert.equal(JSON.parse(res.body).error, 'unsupported_grant_type');
  });
});
