/**
 * Scope negotiation through the real authorize and token endpoints, for every role and every v1
 * and v2 scope form an app may ask for: what is granted is what was asked, narrowed by the client's
 * registration and the user's role, and the token response's `scope` says exactly that. Tokens with
 * patient-level scopes then read their patient's data and nothing else.
 */
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { DEFAULTS } from '../../src/config.ts';
import { seedDatabase } from '../../src/cli/seed.ts';
import { getValidator } from '../../src/server.ts';
import { hprNumber } from '../../src/synthetic/population.ts';
import { registerConsultation, startTestServer, type TestServer } from '../support/runtime.ts';

const BASE = 'http://helsebro.test/fhir';
const SEED = 11;
const REDIRECT = 'https://app.example/callback';
const CLIENT = 'negotiating-app';

type RoleName = 'doctor' | 'citizen' | 'employer' | 'caseworker';

/** Asked → granted, per role (the roles' ceilings are in src/auth/users.ts; the client is registered for everything but system/). */
const CASES: Array<{ asked: string; granted: Record<RoleName, string> }> = [
  { asked: 'launch patient/*.rs openid fhirUser', granted: { doctor: 'launch patient/*.rs openid fhirUser', citizen: 'patient/*.rs openid fhirUser', employer: 'patient/QuestionnaireResponse.r openid', caseworker: 'patient/*.rs openid fhirUser' } },
  { asked: 'patient/*.read', granted: { doctor: 'patient/*.read', citizen: 'patient/*.read', employer: 'patient/QuestionnaireResponse.r', caseworker: 'patient/*.read' } },
  { asked: 'patient/*.write', granted: { doctor: 'patient/*.write', citizen: '', employer: '', caseworker: 'patient/Task.u' } },
  { asked: 'patient/*.*', granted: { doctor: 'patient/*.*', citizen: 'patient/*.rs', employer: 'patient/QuestionnaireResponse.r', caseworker: 'patient/*.rs patient/Task.u' } },
  { asked: 'patient/*.cruds', granted: { doctor: 'patient/*.cruds', citizen: 'patient/*.rs', employer: 'patient/QuestionnaireResponse.r', caseworker: 'patient/*.rs patient/Task.u' } },
  { asked: 'patient/Observation.rs patient/Patient.r', granted: { doctor: 'patient/Observation.rs patient/Patient.r', citizen: 'patient/Observation.rs patient/Patient.r', employer: '', caseworker: 'patient/Observation.rs patient/Patient.r' } },
  { asked: 'user/*.cruds', granted: { doctor: 'user/*.cruds', citizen: '', employer: 'user/QuestionnaireResponse.r', caseworker: 'user/*.rs user/Task.u' } },
  { asked: 'user/*.read user/*.write', granted: { doctor: 'user/*.read user/*.write', citizen: '', employer: 'user/QuestionnaireResponse.r', caseworker: 'user/*.read user/Task.u' } },
  { asked: 'user/Task.cu', granted: { doctor: 'user/Task.cu', citizen: '', employer: '', caseworker: 'user/Task.u' } },
  { asked: 'launch/patient offline_access user/Patient.rs', granted: { doctor: 'launch/patient offline_access user/Patient.rs', citizen: 'launch/patient offline_access', employer: '', caseworker: 'user/Patient.rs' } },
  { asked: 'system/*.rs', granted: { doctor: '', citizen: '', employer: '', caseworker: '' } },
  { asked: 'patient/Observation.rs?category=laboratory', granted: { doctor: '', citizen: '', employer: '', caseworker: '' } },
];

