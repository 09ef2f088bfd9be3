/**
 * Authorisation codes, refresh tokens and launch contexts live in the database: one issued by a
 * runtime is honoured by another on the same database (a restart, a second node). Each is used
 * once; a replayed code or refresh token is refused and revokes what descends from it; an expired
 * one is refused; only a SHA-256 of each is stored. On both PGlite and PostgreSQL.
 */
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { DEFAULTS, type Config } from '../../src/config.ts';
import { seedDatabase } from '../../src/cli/seed.ts';
import { createRuntime, getValidator, type Runtime } from '../../src/server.ts';
import { hprNumber } from '../../src/synthetic/population.ts';
import { DIALECTS } from '../support/databases.ts';
import { registerConsultation, startTestServer, type TestServer } from '../support/runtime.ts';

const SEED = 2;
const BASE = 'http://helsebro.test/fhir';
const REDIRECT = 'https://app.example/callback';
const DOCTOR = `hpr:${hprNumber(SEED, 0)}`;
const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

for (const dialect of DIALECTS) {
  describe(`grants shared by runtimes on one database (${dialect})`, () => {
    let clock = Date.now();
    const now = () => new Date(clock);
    let first: TestServer;
    let second: Runtime;
    const verifier = randomBytes(32).toString('base64url');
    const challenge = createHash('sha256').update(verifier).digest('base64url');

    const form = (runtime: Runtime, body: Record<string, string>) => runtime.app.inject({ method: 'POST', url: '/auth/token', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(body).toString() });
    const authorize = async (runtime: Runtime, extra: Record<string, string> = {}) => {
      const q = new URLSearchParams({ response_type: 'code', client_id: 'grant-app', redirect_uri: REDIRECT, scope: 'openid user/*.cruds offline_access', aud: BASE, code_challenge: challenge, code_challenge_method: 'S256', login_hint: DOCTOR, ...extra });
      const res = await runtime.app.inject({ method: 'GET', url: `/auth/authorize?${q}` });
      assert.equal(res.statusCode, 302, res.body);
      return new URL(String(res.headers.location));
    };
    const code = async (runtime: Runtime) => (await authorize(runtime)).searchParams.get('code')!;
    const exchange = (runtime: Runtime, c: string) => form(runtime, { grant_type: 'authorization_code', code: c, redirect_uri: REDIRECT, client_id: 'grant-app', code_verifier: verifier });
    const refresh = (runtime: Runtime, token: string) => form(runtime, { grant_type: 'refresh_token', refresh_token: token, client_id: 'grant-app' });
    const errorOf = (res: { body: string }) => JSON.parse(res.body).error as string;

    before(async () => {
      first = await startTestServer(dialect, { auth: { ...DEFAULTS.auth, mode: 'builtin' } }, { now });
      await seedDatabase(first.t.db, await getValidator(), { seed: SEED, patients: 5 });
      await first.runtime.auth.registerClient({ clientId: 'grant-app', name: 'Grant app', kind: 'public', scopes: 'openid fhirUser launch offline_access user/*.cruds', redirectUris: [REDIRECT] });
      // Another runtime on the same database: the same server after a restart, or a second node.
      second = await createRuntime(first.runtime.config as Config, { db: first.t.db, logger: false, now });
    });
    after(async () => {
      await second.close();
      await first.close();
    });

    it('redeems on one runtime a code issued by the other, once', async () => {
      const c = await code(first.runtime);
      const ok = await exchange(second, c);
      assert.equal(ok.statusCode, 200, ok.body);
      const replay = await exchange(first.runtime, c);
      assert.equal(replay.statusCode, 400);
      assert.equal(errorOf(replay), 'invalid_grant');
    });

    it('refuses an expired code', async () => {
      const c = await code(first.runtime);
      clock += 61_000;
      const late = await exchange(first.runtime, c);
      assert.equal(late.statusCode, 400);
      assert.equal(errorOf(late), 'invalid_grant');
    });

    it('keeps a refresh token across a restart and rotates it; reuse revokes the family', async () => {
      const tokens = JSON.parse((await exchange(first.runtime, await code(first.runtime))).body);
      const rotated = await refresh(second, tokens.refresh_token);
      assert.equal(rotated.statusCode, 200, rotated.body);
      const next = JSON.parse(rotated.body).refresh_token as string;
      assert.notEqual(next, tokens.refresh_token);
      const reused = await refresh(first.runtime, tokens.refresh_token);
      assert.equal(reused.statusCode, 400);
      assert.equal(errorOf(reused), 'invalid_grant');
      const afterReuse = await refresh(second, next);
      assert.equal(afterReuse.statusCode, 400, 'a reused refresh token revokes the tokens rotated from it');
      assert.equal(errorOf(afterReuse), 'invalid_grant');
    });

    it('revokes the refresh tokens of a code that is replayed', async () => {
      const c = await code(first.runtime);
      const tokens = JSON.parse((await exchange(first.runtime, c)).body);
      assert.equal((await exchange(second, c)).statusCode, 400);
      const res = await refresh(first.runtime, tokens.refresh_token);
      assert.equal(res.statusCode, 400);
      assert.equal(errorOf(res), 'invalid_grant');
    });

    it('refuses an expired refresh token', async () => {
      const tokens = JSON.parse((await exchange(first.runtime, await code(first.runtime))).body);
      clock += 8 * 60 * 60_000 + 1000;
      const res = await refresh(first.runtime, tokens.refresh_token);
      assert.equal(res.statusCode, 400);
      assert.equal(errorOf(res), 'invalid_grant');
    });

    it('honours on one runtime a launch opened on the other, once', async () => {
      await registerConsultation(first.runtime, DOCTOR, 'pasient-2');
      const doctor = await first.runtime.auth.tokenFor(DOCTOR);
      const launch = await first.request({ method: 'POST', url: '/auth/launch', headers: { authorization: `Bearer ${doctor}` }, body: { patient: 'Patient/pasient-2' } });
      assert.equal(launch.status, 201, launch.text);
      const back = await authorize(second, { launch: launch.json.launch, scope: 'openid launch user/*.cruds' });
      assert.ok(back.searchParams.get('code'), back.toString());
      const tokens = JSON.parse((await exchange(first.runtime, back.searchParams.get('code')!)).body);
      assert.equal(tokens.patient, 'pasient-2');
      const again = await authorize(first.runtime, { launch: launch.json.launch, scope: 'openid launch user/*.cruds' });
      assert.equal(again.searchParams.get('error'), 'invalid_request');
    });

    it('stores only a SHA-256 of each code and token', async () => {
      const c = await code(first.runtime);
      const tokens = JSON.parse((await exchange(first.runtime, c)).body);
      const rows = (await first.t.db.query<Record<string, unknown>>('SELECT * FROM auth_grant')).rows;
      const stored = JSON.stringify(rows);
      assert.ok(!stored.includes(c), 'the raw code is not stored');
      assert.ok(!stored.includes(tokens.refresh_token), 'the raw refresh token is not stored');
      const hashes = rows.map((r) => r.hash);
      assert.ok(hashes.includes(sha256(c)));
      assert.ok(hashes.includes(sha256(tokens.refresh_token)));
    });
  });
}
