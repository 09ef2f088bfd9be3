/**
 * The SMART EHR launch end to end with the SMART JavaScript client (`fhirclient`, unmodified) as
 * the app: the EHR registers a launch context, the app discovers the server and redirects to the
 * built-in authorisation server, the user signs in, the app exchanges the code (PKCE) and reads
 * the launch patient — and is refused another patient.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import smart from 'fhirclient/lib/entry/node.js';
import { DEFAULTS } from '../../src/config.ts';
import { seedDatabase } from '../../src/cli/seed.ts';
import { getValidator } from '../../src/server.ts';
import { hprNumber } from '../../src/synthetic/population.ts';
import { freePort } from '../support/ports.ts';
import { registerConsultation, startTestServer, type TestServer } from '../support/runtime.ts';

const SEED = 3;

/** The scopes the app asks for in an EHR launch, by the launch URL's last segment. */
const LAUNCH_SCOPES: Record<string, string> = {
  'v2-user': 'launch openid fhirUser user/*.cruds',
  'v2-patient': 'launch patient/*.rs openid fhirUser',
  'v1-patient': 'launch patient/*.read openid fhirUser',
};

/** A user agent that keeps nothing but follows what it is told, one step at a time. */
async function go(url: string, init: RequestInit = {}): Promise<Response> {
  return fetch(url, { ...init, redirect: 'manual' });
}

