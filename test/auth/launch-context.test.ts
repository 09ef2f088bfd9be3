/**
 * A launch context is granted from what the hub knows, not claimed: a doctor opens a launch
 * (POST /auth/launch) only for a patient on their GP list, one they registered, one they wrote a
 * sykmelding about, or one whose consultation the EHR registered (an Encounter naming them). An
 * unknown patient and someone else's patient answer alike. Every launch attempt is audited.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { seedDatabase } from '../../src/cli/seed.ts';
import { DEFAULTS } from '../../src/config.ts';
import { getValidator } from '../../src/server.ts';
import { hprNumber } from '../../src/synthetic/population.ts';
import { DIALECTS } from '../support/databases.ts';
import { registerConsultation, startTestServer, type TestServer } from '../support/runtime.ts';

const SEED = 5;

for (const dialect of DIALECTS) {
  describe(`launch context on ${dialect}`, () => {
    let s: TestServer;
    const doctor = `hpr:${hprNumber(SEED, 0)}`;
    let token: string;
    let onList: string[];
    let others: string[];
    const launch = (patient: string, bearer = token) => s.request({ method: 'POST', url: '/auth/launch', headers: { authorization: `Bearer ${bearer}` }, body: { patient } });

    before(async () => {
      s = await startTestServer(dialect, { auth: { ...DEFAULTS.auth, mode: 'builtin' } });
      await seedDatabase(s.t.db, await getValidator(), { seed: SEED, patients: 60 });
      token = await s.runtime.auth.tokenFor(doctor);
      const list = await s.request({ method: 'GET', url: '/fhir/Patient?_count=100&_elements=id', headers: { authorization: `Bearer ${token}` } });
      onList = list.json.entry.map((e: { resource: { id: string } }) => e.resource.id);
      others = Array.from({ length: 60 }, (_x, i) => `pasient-${i + 1}`).filter((id) => !onList.includes(id));
      assert.ok(onList.length > 0 && others.length > 3, 'the population has patients on and off the list');
    });
    after(() => s.close());

    it('opens a launch for a patient on the GP list', async () => {
      const res = await launch(onList[0]);
      assert.equal(res.status, 201, res.text);
      assert.match(res.json.launch, /^\S{16,}$/);
    });

    it("refuses another GP's patient and an unknown one alike (403, same wording)", async () => {
      const foreign = await launch(others[0]);
      const unknown = await launch('finnes-ikke-123');
      assert.equal(foreign.status, 403, foreign.text);
      assert.equal(unknown.status, 403, unknown.text);
      const wording = (r: typeof foreign) => r.json.issue[0].diagnostics.replace(/Patient\/\S+/, 'Patient/X');
      assert.equal(wording(foreign), wording(unknown));
    });

    it('opens a launch once the EHR has registered the consultation', async () => {
      const patient = others[1];
      assert.equal((await launch(patient)).status, 403);
      await registerConsultation(s.runtime, doctor, patient);
      const res = await launch(patient);
      assert.equal(res.status, 201, res.text);
    });

    it('opens a launch for a patient the doctor registered', async () => {
      const created = await s.request({
        method: 'POST', url: '/fhir/Patient', headers: { authorization: `Bearer ${token}` },
        body: { resourceType: 'Patient', identifier: [{ system: 'urn:oid:2.16.578.1.12.4.1.4.1', value: '07838412305' }], name: [{ family: 'Nordmann', given: ['Kari'] }], birthDate: '1984-03-07' },
      });
      assert.equal(created.status, 201, created.text);
      assert.equal((await launch(created.json.id)).status, 201);
    });

    it('does not let a citizen open one, not even for themselves', async () => {
      const patient = await s.request({ method: 'GET', url: `/fhir/Patient/${onList[0]}`, headers: { authorization: `Bearer ${token}` } });
      const citizen = await s.runtime.auth.tokenFor(`pid:${patient.json.identifier[0].value}`);
      assert.equal((await launch(onList[0], citizen)).status, 403);
    });

    it('refuses a malformed launch request with 400 and an OperationOutcome, opening nothing', async () => {
      for (const payload of ['{"patient":123}', '{"patient":["a"]}', '[]', '"Patient/x"', '{"patient":', 'not json']) {
        const res = await s.request({ method: 'POST', url: '/auth/launch', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, payload });
        assert.equal(res.status, 400, `${payload}: ${res.text}`);
        assert.equal(res.json.resourceType, 'OperationOutcome', payload);
      }
      const nul = await launch('pasient-1\u0000');
      assert.equal(nul.status, 403, nul.text);
    });

    it('lets only the doctor who opened a launch use it', async () => {
      const redirect = 'http://localhost:9/callback';
      await s.runtime.auth.registerClient({ clientId: 'launch-app', name: 'Launch app', kind: 'public', scopes: 'openid fhirUser launch user/*.rs', redirectUris: [redirect] });
      const authorize = async (launchId: string, user: string) => {
        const q = new URLSearchParams({ response_type: 'code', client_id: 'launch-app', redirect_uri: redirect, scope: 'launch user/*.rs', aud: 'http://helsebro.test/fhir', code_challenge: 'x'.repeat(43), code_challenge_method: 'S256', login_hint: user, launch: launchId });
        const res = await s.app.inject({ method: 'GET', url: `/auth/authorize?${q}` });
        assert.equal(res.statusCode, 302, res.body);
        return new URL(String(res.headers.location)).searchParams;
      };
      const borrowed = await authorize((await launch(onList[0])).json.launch, `hpr:${hprNumber(SEED, 1)}`);
      assert.equal(borrowed.get('error'), 'access_denied');
      assert.equal(borrowed.get('code'), null);
      const own = await authorize((await launch(onList[0])).json.launch, doctor);
      assert.ok(own.get('code'), own.toString());
    });

    it('records every launch attempt in the audit log against the patient', async () => {
      await launch(others[3]);
      const rows = await s.runtime.audit.forPatients([others[3]]);
      const attempt = rows.find((r) => r.interaction === 'launch' && r.agentId === doctor);
      assert.ok(attempt, JSON.stringify(rows));
      assert.equal(attempt.status, 403);
    });
  });
}