describe('SMART scope negotiation through the authorisation server', () => {
  let s: TestServer;
  const users = {} as Record<RoleName, string>;
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');

  const form = (url: string, body: Record<string, string>) => s.app.inject({ method: 'POST', url, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(body).toString() });

  /** The whole authorization code flow; returns the token response. */
  async function tokenResponse(who: string, scope: string, launch?: string): Promise<Record<string, any>> {
    const q = new URLSearchParams({ response_type: 'code', client_id: CLIENT, redirect_uri: REDIRECT, scope, state: 's', aud: BASE, code_challenge: challenge, code_challenge_method: 'S256', login_hint: who, ...(launch ? { launch } : {}) });
    const authorized = await s.app.inject({ method: 'GET', url: `/auth/authorize?${q}` });
    assert.equal(authorized.statusCode, 302, authorized.body);
    const back = new URL(String(authorized.headers.location));
    assert.equal(back.searchParams.get('error'), null, back.searchParams.get('error_description') ?? '');
    const res = await form('/auth/token', { grant_type: 'authorization_code', code: back.searchParams.get('code')!, redirect_uri: REDIRECT, client_id: CLIENT, code_verifier: verifier });
    assert.equal(res.statusCode, 200, res.body);
    return JSON.parse(res.body);
  }

  const get = (url: string, token: string) => s.request({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });

  before(async () => {
    s = await startTestServer('pglite', { auth: { ...DEFAULTS.auth, mode: 'builtin' } });
    await seedDatabase(s.t.db, await getValidator(), { seed: SEED, patients: 30 });
    const patient = JSON.parse((await s.runtime.service.repo.read('Patient', 'pasient-1')).content);
    const employer = JSON.parse((await s.runtime.service.repo.read('Organization', 'arbeidsgiver-1')).content);
    users.doctor = `hpr:${hprNumber(SEED, 0)}`;
    users.citizen = `pid:${patient.identifier[0].value}`;
    users.employer = `orgnr:${employer.identifier[0].value}`;
    users.caseworker = 'nav:Z990001';
    await s.runtime.auth.registerClient({ clientId: CLIENT, name: 'Negotiating app', kind: 'public', scopes: 'openid fhirUser launch launch/patient offline_access patient/*.cruds user/*.cruds', redirectUris: [REDIRECT] });
  });
  after(() => s.close());

  for (const role of ['doctor', 'citizen', 'employer', 'caseworker'] as const) {
    it(`grants a ${role} what was asked, narrowed by client and role, and says so`, async () => {
      for (const c of CASES) {
        const body = await tokenResponse(users[role], c.asked);
        assert.equal(body.scope, c.granted[role], `${role} asking '${c.asked}'`);
        const claims = JSON.parse(Buffer.from(String(body.access_token).split('.')[1], 'base64url').toString('utf8'));
        assert.equal(claims.scope, body.scope, 'the token carries what the response says');
      }
    });
  }

  it('lets a doctor launched for a patient read that patient with patient/ scopes, v2 and v1, and nothing else', async () => {
    const ehr = await s.runtime.auth.tokenFor(users.doctor);
    // A patient off this doctor's GP list: only the launch grants it.
    const list = new Set(((await get('/fhir/Patient?_count=100&_elements=id', ehr)).json.entry ?? []).map((e: { resource: { id: string } }) => e.resource.id));
    const launchPatient = Array.from({ length: 30 }, (_x, i) => `pasient-${i + 1}`).find((id) => !list.has(id))!;
    const other = [...list][0] as string;
    await registerConsultation(s.runtime, users.doctor, launchPatient);
    for (const scope of ['launch patient/*.rs openid fhirUser', 'launch patient/*.read openid fhirUser']) {
      const launch = await s.request({ method: 'POST', url: '/auth/launch', headers: { authorization: `Bearer ${ehr}` }, body: { patient: launchPatient } });
      const body = await tokenResponse(users.doctor, scope, launch.json.launch);
      assert.equal(body.patient, launchPatient);
      assert.equal((await get(`/fhir/Patient/${launchPatient}`, body.access_token)).status, 200, scope);
      const data = await get(`/fhir/QuestionnaireResponse?subject=Patient/${launchPatient}`, body.access_token);
      assert.equal(data.status, 200, data.text);
      const seen = await get('/fhir/Patient?_count=100', body.access_token);
      assert.deepEqual(seen.json.entry.map((e: { resource: { id: string } }) => e.resource.id), [launchPatient], 'patient scopes see the launch patient only');
      assert.notEqual((await get(`/fhir/Patient/${other}`, body.access_token)).status, 200, 'not even a patient on the GP list');
      assert.equal((await s.request({ method: 'DELETE', url: `/fhir/Patient/${launchPatient}`, headers: { authorization: `Bearer ${body.access_token}` } })).status, 403, 'read scopes do not write');
    }
  });

  it('lets a citizen in a standalone launch read themselves with patient/ scopes', async () => {
    const body = await tokenResponse(users.citizen, 'launch/patient patient/*.rs openid fhirUser');
    assert.equal(body.patient, 'pasient-1');
    assert.equal((await get('/fhir/Patient/pasient-1', body.access_token)).status, 200);
    assert.notEqual((await get('/fhir/Patient/pasient-2', body.access_token)).status, 200);
  });
});
