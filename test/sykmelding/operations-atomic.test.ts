/**
 * Every operation that writes is all or nothing, like $submit (submit-atomic.test.ts): an input
 * refused after a first write would have happened leaves every resource and history row as it was.
 *  - $submit whose last companion (NAV's Task) collides with a stored Task: the sykmelding and its
 *    status Task, written in the same statement before it, are not stored either;
 *  - $decide whose second write (the status Task) fails: the decision already written to NAV's Task
 *    is rolled back;
 *  - $send/$confirm/$cancel/$reopen refused by the lifecycle or their parameters;
 *  - a transaction Bundle whose last entry is invalid.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { makeSyntheticIdent } from '../../src/domain/identity/index.ts';
import type { Sykmelding } from '../../src/domain/sykmelding/index.ts';
import { toQuestionnaireResponse } from '../../src/fhir/mapping/questionnaire-response.ts';
import { manualTaskId } from '../../src/sykmelding/status-task.ts';
import { DIALECTS } from '../support/databases.ts';
import { startTestServer, type TestServer } from '../support/runtime.ts';

const NOW = new Date('2026-02-10T10:00:00Z');
const EMPLOYER = '974652277';
const FNR = makeSyntheticIdent('1979-03-21', 301) ?? makeSyntheticIdent('1979-03-21', 303)!;

/** Backdated more than a month with a reason: the rules ask for NAV's manual processing. */
const backdated = (day: number): Sykmelding => ({
  id: '', pasient: { ident: FNR },
  hoveddiagnose: { system: '2.16.578.1.12.4.1.1.7170', kode: 'L03', tekst: 'Korsryggsymptomer' },
  bidiagnoser: [], svangerskap: false, skjermesForPasient: false,
  perioder: [{ fom: `2026-01-0${day}`, tom: `2026-02-2${day}`, type: 'AKTIVITET_IKKE_MULIG' }],
  utdypendeOpplysninger: [], arbeidsgiver: { harArbeidsgiver: 'EN', navn: 'Bedrift AS' },
  tilbakedatering: { kontaktDato: `2026-01-0${day}`, begrunnelse: 'Pasienten var innlagt på sykehus og kunne ikke møte' },
  behandletTidspunkt: `2026-02-10T09:0${day}:00+01:00`, signaturDato: `2026-02-10T09:0${day}:00+01:00`, behandler: {},
});

const parameter = (body: any, name: string) => body.parameter.find((p: any) => p.name === name);

