/**
 * Token revocation (RFC 7009) over HTTP, on both PGlite and PostgreSQL: a revoked refresh token and
 * every token of its family can no longer be used; a client cannot revoke another client's token
 * and is answered as for an unknown one; access tokens are refused as unsupported; a malformed
 * request is a JSON OAuth error. The endpoint is advertised in the SMART configuration.
 */
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { DEFAULTS } from '../../src/config.ts';
import { seedDatabase } from '../../src/cli/seed.ts';
import { hprNumber } from '../../src/synthetic/population.ts';
import { DIALECTS } from '../support/databases.ts';
import { freePort } from '../support/ports.ts';
import { startTestServer, type TestServer } from '../support/runtime.ts';

const SEED = 3;
const REDIRECT = 'https://app.example/callback';
const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

for (const dialect of DIALECTS) {
  describe(`token revocation (${dialect})`, () => {
    let s: TestServer;
    let origin: string;
    let privateKey: CryptoKey;
    const verifier = randomBytes(32).toString('base64url');
    const challenge = createHash('sha256').update(verifier).digest('base64url');

    const post = async (path: string, body: Record<string, string>, contentType = 'application/x-www-form-urlencoded') => {
      const res = await fetch(`${origin}${path}`, { method: 'POST', headers: { 'content-type': contentType }, body: new URLSearchParams(body).toString() });
      const text = await res.text();
      return { status: res.status, headers: res.headers, text, json: text ? JSON.parse(text) : undefined };
    };
    const revoke = (body: Record<string, string>) => post('/auth/revoke', body);
    const refresh = (token: string, clientId: string) => post('/auth/token', { grant_type: 'refresh_token', refresh_token: token, client_id: clientId });
    /** A code flow for `clientId`, up to its access and refresh token. */
    const grant = async (clientId: string): Promise<{ access: string; refresh: string }> => {
      const q = new URLSearchParams({ response_type: 'code', client_id: clientId, redirect_uri: REDIRECT, scope: 'openid user/*.cruds offline_access', aud: `${origin}/fhir`, code_challenge: challenge, code_challenge_method: 'S256', login_hint: `hpr:${hprNumber(SEED, 0)}` });
      const authorized = await fetch(`${origin}/auth/authorize?${q}`, { redirect: 'manual' });
      assert.equal(authorized.status, 302, await authorized.text());
      const code = new URL(authorized.headers.get('location')!).searchParams.get('code')!;
      const issued = await post('/auth/token', { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, client_id: clientId, code_verifier: verifier });
      assert.equal(issued.status, 200, issued.text);
      return { access: issued.json.access_token, refresh: issued.json.refresh_token };
    };
    const assertion = (jti: string, aud = `${origin}/auth/revoke`) =>
      new SignJWT({}).setProtectedHeader({ alg: 'ES256', kid: 'k1' }).setIssuer('lab-system').setSubject('lab-system')
        .setAudience(aud).setJti(jti).setIssuedAt().setExpirationTime('2m').sign(privateKey);
    const familyOf = async (refreshToken: string) => {
      const rows = await s.t.db.query<{ family: string }>('SELECT family FROM auth_grant WHERE hash = $1', [sha256(refreshToken)]);
      const live = await s.t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM auth_grant WHERE family = $1 AND revoked_at IS NULL', [rows.rows[0].family]);
      const all = await s.t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM auth_grant WHERE family = $1', [rows.rows[0].family]);
      return { live: Number(live.rows[0].n), all: Number(all.rows[0].n) };
    };

    before(async () => {
      const port = await freePort();
      origin = `http://127.0.0.1:${port}`;
      s = await startTestServer(dialect, { auth: { ...DEFAULTS.auth, mode: 'builtin' }, publicBaseUrl: `${origin}/fhir` });
      await seedDatabase(s.t.db, s.runtime.validator, { seed: SEED, patients: 5 });
      for (const id of ['app-a', 'app-b']) await s.runtime.auth.registerClient({ clientId: id, name: id, kind: 'public', scopes: 'openid offline_access user/*.cruds', redirectUris: [REDIRECT] });
      const pair = await generateKeyPair('ES256', { extractable: true });
      privateKey = pair.privateKey;
      await s.runtime.auth.registerClient({
        clientId: 'lab-system', name: 'Lab system', kind: 'confidential', scopes: 'system/Patient.rs',
        jwks: { keys: [{ ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'ES256' }] }, redirectUris: [],
      });
      await s.app.listen({ host: '127.0.0.1', port });
    });
    after(() => s.close());

    it('is advertised in the SMART configuration', async () => {
      const smart = await (await fetch(`${origin}/.well-known/smart-configuration`)).json() as Record<string, unknown>;
      assert.equal(smart.revocation_endpoint, `${origin}/auth/revoke`);
      assert.deepEqual(smart.revocation_endpoint_auth_methods_supported, ['private_key_jwt', 'none']);
      const statement = await (await fetch(`${origin}/fhir/metadata`)).json() as { rest: Array<{ security: { extension: Array<{ url: string; extension: Array<{ url: string; valueUri: string }> }> } }> };
      const uris = statement.rest[0].security.extension.find((e) => e.url.endsWith('/oauth-uris'))!;
      assert.equal(uris.extension.find((e) => e.url === 'revoke')?.valueUri, smart.revocation_endpoint);
    });

    it('revokes a refresh token: it can no longer be used', async () => {
      const { refresh: token } = await grant('app-a');
      const res = await revoke({ token, token_type_hint: 'refresh_token', client_id: 'app-a' });
      assert.equal(res.status, 200, res.text);
      assert.equal(res.text, '');
      assert.equal(res.headers.get('cache-control'), 'no-store');
      const used = await refresh(token, 'app-a');
      assert.equal(used.status, 400, used.text);
      assert.equal(used.json.error, 'invalid_grant');
    });

    it('revokes the whole family: a token rotated from the revoked one is refused too', async () => {
      const { refresh: first } = await grant('app-a');
      const second = (await refresh(first, 'app-a')).json.refresh_token as string;
      const third = (await refresh(second, 'app-a')).json.refresh_token as string;
      assert.ok(third);
      assert.deepEqual(await familyOf(third), { live: 4, all: 4 }, 'the code and three refresh tokens');
      // The client names the first token of the session, long since rotated.
      assert.equal((await revoke({ token: first, client_id: 'app-a' })).status, 200);
      assert.deepEqual(await familyOf(third), { live: 0, all: 4 });
      const used = await refresh(third, 'app-a');
      assert.equal(used.status, 400, used.text);
      assert.equal(used.json.error, 'invalid_grant');
    });

    it("does not revoke another client's token, and answers as for an unknown one", async () => {
      const { refresh: token } = await grant('app-a');
      const stolen = await revoke({ token, client_id: 'app-b' });
      const unknown = await revoke({ token: randomBytes(32).toString('base64url'), client_id: 'app-b' });
      assert.equal(stolen.status, 200, stolen.text);
      assert.deepEqual([stolen.status, stolen.text], [unknown.status, unknown.text]);
      const own = await refresh(token, 'app-a');
      assert.equal(own.status, 200, `the owner's token still works: ${own.text}`);
    });

    it('answers 200 for an unknown, already revoked or oddly hinted token', async () => {
      assert.equal((await revoke({ token: 'no-such-token', client_id: 'app-a' })).status, 200);
      assert.equal((await revoke({ token: 'no-such-token', token_type_hint: 'access_token', client_id: 'app-a' })).status, 200);
      assert.equal((await revoke({ token: 'no-such-token', token_type_hint: 'something-else', client_id: 'app-a' })).status, 200);
      const { refresh: token } = await grant('app-b');
      assert.equal((await revoke({ token, client_id: 'app-b' })).status, 200);
      assert.equal((await revoke({ token, client_id: 'app-b' })).status, 200, 'a second revocation');
    });

    it('refuses to revoke an access token (unsupported_token_type), whatever the hint', async () => {
      const { access } = await grant('app-a');
      const hints: Array<Record<string, string>> = [{}, { token_type_hint: 'access_token' }, { token_type_hint: 'refresh_token' }];
      for (const hint of hints) {
        const res = await revoke({ token: access, client_id: 'app-a', ...hint });
        assert.equal(res.status, 400, res.text);
        assert.equal(res.json.error, 'unsupported_token_type');
        assert.match(res.json.error_description, /refresh token/);
      }
    });

    it('authenticates a confidential client by its client assertion, as the token endpoint does', async () => {
      const withoutAssertion = await revoke({ token: 'x', client_id: 'lab-system' });
      assert.equal(withoutAssertion.status, 401, withoutAssertion.text);
      assert.equal(withoutAssertion.json.error, 'invalid_client');
      const signed = await assertion('r-1');
      const fields = { client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer', client_assertion: signed };
      assert.equal((await revoke({ token: 'x', ...fields })).status, 200);
      const replay = await revoke({ token: 'x', ...fields });
      assert.equal(replay.status, 401, 'an assertion is used once');
      assert.equal(replay.json.error, 'invalid_client');
      const forToken = await revoke({ token: 'x', client_assertion_type: fields.client_assertion_type, client_assertion: await assertion('r-2', `${origin}/auth/token`) });
      assert.equal(forToken.status, 200, `an assertion made for the token endpoint serves too: ${forToken.text}`);
      const otherAudience = await revoke({ token: 'x', client_assertion_type: fields.client_assertion_type, client_assertion: await assertion('r-3', 'https://elsewhere.example/token') });
      assert.equal(otherAudience.status, 401, otherAudience.text);
      const mismatch = await revoke({ token: 'x', client_id: 'app-a', ...fields, client_assertion: await assertion('r-4') });
      assert.equal(mismatch.status, 401, 'client_id and the assertion name different clients');
    });

    it('answers a bad request with a JSON OAuth error', async () => {
      const cases: Array<[string, Record<string, string>, string, number, string]> = [
        ['no token', { client_id: 'app-a' }, 'application/x-www-form-urlencoded', 400, 'invalid_request'],
        ['no client', { token: 'x' }, 'application/x-www-form-urlencoded', 401, 'invalid_client'],
        ['unknown client', { token: 'x', client_id: 'nobody' }, 'application/x-www-form-urlencoded', 401, 'invalid_client'],
        ['JSON body', { token: 'x', client_id: 'app-a' }, 'application/json', 400, 'invalid_request'],
        ['wrong assertion type', { token: 'x', client_assertion_type: 'password', client_assertion: 'y' }, 'application/x-www-form-urlencoded', 401, 'invalid_client'],
      ];
      for (const [what, body, contentType, status, error] of cases) {
        const res = await post('/auth/revoke', body, contentType);
        assert.equal(res.status, status, `${what}: ${res.text}`);
        assert.match(String(res.headers.get('content-type')), /application\/json/, what);
        assert.equal(res.json.error, error, what);
        assert.equal(typeof res.json.error_description, 'string', what);
      }
      const huge = await post('/auth/revoke', { token: 'x'.repeat(70 * 1024), client_id: 'app-a' });
      assert.equal(huge.status, 400, 'a body over the size limit');
      assert.equal(huge.json.error, 'invalid_request');
    });
  });
}
