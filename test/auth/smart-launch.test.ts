/**
 * The SMART EHR launch end to end, with the app built from standard off-the-shelf clients: SMART
 * FHIR reads through `fhir-kit-client`, the OAuth 2.0 authorisation-code flow with
 * PKCE through `oauth4webapi`. The EHR registers a launch context, the app discovers the server
 * and redirects to the built-in authorisation server, the user signs in, the app exchanges the
 * code and reads the launch patient — and is refused another patient.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { Client } from 'fhir-kit-client';
import * as oauth from 'oauth4webapi';
import { DEFAULTS } from '../../src/config.ts';
import { seedDatabase } from '../../src/cli/seed.ts';
import { getValidator } from '../../src/server.ts';
import { hprNumber } from '../../src/synthetic/population.ts';
import { startTestServer, type TestServer } from '../support/runtime.ts';

const SEED = 3;

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
  const { port } = probe.address() as AddressInfo;
  await new Promise((r) => probe.close(r));
  return port;
}

/** A user agent that keeps nothing but follows what it is told, one step at a time. */
async function go(url: string, init: RequestInit = {}): Promise<Response> {
  return fetch(url, { ...init, redirect: 'manual' });
}

describe('SMART EHR launch with standard clients', () => {
  let s: TestServer;
  let app: Server;
  let fhirBase: string;
  let appBase: string;
  /** What the app remembers between the launch and the callback, keyed by OAuth `state`. */
  const pending = new Map<string, { verifier: string; as: oauth.AuthorizationServer; iss: string }>();
  const client: oauth.Client = { client_id: 'ehr-app' };
  const insecure = { [oauth.allowInsecureRequests]: true };

  async function launch(url: URL, res: import('node:http').ServerResponse): Promise<void> {
    const iss = url.searchParams.get('iss')!;
    // SMART discovery: the server's smart-configuration is an OAuth authorisation-server description.
    const as = (await (await fetch(`${iss}/.well-known/smart-configuration`)).json()) as oauth.AuthorizationServer;
    const verifier = oauth.generateRandomCodeVerifier();
    const state = oauth.generateRandomState();
    pending.set(state, { verifier, as, iss });
    const target = new URL(as.authorization_endpoint!);
    target.search = new URLSearchParams({
      response_type: 'code', client_id: client.client_id, redirect_uri: `${appBase}/callback`,
      scope: 'launch openid fhirUser user/*.cruds', state, aud: iss, launch: url.searchParams.get('launch')!,
      code_challenge: await oauth.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256',
    }).toString();
    res.writeHead(302, { location: target.toString() });
    res.end();
  }

  async function callback(url: URL): Promise<Record<string, unknown>> {
    const session = pending.get(url.searchParams.get('state') ?? '');
    if (!session) throw new Error('unknown state');
    const params = oauth.validateAuthResponse(session.as, client, url, url.searchParams.get('state')!);
    const response = await oauth.authorizationCodeGrantRequest(session.as, client, oauth.None(), params, `${appBase}/callback`, session.verifier, insecure);
    const tokens = await oauth.processAuthorizationCodeResponse(session.as, client, response);
    const fhir = new Client({ baseUrl: session.iss, bearerToken: tokens.access_token });
    const patientId = String(tokens.patient);
    const patient = (await fhir.read({ resourceType: 'Patient', id: patientId })) as { id?: string };
    const other = await fhir.read({ resourceType: 'Patient', id: 'pasient-20' }).then(
      () => 'served',
      (err: { response?: { status?: number } }) => String(err.response?.status ?? 'refused'),
    );
    const idClaims = oauth.getValidatedIdTokenClaims(tokens);
    return { patientId: patient.id, fhirUser: idClaims?.fhirUser, other, scope: tokens.scope };
  }

  before(async () => {
    const port = await freePort();
    fhirBase = `http://127.0.0.1:${port}/fhir`;
    s = await startTestServer('pglite', { auth: { ...DEFAULTS.auth, mode: 'builtin' }, publicBaseUrl: fhirBase });
    await seedDatabase(s.t.db, await getValidator(), { seed: SEED, patients: 20 });
    await s.app.listen({ host: '127.0.0.1', port });

    app = createServer((req, res) => {
      const url = new URL(req.url ?? '/', appBase);
      if (url.pathname === '/launch') {
        launch(url, res).catch((err: Error) => (res.writeHead(500), res.end(err.message)));
        return;
      }
      if (url.pathname === '/callback') {
        callback(url)
          .then((body) => (res.writeHead(200, { 'content-type': 'application/json' }), res.end(JSON.stringify(body))))
          .catch((err: Error) => (res.writeHead(500), res.end(String(err.message))));
        return;
      }
      res.writeHead(404);
      res.end();
    });
    await new Promise<void>((r) => app.listen(0, '127.0.0.1', r));
    appBase = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
    await s.runtime.auth.registerClient({ clientId: 'ehr-app', name: 'EHR app', kind: 'public', scopes: 'openid fhirUser launch user/*.cruds', redirectUris: [`${appBase}/callback`] });
  });

  after(async () => {
    await new Promise((r) => app.close(r));
    await s.close();
  });

  it('launches from the EHR, signs in, and reads the launch patient only', async () => {
    const doctor = `hpr:${hprNumber(SEED, 0)}`;
    // The launch patient is not on this doctor's GP list: the launch context alone grants access.
    const onList = new Set((JSON.parse((await s.request({ method: 'GET', url: '/fhir/Patient?_count=100', headers: { authorization: `Bearer ${await s.runtime.auth.tokenFor(doctor)}` } })).text).entry ?? []).map((e: { resource: { id: string } }) => e.resource.id));
    const launchPatient = ['pasient-1', 'pasient-2', 'pasient-3', 'pasient-4', 'pasient-5'].find((id) => !onList.has(id))!;
    assert.ok(launchPatient);
    const ehrToken = await s.runtime.auth.tokenFor(doctor);
    const launch = await fetch(`${fhirBase.replace('/fhir', '')}/auth/launch`, { method: 'POST', headers: { authorization: `Bearer ${ehrToken}`, 'content-type': 'application/json' }, body: JSON.stringify({ patient: launchPatient }) });
    assert.equal(launch.status, 201);
    const { launch: launchId } = (await launch.json()) as { launch: string };

    const toAuthorize = await go(`${appBase}/launch?iss=${encodeURIComponent(fhirBase)}&launch=${launchId}`);
    assert.equal(toAuthorize.status, 302, await toAuthorize.text());
    const authorizeUrl = new URL(toAuthorize.headers.get('location')!);
    assert.equal(authorizeUrl.pathname, '/auth/authorize');
    assert.equal(authorizeUrl.searchParams.get('code_challenge_method'), 'S256');

    const loginPage = await go(authorizeUrl.toString());
    assert.equal(loginPage.status, 200);
    const html = await loginPage.text();
    const fields = Object.fromEntries([...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [m[1], m[2].replace(/&#(\d+);/g, (_x, c) => String.fromCharCode(Number(c)))]));
    const signedIn = await go(`${authorizeUrl.origin}/auth/authorize`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ ...fields, login_hint: doctor }).toString() });
    assert.equal(signedIn.status, 302, await signedIn.text());
    const callback = signedIn.headers.get('location')!;
    assert.ok(callback.startsWith(`${appBase}/callback?code=`));

    const result = await go(callback);
    const text = await result.text();
    assert.equal(result.status, 200, text);
    const body = JSON.parse(text) as { patientId: string; fhirUser: string; other: string };
    assert.equal(body.patientId, launchPatient);
    assert.match(body.fhirUser, /^Practitioner\//);
    assert.ok(onList.has('pasient-20') ? body.other === 'served' : body.other === '403', `another patient: ${body.other}`);
  });
});