for (const dialect of DIALECTS) {
  describe(`writing operations all or nothing on ${dialect}`, () => {
    let s: TestServer;
    let patientRef: string;
    let practitionerRef: string;
    /** Every stored version and every current row, per table. */
    const stored = async () => {
      const count = async (table: string) => Number((await s.t.db.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);
      return { resources: await count('resource'), history: await count('resource_history') };
    };
    const submit = async (sm: Sykmelding, id?: string) => {
      const qr = { ...toQuestionnaireResponse(sm, { subject: patientRef, author: practitionerRef }), ...(id ? { id } : {}) };
      return s.request({ method: 'POST', url: '/fhir/QuestionnaireResponse/$submit', body: qr });
    };
    const refusedLeavingNothing = async (call: () => Promise<{ status: number; json: any; text: string }>, status: number) => {
      const before = await stored();
      const res = await call();
      assert.equal(res.status, status, res.text);
      assert.equal(res.json.resourceType, 'OperationOutcome');
      assert.deepEqual(await stored(), before, 'nothing was written');
      return res;
    };

    before(async () => {
      s = await startTestServer(dialect, {}, { now: () => NOW });
      const post = async (body: Record<string, unknown>) => `${body.resourceType}/${(await s.request({ method: 'POST', url: `/fhir/${body.resourceType}`, body })).json.id}`;
      patientRef = await post({ resourceType: 'Patient', identifier: [{ system: 'urn:oid:2.16.578.1.12.4.1.4.1', value: FNR }], name: [{ family: 'Nordmann', given: ['Ola'] }], birthDate: '1979-03-21' });
      practitionerRef = await post({
        resourceType: 'Practitioner', identifier: [{ system: 'urn:oid:2.16.578.1.12.4.1.4.4', value: '7654321' }], name: [{ family: 'Lege', given: ['Lars'] }],
        qualification: [
          { code: { coding: [{ system: 'urn:oid:2.16.578.1.12.4.1.1.9060', code: 'LE', display: 'Lege' }] } },
          { code: { coding: [{ system: 'urn:oid:2.16.578.1.12.4.1.1.7704', code: '1', display: 'Autorisasjon' }] }, period: { start: '2010-01-01' } },
        ],
      });
    });
    after(() => s.close());

    it('$submit whose NAV Task collides with a stored Task stores neither the sykmelding nor its status Task', async () => {
      const qrId = 'atomic-submit-1';
      await s.runtime.service.repo.create({ resourceType: 'Task', status: 'requested', intent: 'order' }, { id: manualTaskId(qrId) });
      const res = await refusedLeavingNothing(() => submit(backdated(1), qrId), 409);
      assert.match(res.json.issue[0].diagnostics, new RegExp(manualTaskId(qrId)));
      assert.equal((await s.request({ method: 'GET', url: `/fhir/QuestionnaireResponse/${qrId}` })).status, 404);
    });

    it('$decide whose status Task cannot be written rolls back the decision already written to NAV\'s Task', async () => {
      const submitted = await submit(backdated(2));
      assert.equal(submitted.status, 201, submitted.text);
      const navRef = parameter(submitted.json, 'manualTask').valueReference.reference as string;
      const qrRef = parameter(submitted.json, 'sykmelding').valueReference.reference as string;
      const statusTask = (await s.request({ method: 'GET', url: `/fhir/Task?focus=${qrRef}&code=sykmelding-status` })).json.entry[0].resource;
      // The status Task is gone (below the API), so $decide fails at its second write.
      await s.runtime.service.repo.delete('Task', statusTask.id);
      const decide = () => s.request({ method: 'POST', url: `/fhir/${navRef}/$decide`, body: { resourceType: 'Parameters', parameter: [{ name: 'vurdering', valueCode: 'GODKJENT' }] } });
      await refusedLeavingNothing(decide, 404);
      const nav = await s.request({ method: 'GET', url: `/fhir/${navRef}` });
      assert.equal(nav.json.status, 'requested');
      assert.equal(nav.json.meta.versionId, '1');
    });

    it('$send, $confirm, $cancel and $reopen refused by the lifecycle or their parameters change nothing', async () => {
      const submitted = await submit(backdated(3));
      assert.equal(submitted.status, 201, submitted.text);
      const qrRef = parameter(submitted.json, 'sykmelding').valueReference.reference as string;
      const action = (name: string, parameters: unknown[] = []) => () =>
        s.request({ method: 'POST', url: `/fhir/${qrRef}/$${name}`, body: { resourceType: 'Parameters', parameter: parameters } });
      await refusedLeavingNothing(action('send'), 400);
      await refusedLeavingNothing(action('send', [{ name: 'orgnr', valueString: EMPLOYER }, { name: 'del', valueCode: 'diagnose' }]), 400);
      assert.equal((await action('cancel')()).status, 200);
      await refusedLeavingNothing(action('send', [{ name: 'orgnr', valueString: '12345' }]), 409);
      assert.equal((await action('send', [{ name: 'orgnr', valueString: EMPLOYER }])()).status, 200);
      for (const name of ['confirm', 'cancel', 'reopen']) await refusedLeavingNothing(action(name), 409);
      await refusedLeavingNothing(action('send', [{ name: 'orgnr', valueString: EMPLOYER }]), 409);
    });

    it('a transaction Bundle whose last entry is invalid leaves no resource and no history row', async () => {
      const entry = (resource: Record<string, unknown>) => ({ request: { method: 'POST', url: resource.resourceType }, resource });
      await refusedLeavingNothing(() => s.request({
        method: 'POST', url: '/fhir',
        body: {
          resourceType: 'Bundle', type: 'transaction',
          entry: [
            entry({ resourceType: 'Patient', name: [{ family: 'Først' }] }),
            { request: { method: 'PUT', url: 'Organization/atomic-org' }, resource: { resourceType: 'Organization', id: 'atomic-org', name: 'Legekontoret' } },
            entry({ resourceType: 'Patient', gender: 'robot' }),
          ],
        },
      }), 422);
    });
  });
}