describe('SMART EHR launch with fhirclient', () => {
  let s: TestServer;
  let app: Server;
  let fhirBase: string;
  let appBase: string;
  const sessions = new Map<string, unknown>();
  const storage = {
    get: async (key: string) => sessions.get(key),
    set: async (key: string, value: unknown) => (sessions.set(key, value), value),
    unset: async (key: string) => sessions.delete(key),
  };

  before(async () => {
    const port = await freePort();
    fhirBase = `http://127.0.0.1:${port}/fhir`;
    s = await startTestServer('pglite', { auth: { ...DEFAULTS.auth, mode: 'builtin' }, publicBaseUrl: fhirBase });
    await seedDatabase(s.t.db, await getValidator(), { seed: SEED, patients: 20 });
    await s.app.listen({ host: '127.0.0.1', port });

    app = createServer((req, res) => {
      const url = new URL(req.url ?? '/', appBase);
      const client = smart(req, res, storage);
      const launchScope = LAUNCH_SCOPES[url.pathname.replace(/^\/launch\//, '')];
      if (launchScope) {
        void client.authorize({ clientId: 'ehr-app', scope: launchScope, redirectUri: '/callback', pkceMode: 'required' });
        return;
      }
      if (url.pathname === '/standalone') {
        void client.authorize({ iss: fhirBase, clientId: 'ehr-app', scope: 'launch/patient patient/*.rs openid fhirUser', redirectUri: '/callback', pkceMode: 'required' });
        return;
      }
      if (url.pathname === '/callback') {
        client.ready()
          .then(async (fhir) => {
            const patient = await fhir.patient.read();
            const sykmeldinger = await fhir.patient.request('QuestionnaireResponse') as { resourceType: string; total?: number };
            const other = await fhir.request('Patient/pasient-20').then(() => 'served', (err: { status?: number; statusCode?: number }) => String(err.statusCode ?? err.status ?? 'refused'));
            res.writeHead(200, { 'content-type': 'application/json' });
            res.end(JSON.stringify({ patientId: patient.id, fhirUser: fhir.getFhirUser(), other, scope: fhir.state.tokenResponse?.scope, data: sykmeldinger.resourceType }));
          })
          .catch((err: Error) => {
            res.writeHead(500);
            res.end(String(err.message));
          });
        return;
      }
      res.writeHead(404);
      res.end();
    });
    await new Promise<void>((r) => app.listen(0, '127.0.0.1', r));
    appBase = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
    await s.runtime.auth.registerClient({ clientId: 'ehr-app', name: 'EHR app', kind: 'public', scopes: 'openid fhirUser launch launch/patient user/*.cruds patient/*.rs', redirectUris: [`${appBase}/callback`] });
  });

  after(async () => {
    await new Promise((r) => app.close(r));
    await s.close();
  });

  for (const variant of Object.keys(LAUNCH_SCOPES)) it(`launches from the EHR (${variant} scopes), signs in, and reads the launch patient and their data only`, async () => {
    const doctor = `hpr:${hprNumber(SEED, 0)}`;
    // The launch patient is not on this doctor's GP list: the consultation the EHR registered lets it
    // open the launch, and the launch context alone grants access.
    const onList = new Set((JSON.parse((await s.request({ method: 'GET', url: '/fhir/Patient?_count=100', headers: { authorization: `Bearer ${await s.runtime.auth.tokenFor(doctor)}` } })).text).entry ?? []).map((e: { resource: { id: string } }) => e.resource.id));
    const launchPatient = ['pasient-1', 'pasient-2', 'pasient-3', 'pasient-4', 'pasient-5'].find((id) => !onList.has(id))!;
    assert.ok(launchPatient);
    await registerConsultation(s.runtime, doctor, launchPatient);
    const ehrToken = await s.runtime.auth.tokenFor(doctor);
    const launch = await fetch(`${fhirBase.replace('/fhir', '')}/auth/launch`, { method: 'POST', headers: { authorization: `Bearer ${ehrToken}`, 'content-type': 'application/json' }, body: JSON.stringify({ patient: launchPatient }) });
    assert.equal(launch.status, 201);
    const { launch: launchId } = (await launch.json()) as { launch: string };

    const toAuthorize = await go(`${appBase}/launch/${variant}?iss=${encodeURIComponent(fhirBase)}&launch=${launchId}`);
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
    const body = JSON.parse(text) as { patientId: string; fhirUser: string; other: string; scope: string; data: string };
    assert.equal(body.patientId, launchPatient);
    assert.match(body.fhirUser, /^Practitioner\//);
    assert.equal(body.scope, LAUNCH_SCOPES[variant], 'granted as asked');
    assert.equal(body.data, 'Bundle', 'the launch patient\'s sykmeldinger are searchable');
    // User-level scopes reach the GP list as well; patient-level scopes reach the launch patient alone.
    const otherServed = variant === 'v2-user' && onList.has('pasient-20');
    assert.ok(otherServed ? body.other === 'served' : body.other === '404', `another patient: ${body.other}`);
  });

  it('runs a standalone launch for a citizen, who reads themselves with patient/ scopes', async () => {
    const own = JSON.parse((await s.runtime.service.repo.read('Patient', 'pasient-1')).content) as { identifier: Array<{ value: string }> };
    const toAuthorize = await go(`${appBase}/standalone`);
    assert.equal(toAuthorize.status, 302, await toAuthorize.text());
    const authorizeUrl = new URL(toAuthorize.headers.get('location')!);
    const html = await (await go(authorizeUrl.toString())).text();
    const fields = Object.fromEntries([...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [m[1], m[2].replace(/&#(\d+);/g, (_x, c) => String.fromCharCode(Number(c)))]));
    const signedIn = await go(`${authorizeUrl.origin}/auth/authorize`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ ...fields, login_hint: `pid:${own.identifier[0].value}` }).toString() });
    assert.equal(signedIn.status, 302, await signedIn.text());
    const result = await go(signedIn.headers.get('location')!);
    const text = await result.text();
    assert.equal(result.status, 200, text);
    const body = JSON.parse(text) as { patientId: string; fhirUser: string; other: string; scope: string; data: string };
    assert.equal(body.patientId, 'pasient-1');
    assert.equal(body.fhirUser, 'Patient/pasient-1');
    assert.equal(body.scope, 'launch/patient patient/*.rs openid fhirUser');
    assert.equal(body.other, '404');
  });
});
