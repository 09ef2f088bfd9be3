/**
 * Tokens and the built-in authorisation server: discovery, refusal of bad tokens (none, expired,
 * wrong audience, issuer or signature, alg none), scope escalation, client credentials with
 * private_key_jwt (and replay), authorization code with PKCE, refresh, and the audit of refusals.
 */
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { DEFAULTS } from '../../src/config.ts';
import { loadOrCreateSigningKey } from '../../src/auth/keys.ts';
import { seedDatabase } from '../../src/cli/seed.ts';
import { getValidator } from '../../src/server.ts';
import { hprNumber } from '../../src/synthetic/population.ts';
import { registerConsultation, startTestServer, type TestServer } from '../support/runtime.ts';

const BASE = 'http://helsebro.test/fhir';
const ISSUER = 'http://helsebro.test/auth';
const SEED = 5;

describe('tokens and the built-in authorisation server', () => {
  let s: TestServer;
  let doctor: string;
  let citizenPid: string;

  const get = (url: string, token?: string) => s.request({ method: 'GET', url, headers: token ? { authorization: `Bearer ${token}` } : {} });
  const form = (url: string, body: Record<string, string>) => s.app.inject({ method: 'POST', url, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(body).toString() });

  before(async () => {
    s = await startTestServer('pglite', { auth: { ...DEFAULTS.auth, mode: 'builtin' } });
    await seedDatabase(s.t.db, await getValidator(), { seed: SEED, patients: 30 });
    doctor = await s.runtime.auth.tokenFor(`hpr:${hprNumber(SEED, 0)}`);
    const patient = JSON.parse((await s.runtime.service.repo.read('Patient', 'pasient-1')).content);
    citizenPid = patient.identifier[0].value;
  });
  after(() => s.close());

  it('publishes the SMART configuration and its keys', async () => {
    const conf = await s.request({ method: 'GET', url: '/fhir/.well-known/smart-configuration' });
    assert.equal(conf.status, 200);
    assert.equal(conf.json.issuer, ISSUER);
    assert.equal(conf.json.token_endpoint, `${ISSUER}/token`);
    assert.deepEqual(conf.json.code_challenge_methods_supported, ['S256']);
    assert.ok(conf.json.capabilities.includes('client-confidential-asymmetric'));
    const jwks = await s.request({ method: 'GET', url: '/auth/jwks' });
    assert.equal(jwks.json.keys[0].kty, 'EC');
    assert.equal(jwks.json.keys[0].d, undefined, 'never the private part');
    assert.equal((await get('/fhir/metadata')).status, 200, 'the CapabilityStatement is public');
  });

  it('refuses a request without a token with 401, an OperationOutcome and WWW-Authenticate', async () => {
    const res = await get('/fhir/Patient');
    assert.equal(res.status, 401);
    assert.equal(res.json.resourceType, 'OperationOutcome');
    assert.equal(res.headers['www-authenticate'], 'Bearer realm="helsebro"', 'no error code without credentials (RFC 6750 §3.1)');
    const bad = await get('/fhir/Patient', 'not-a-token');
    assert.equal(bad.headers['www-authenticate'], 'Bearer realm="helsebro", error="invalid_token"');
    assert.equal((await get('/fhir/Patient', doctor)).status, 200);
  });

  it('refuses expired, foreign, forged and unsigned tokens', async () => {
    const key = await loadOrCreateSigningKey(s.t.db);
    const sign = (claims: { iss?: string; aud?: string; exp?: number }, signer = key.privateKey, kid = key.kid) =>
      new SignJWT({ role: 'doctor', scope: 'user/*.cruds', hpr_number: hprNumber(SEED, 0) })
        .setProtectedHeader({ alg: 'ES256', kid }).setSubject('hpr:x').setIssuer(claims.iss ?? ISSUER).setAudience(claims.aud ?? BASE)
        .setIssuedAt().setExpirationTime(claims.exp ?? Math.floor(Date.now() / 1000) + 60).sign(signer);
    const cases: Array<[string, string, RegExp]> = [
      ['expired', await sign({ exp: Math.floor(Date.now() / 1000) - 120 }), /expired/],
      ['wrong audience', await sign({ aud: 'https://other.example/fhir' }), /claim/],
      ['wrong issuer', await sign({ iss: 'https://idp.example' }), /claim/],
      ['wrong signature', await sign({}, (await generateKeyPair('ES256')).privateKey), /signature/],
    ];
    const payload = Buffer.from(JSON.stringify({ sub: 'x', iss: ISSUER, aud: BASE, exp: Math.floor(Date.now() / 1000) + 60, role: 'dev', scope: 'system/*.cruds' })).toString('base64url');
    cases.push(['alg none', `${Buffer.from('{"alg":"none"}').toString('base64url')}.${payload}.`, /.+/]);
    const hmac = await new SignJWT({ role: 'system', scope: 'system/*.cruds' }).setProtectedHeader({ alg: 'HS256' }).setIssuer(ISSUER).setAudience(BASE).setExpirationTime('1m')
      .sign(new TextEncoder().encode(JSON.stringify(key.publicJwk)));
    cases.push(['HMAC with the public key', hmac, /.+/]);
    for (const [name, token, why] of cases) {
      const res = await get('/fhir/Patient', token);
      assert.equal(res.status, 401, name);
      assert.match(res.json.issue[0].diagnostics, why, name);
    }
    assert.equal((await get('/fhir/Patient', await sign({}))).status, 200, 'the same token, correctly made, works');
  });

  it('never widens scopes: a citizen asking for system scopes gets none of them', async () => {
    const token = await s.runtime.auth.tokenFor(`pid:${citizenPid}`, { scope: 'system/*.cruds patient/Patient.r' });
    const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
    assert.equal(claims.scope, 'patient/Patient.r');
    assert.equal((await get('/fhir/Observation', token)).status, 403);
  });

  describe('client credentials with private_key_jwt', () => {
    let privateKey: CryptoKey;
    const assertion = (jti: string, extra: { aud?: string } = {}) =>
      new SignJWT({}).setProtectedHeader({ alg: 'ES256', kid: 'k1' }).setIssuer('lab-system').setSubject('lab-system')
        .setAudience(extra.aud ?? `${ISSUER}/token`).setJti(jti).setIssuedAt().setExpirationTime('2m').sign(privateKey);
    const tokenRequest = async (clientAssertion: string, scope?: string) => form('/auth/token', {
      grant_type: 'client_credentials', client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer', client_assertion: clientAssertion, ...(scope ? { scope } : {}),
    });

    before(async () => {
      const pair = await generateKeyPair('ES256', { extractable: true });
      privateKey = pair.privateKey;
      await s.runtime.auth.registerClient({
        clientId: 'lab-system', name: 'Lab system', kind: 'confidential', scopes: 'system/Patient.rs system/Observation.crs',
        jwks: { keys: [{ ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'ES256' }] }, redirectUris: [],
      });
    });

    it('issues a system token limited to the registered scopes', async () => {
      const res = await tokenRequest(await assertion('a-1'), 'system/Patient.rs');
      assert.equal(res.statusCode, 200, res.body);
      const body = JSON.parse(res.body);
      assert.equal(body.token_type, 'Bearer');
      assert.equal(body.scope, 'system/Patient.rs');
      assert.equal((await get('/fhir/Patient?_count=1', body.access_token)).status, 200);
      assert.equal((await get('/fhir/Observation', body.access_token)).status, 403, 'not in the token');
    });

    it('refuses scope escalation, a replayed assertion and one made for another audience', async () => {
      const escalate = await tokenRequest(await assertion('a-2'), 'system/*.cruds');
      assert.equal(escalate.statusCode, 400);
      assert.equal(JSON.parse(escalate.body).error, 'invalid_scope');
      const once = await assertion('a-3');
      assert.equal((await tokenRequest(once)).statusCode, 200);
      const replay = await tokenRequest(once);
      assert.equal(replay.statusCode, 401);
      assert.match(JSON.parse(replay.body).error_description, /already used/);
      const wrongAud = await tokenRequest(await assertion('a-4', { aud: 'https://elsewhere/token' }));
      assert.equal(wrongAud.statusCode, 401);
    });
  });

  describe('authorization code with PKCE (built-in login by login_hint)', () => {
    const verifier = randomBytes(32).toString('base64url');
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const redirect = 'https://app.example/callback';

    before(async () => {
      await s.runtime.auth.registerClient({ clientId: 'sykmelding-app', name: 'Sykmelding app', kind: 'public', scopes: 'openid fhirUser launch launch/patient offline_access user/*.cruds patient/*.rs', redirectUris: [redirect] });
    });

    const authorize = async (extra: Record<string, string>) => {
      const q = new URLSearchParams({ response_type: 'code', client_id: 'sykmelding-app', redirect_uri: redirect, scope: 'openid fhirUser launch user/*.cruds offline_access', state: 'st4te', aud: BASE, code_challenge: challenge, code_challenge_method: 'S256', login_hint: `hpr:${hprNumber(SEED, 0)}`, ...extra });
      const res = await s.app.inject({ method: 'GET', url: `/auth/authorize?${q}` });
      assert.equal(res.statusCode, 302, res.body);
      return new URL(String(res.headers.location));
    };

    it('runs an EHR launch: launch context, code, token with patient and id_token, refresh', async () => {
      // The EHR registered the consultation, so the doctor may open a launch for this patient.
      await registerConsultation(s.runtime, `hpr:${hprNumber(SEED, 0)}`, 'pasient-2');
      const launch = await s.request({ method: 'POST', url: '/auth/launch', headers: { authorization: `Bearer ${doctor}` }, body: { patient: 'Patient/pasient-2' } });
      assert.equal(launch.status, 201, launch.text);
      const back = await authorize({ launch: launch.json.launch });
      assert.equal(back.searchParams.get('state'), 'st4te');
      const code = back.searchParams.get('code')!;
      const wrong = await form('/auth/token', { grant_type: 'authorization_code', code, redirect_uri: redirect, client_id: 'sykmelding-app', code_verifier: 'x'.repeat(43) });
      assert.equal(wrong.statusCode, 400, 'a wrong verifier burns the code');
      const back2 = await authorize({});
      const ok = await form('/auth/token', { grant_type: 'authorization_code', code: back2.searchParams.get('code')!, redirect_uri: redirect, client_id: 'sykmelding-app', code_verifier: verifier });
      assert.equal(ok.statusCode, 200, ok.body);
      const body = JSON.parse(ok.body);
      assert.ok(body.id_token && body.refresh_token);
      assert.equal((await get('/fhir/Patient?_count=1', body.access_token)).status, 200);
      const refreshed = await form('/auth/token', { grant_type: 'refresh_token', refresh_token: body.refresh_token, client_id: 'sykmelding-app' });
      assert.equal(refreshed.statusCode, 200);
      const reused = await form('/auth/token', { grant_type: 'refresh_token', refresh_token: body.refresh_token, client_id: 'sykmelding-app' });
      assert.equal(reused.statusCode, 400, 'refresh tokens rotate');
    });

    it('refuses an authorisation request without PKCE or for another server', async () => {
      assert.equal((await authorize({ code_challenge_method: 'plain' })).searchParams.get('error'), 'invalid_request');
      assert.equal((await authorize({ aud: 'https://other/fhir' })).searchParams.get('error'), 'invalid_request');
    });
  });

  it('records refused attempts in the audit log, and AuditEvents cannot be written', async () => {
    await get('/fhir/Patient/pasient-1');
    const rows = await s.t.db.query<{ n: string }>("SELECT count(*) AS n FROM audit_log WHERE status = 401 AND resource_id = 'pasient-1'");
    assert.ok(Number(rows.rows[0].n) >= 1);
    const ids = await s.t.db.query<{ id: string }>("SELECT id FROM audit_log WHERE status = 401 AND resource_id = 'pasient-1'");
    for (const { id } of ids.rows) assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/, 'audit ids are time-ordered UUIDs (version 7)');
    const write = await s.request({ method: 'POST', url: '/fhir/AuditEvent', headers: { authorization: `Bearer ${doctor}` }, body: { resourceType: 'AuditEvent', type: { code: 'rest' }, recorded: '2026-01-01T00:00:00Z', agent: [{ requestor: true }], source: { observer: { display: 'x' } } } });
    assert.ok(write.status === 405 || write.status === 403, write.text);
  });

  it('does not serve an access whose audit record cannot be stored', async () => {
    // A patient on this doctor's GP list, so the read itself is allowed.
    const mine = await get('/fhir/Patient?_count=1', doctor);
    const id = mine.json.entry[0].resource.id;
    assert.equal((await get(`/fhir/Patient/${id}`, doctor)).status, 200);
    await s.t.db.exec('ALTER TABLE audit_log RENAME TO audit_log_away');
    try {
      const res = await get(`/fhir/Patient/${id}`, doctor);
      assert.equal(res.status, 500);
      assert.ok(!res.text.includes('"resourceType":"Patient"'), 'the patient must not be sent');
    } finally {
      await s.t.db.exec('ALTER TABLE audit_log_away RENAME TO audit_log');
    }
  });
});
