/**
 * Every operation obeys the token's scopes, not only the role: each declares what it reads and
 * writes, and a token whose scopes do not allow that is refused (403, naming the missing scope)
 * before the operation runs, while a token with those scopes is served as before.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { seedDatabase } from '../../src/cli/seed.ts';
import { DEFAULTS } from '../../src/config.ts';
import { toQuestionnaireResponse } from '../../src/fhir/mapping/questionnaire-response.ts';
import { declaredOperations } from '../../src/http/operations/index.ts';
import { getValidator } from '../../src/server.ts';
import { hprNumber, practitionerId } from '../../src/synthetic/population.ts';
import { DIALECTS } from '../support/databases.ts';
import { startTestServer, type TestServer } from '../support/runtime.ts';
import { backdatedSykmelding } from '../support/sykmeldinger.ts';

const SEED = 9;
const EXAMPLE = JSON.parse(readFileSync(new URL('../../fhir/examples/QuestionnaireResponse-eksempel-sykmelding.json', import.meta.url), 'utf8'));
const EMPLOYER = '974652277';
const PURPOSE = 'manuell vurdering av sykmelding';

type Json = Record<string, any>;
const param = (body: Json, name: string) => body.parameter.find((p: Json) => p.name === name);

for (const dialect of DIALECTS) {
  describe(`operations under narrow scopes on ${dialect}`, () => {
    let s: TestServer;
    let patient: Json;
    let sykmelding: string;
    let manualTask: string;
    const doctor = `hpr:${hprNumber(SEED, 0)}`;
    const citizen = () => `pid:${patient.identifier[0].value}`;

    /** Who calls each operation, the narrow scope they are refused with, and the scopes that serve them. */
    const draft = () => ({ ...EXAMPLE, id: undefined, subject: { reference: `Patient/${patient.id}` }, author: { reference: `Practitioner/${practitionerId(0)}` } });
    const calls = () => [
      // The same sykmelding again: 200 with the receipt of the one stored.
      { op: 'submit', who: doctor, method: 'POST', url: '/fhir/QuestionnaireResponse/$submit', body: draft(), scope: 'user/QuestionnaireResponse.c', served: [201, 200], missing: 'create of QuestionnaireResponse' },
      { op: 'dry-run', who: doctor, method: 'POST', url: '/fhir/QuestionnaireResponse/$dry-run', body: draft(), scope: 'user/QuestionnaireResponse.c user/Patient.r', served: 200, missing: 'create of QuestionnaireResponse' },
      { op: 'status', who: doctor, method: 'GET', url: `/fhir/QuestionnaireResponse/${sykmelding}/$status`, scope: 'user/QuestionnaireResponse.r user/Task.r', served: 200, missing: 'read of QuestionnaireResponse' },
      { op: 'status', who: citizen(), method: 'GET', url: `/fhir/QuestionnaireResponse/${sykmelding}/$status`, scope: 'patient/QuestionnaireResponse.r patient/Task.r', served: 200, missing: 'read of QuestionnaireResponse' },
      { op: 'patient-view', who: citizen(), method: 'GET', url: `/fhir/QuestionnaireResponse/${sykmelding}/$patient-view`, scope: 'patient/QuestionnaireResponse.r patient/Task.r', served: 200, missing: 'read of QuestionnaireResponse' },
      { op: 'send', who: citizen(), method: 'POST', url: `/fhir/QuestionnaireResponse/${sykmelding}/$send`, body: { resourceType: 'Parameters', parameter: [{ name: 'orgnr', valueString: EMPLOYER }] }, scope: 'patient/QuestionnaireResponse.r patient/Task.r', served: 200, missing: 'read of QuestionnaireResponse' },
      { op: 'employer-view', who: `orgnr:${EMPLOYER}`, method: 'GET', url: `/fhir/QuestionnaireResponse/${sykmelding}/$employer-view?orgnr=${EMPLOYER}`, scope: 'user/QuestionnaireResponse.r', served: 200, missing: 'read of QuestionnaireResponse' },
      { op: 'access-log', who: citizen(), method: 'GET', url: '/fhir/Patient/$access-log', scope: 'patient/AuditEvent.r', served: 200, missing: 'read of AuditEvent' },
      { op: 'decide', who: 'nav:Z990001', method: 'POST', url: `/fhir/${manualTask}/$decide`, body: { resourceType: 'Parameters', parameter: [{ name: 'vurdering', valueCode: 'GODKJENT' }] }, scope: 'user/Task.ru', served: 200, missing: 'read of Task' },
      { op: 'validate-code', who: doctor, method: 'GET', url: '/fhir/CodeSystem/$validate-code?url=urn:oid:2.16.578.1.12.4.1.1.7170&code=L03', scope: 'user/CodeSystem.r', served: 200, missing: 'read of CodeSystem' },
      { op: 'lookup', who: doctor, method: 'POST', url: '/fhir/CodeSystem/$lookup', body: { resourceType: 'Parameters', parameter: [{ name: 'system', valueUri: 'urn:oid:2.16.578.1.12.4.1.1.7170' }, { name: 'code', valueCode: 'L03' }] }, scope: 'user/CodeSystem.r', served: [200, 404], missing: 'read of CodeSystem' },
      // The patient's other actions are refused alike (served in their own tests: the lifecycle decides which applies).
      ...['confirm', 'cancel', 'reopen'].map((op) => ({ op, who: citizen(), method: 'POST', url: `/fhir/QuestionnaireResponse/${sykmelding}/$${op}`, body: { resourceType: 'Parameters' }, scope: undefined, served: undefined, missing: 'read of QuestionnaireResponse' })),
    ];
    const call = async (c: ReturnType<typeof calls>[number], scope: string) => {
      const token = await s.runtime.auth.tokenFor(c.who, { scope, purpose: c.who.startsWith('nav:') ? PURPOSE : undefined });
      return s.request({ method: c.method as 'GET' | 'POST', url: c.url, headers: { authorization: `Bearer ${token}` }, body: c.body });
    };

    before(async () => {
      s = await startTestServer(dialect, { auth: { ...DEFAULTS.auth, mode: 'builtin' } });
      await seedDatabase(s.t.db, await getValidator(), { seed: SEED, patients: 40 });
      const full = { authorization: `Bearer ${await s.runtime.auth.tokenFor(doctor)}` };
      patient = (await s.request({ method: 'GET', url: '/fhir/Patient?_count=1', headers: full })).json.entry[0].resource;
      const submit = await s.request({ method: 'POST', url: '/fhir/QuestionnaireResponse/$submit', headers: full, body: draft() });
      assert.equal(submit.status, 201, submit.text);
      sykmelding = param(submit.json, 'sykmelding').valueReference.reference.split('/')[1];
      const manual = await s.request({ method: 'POST', url: '/fhir/QuestionnaireResponse/$submit', headers: full, body: toQuestionnaireResponse(backdatedSykmelding(patient.identifier[0].value), { subject: `Patient/${patient.id}`, author: `Practitioner/${practitionerId(0)}` }) });
      assert.equal(param(manual.json, 'status').valueCode, 'MANUAL_PROCESSING', manual.text);
      manualTask = param(manual.json, 'manualTask').valueReference.reference;
    });
    after(() => s.close());

    it('refuses every operation that reads or writes data to a token whose scopes do not allow it, naming the scope', async () => {
      for (const c of calls()) {
        const narrow = c.who.startsWith('pid:') ? 'patient/Observation.rs' : 'user/Observation.rs';
        const res = await call(c, narrow);
        assert.equal(res.status, 403, `$${c.op} as ${c.who} with ${narrow}: ${res.text}`);
        assert.equal(res.json.resourceType, 'OperationOutcome');
        assert.match(res.json.issue[0].diagnostics, new RegExp(`scopes do not allow \\$${c.op}: it needs ${c.missing}`), `$${c.op}`);
      }
    });

    it('refuses a token that has part of what an operation needs', async () => {
      const status = calls().find((c) => c.op === 'status')!;
      const res = await call(status, 'user/QuestionnaireResponse.r');
      assert.equal(res.status, 403, res.text);
      assert.match(res.json.issue[0].diagnostics, /needs read of Task, such as user\/Task\.r/);
    });

    it('serves a token whose scopes allow what the operation reads and writes', async () => {
      for (const c of calls().filter((x) => x.scope)) {
        const res = await call(c, c.scope!);
        assert.ok([c.served].flat().includes(res.status), `$${c.op} as ${c.who} with ${c.scope}: ${res.status} ${res.text}`);
      }
    });

    it('declares what every operation needs, and lets $validate (which reads nothing stored) run under any scope', async () => {
      for (const d of declaredOperations()) assert.ok(Array.isArray(d.scopes), `$${d.name} declares its scopes`);
      const token = await s.runtime.auth.tokenFor(doctor, { scope: 'user/Observation.rs' });
      const res = await s.request({ method: 'POST', url: '/fhir/Patient/$validate', headers: { authorization: `Bearer ${token}` }, body: { resourceType: 'Patient' } });
      assert.equal(res.status, 200, res.text);
    });
  });
}
