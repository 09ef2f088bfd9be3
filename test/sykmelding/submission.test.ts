/**
 * The sick-leave flow end to end over HTTP, on both stores: NAV's syk-inn QuestionnaireResponse
 * (template placeholders replaced by real references) is accepted; a duplicate is recognised; a dry
 * run stores nothing; the patient sends to an employer whose view has no diagnosis; invalid
 * transitions are refused; manual processing gets a NAV Task and a caseworker decision.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { makeSyntheticIdent } from '../../src/domain/identity/index.ts';
import type { Sykmelding } from '../../src/domain/sykmelding/index.ts';
import { toQuestionnaireResponse } from '../../src/fhir/mapping/questionnaire-response.ts';
import { expireSykmeldinger } from '../../src/sykmelding/status.ts';
import { earlierSykmeldinger } from '../../src/sykmelding/context-builder.ts';
import { FhirService } from '../../src/service/fhir-service.ts';
import { DIALECTS } from '../support/databases.ts';
import { startTestServer, type TestServer } from '../support/runtime.ts';
import { backdatedSykmelding } from '../support/sykmeldinger.ts';

const SYK_INN = new URL('../../../shared/data/fhir-examples/syk-inn/', import.meta.url);
const template = () => JSON.parse(readFileSync(new URL('questionnaire-response-1.json', SYK_INN), 'utf8')) as Record<string, any>;
// The template's signature time is 2026-02-10T09:30+01:00; the hub receives it shortly after.
const NOW = new Date('2026-02-10T10:00:00Z');
const EMPLOYER = '974652277';
const HPR = '1234567';

const FNR = makeSyntheticIdent('1985-04-12', 101) ?? makeSyntheticIdent('1985-04-12', 103)!;
const OTHER_FNR = makeSyntheticIdent('1990-09-03', 211) ?? makeSyntheticIdent('1990-09-03', 213)!;

const patient = (fnr: string, birthDate: string) => ({
  resourceType: 'Patient',
  meta: { profile: ['http://hl7.no/fhir/StructureDefinition/no-basis-Patient'] },
  identifier: [{ system: 'urn:oid:2.16.578.1.12.4.1.4.1', value: fnr }],
  name: [{ family: 'Nordmann', given: ['Kari'] }],
  birthDate,
});

// As NAV's syk-inn example writes it: category and authorisation as separate qualifications.
const practitioner = {
  resourceType: 'Practitioner',
  identifier: [{ system: 'urn:oid:2.16.578.1.12.4.1.4.4', value: HPR }],
  name: [{ family: 'Lege', given: ['Lise'] }],
  qualification: [
    { code: { coding: [{ system: 'urn:oid:2.16.578.1.12.4.1.1.9060', code: 'LE', display: 'Lege' }] } },
    { code: { coding: [{ system: 'urn:oid:2.16.578.1.12.4.1.1.7704', code: '1', display: 'Autorisasjon' }] }, period: { start: '2010-01-01' } },
  ],
};

function parameter(body: any, name: string): any {
  return body.parameter.find((p: any) => p.name === name);
}

for (const dialect of DIALECTS) {
  describe(`sykmelding flow on ${dialect}`, () => {
    let s: TestServer;
    let patientRef: string;
    let otherPatientRef: string;
    let practitionerRef: string;
    let encounterRef: string;

    const sykInn = () => {
      const qr = template();
      delete qr.id;
      qr.subject = { reference: patientRef };
      qr.author = { reference: practitionerRef };
      qr.encounter = { reference: encounterRef };
      return qr;
    };
    const count = async (type: string) => (await s.request({ method: 'GET', url: `/fhir/${type}?_summary=count` })).json.total as number;

    before(async () => {
      s = await startTestServer(dialect, {}, { now: () => NOW });
      const post = async (body: Record<string, unknown>) => {
        const res = await s.request({ method: 'POST', url: `/fhir/${body.resourceType}`, body });
        assert.equal(res.status, 201, res.text);
        return `${body.resourceType}/${res.json.id}`;
      };
      patientRef = await post(patient(FNR, '1985-04-12'));
      otherPatientRef = await post(patient(OTHER_FNR, '1990-09-03'));
      practitionerRef = await post(practitioner);
      encounterRef = await post({ resourceType: 'Encounter', status: 'finished', class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB' }, subject: { reference: patientRef } });
    });
    after(() => s.close());

    let sykmeldingId: string;

    it("accepts NAV's syk-inn QuestionnaireResponse as it is and answers with the receipt", async () => {
      const res = await s.request({ method: 'POST', url: '/fhir/QuestionnaireResponse/$submit', body: sykInn() });
      assert.equal(res.status, 201, res.text);
      assert.equal(res.json.resourceType, 'Parameters');
      assert.equal(parameter(res.json, 'status').valueCode, 'OK');
      assert.equal(parameter(res.json, 'lifecycle').valueCode, 'APEN');
      assert.equal(parameter(res.json, 'duplicate').valueBoolean, false);
      assert.equal(parameter(res.json, 'ruleHit'), undefined);
      assert.match(parameter(res.json, 'path').valueString, /BEHANDLER_SUSPENDERT\(no\)->OK/);
      sykmeldingId = parameter(res.json, 'sykmelding').valueReference.reference.split('/')[1];
      const stored = await s.request({ method: 'GET', url: `/fhir/QuestionnaireResponse/${sykmeldingId}` });
      assert.equal(stored.status, 200);
      assert.equal(stored.json.questionnaire, 'https://www.nav.no/samarbeidspartner/sykmelding/fhir/R4/Questionnaire/V1');
    });

    it('recognises the same sykmelding sent again and does not store it twice', async () => {
      const before = await count('QuestionnaireResponse');
      const again = await s.request({ method: 'POST', url: '/fhir/QuestionnaireResponse/$submit', body: sykInn() });
      assert.equal(again.status, 200, again.text);
      assert.equal(parameter(again.json, 'duplicate').valueBoolean, true);
      assert.equal(parameter(again.json, 'sykmelding').valueReference.reference, `QuestionnaireResponse/${sykmeldingId}`);
      // A plain FHIR create of the same content answers with the original (200), like a conditional create.
      const plain = await s.request({ method: 'POST', url: '/fhir/QuestionnaireResponse', body: sykInn() });
      assert.equal(plain.status, 200, plain.text);
      assert.equal(plain.json.id, sykmeldingId);
      assert.equal(await count('QuestionnaireResponse'), before);
      // A different sykmelding for the same patient is not a duplicate.
      const changed = sykInn();
      changed.authored = '2026-02-10T09:45:00+01:00';
      const other = await s.request({ method: 'POST', url: '/fhir/QuestionnaireResponse', body: changed });
      assert.equal(other.status, 201, other.text);
      assert.equal(await count('QuestionnaireResponse'), before + 1);
    });

    it('stores one of several identical sykmeldinger sent at the same moment and answers the others as its duplicates', async () => {
      const before = await count('QuestionnaireResponse');
      const body = sykInn();
      body.authored = '2026-02-10T09:50:00+01:00';
      const answers = await Promise.all([1, 2, 3, 4].map(() => s.request({ method: 'POST', url: '/fhir/QuestionnaireResponse/$submit', body })));
      // One is stored (201); the others answer with it (200, duplicate).
      assert.deepEqual(answers.map((a) => a.status).sort(), [200, 200, 200, 201], answers.map((a) => a.text).join('\n'));
      assert.deepEqual(answers.map((a) => parameter(a.json, 'duplicate').valueBoolean).sort(), [false, true, true, true]);
      assert.equal(new Set(answers.map((a) => parameter(a.json, 'sykmelding').valueReference.reference)).size, 1);
      assert.equal(await count('QuestionnaireResponse'), before + 1);
    });

    it('refuses to change a submitted sykmelding', async () => {
      const current = (await s.request({ method: 'GET', url: `/fhir/QuestionnaireResponse/${sykmeldingId}` })).json;
      const changed = { ...current, authored: '2026-02-10T09:31:00+01:00' };
      const res = await s.request({ method: 'PUT', url: `/fhir/QuestionnaireResponse/${sykmeldingId}`, body: changed });
      assert.equal(res.status, 409, res.text);
      assert.equal(res.json.resourceType, 'OperationOutcome');
    });

    it('refuses a sykmelding with missing required fields or an unknown patient, storing nothing', async () => {
      const before = await count('QuestionnaireResponse');
      const noPeriod = sykInn();
      noPeriod.item = noPeriod.item.filter((i: any) => i.linkId !== 'aktivitet');
      const res = await s.request({ method: 'POST', url: '/fhir/QuestionnaireResponse/$submit', body: noPeriod });
      assert.equal(res.status, 422, res.text);
      assert.match(res.json.issue[0].diagnostics, /aktivitet/);
      const unknown = { ...sykInn(), subject: { reference: 'Patient/does-not-exist' } };
      const res2 = await s.request({ method: 'POST', url: '/fhir/QuestionnaireResponse', body: unknown });
      assert.equal(res2.status, 422, res2.text);
      assert.equal(res2.json.issue[0].code, 'not-found');
      const future = { ...sykInn(), authored: '2026-02-12T09:30:00+01:00' };
      const res3 = await s.request({ method: 'POST', url: '/fhir/QuestionnaireResponse', body: future });
      assert.equal(res3.status, 422, res3.text);
      assert.match(res3.json.issue[0].diagnostics, /future/);
      assert.equal(await count('QuestionnaireResponse'), before);
    });

    it('evaluates a draft with $dry-run without storing anything, with messages for doctor and patient', async () => {
      const before = [await count('QuestionnaireResponse'), await count('Task')];
      const draft = sykInn();
      draft.status = 'in-progress';
      delete draft.authored;
      // A period that ends before it starts.
      const period = draft.item.find((i: any) => i.linkId === 'aktivitet');
      period.item.find((i: any) => i.linkId === 'aktivitet-tom').answer[0].valueDate = '2026-02-01';
      const res = await s.request({ method: 'POST', url: '/fhir/QuestionnaireResponse/$dry-run', body: draft });
      assert.equal(res.status, 200, res.text);
      assert.equal(parameter(res.json, 'status').valueCode, 'INVALID');
      const hit = parameter(res.json, 'ruleHit').part;
      assert.equal(hit.find((p: any) => p.name === 'ruleName').valueCode, 'FRADATO_ETTER_TILDATO');
      assert.ok(hit.find((p: any) => p.name === 'messageForSender').valueString.length > 10);
      assert.ok(hit.find((p: any) => p.name === 'messageForUserEn').valueString.length > 10);
      assert.deepEqual([await count('QuestionnaireResponse'), await count('Task')], before);
    });

    it("recognises a resend of the patient's stored sykmelding (and only theirs), every time", async () => {
      // One period, a GP's diagnosis (ICPC-2; a specialist's backdating is not judged), signed at `authored`.
      const withPeriod = (subject: string, authored?: string) => {
        const d = sykInn();
        d.subject = { reference: subject };
        d.item = d.item.filter((i: any) => i.linkId !== 'bidiagnose');
        d.item.find((i: any) => i.linkId === 'hoveddiagnose').answer[0].valueCoding = { system: 'urn:oid:2.16.578.1.12.4.1.1.7170', code: 'L03', display: 'Korsryggsymptomer' };
        const periods = d.item.filter((i: any) => i.linkId === 'aktivitet');
        d.item = d.item.filter((i: any) => i !== periods[1]);
        const answer = (linkId: string) => periods[0].item.find((i: any) => i.linkId === linkId).answer[0];
        answer('aktivitet-fom').valueDate = '2026-01-12';
        answer('aktivitet-tom').valueDate = '2026-01-25';
        if (authored) d.authored = authored;
        else {
          d.status = 'in-progress';
          delete d.authored;
        }
        return d;
      };
      const earlier = await s.request({ method: 'POST', url: '/fhir/QuestionnaireResponse/$submit', body: withPeriod(patientRef, '2026-01-12T09:00:00+01:00') });
      assert.equal(earlier.status, 201, earlier.text);
      // The same period and diagnosis signed today (2026-02-10): backdated, and a resend (ETTERSENDING) of the stored one.
      const ettersending = async (subject: string) => {
        const res = await s.request({ method: 'POST', url: '/fhir/QuestionnaireResponse/$dry-run', body: withPeriod(subject) });
        assert.equal(res.status, 200, res.text);
        return parameter(res.json, 'ettersending')?.valueBoolean;
      };
      assert.equal(await ettersending(patientRef), true);
      // Again (the earlier sykmeldinger are mapped once and then kept): the same answer.
      assert.equal(await ettersending(patientRef), true);
      // Another patient has no such sykmelding.
      assert.equal(await ettersending(otherPatientRef), false);
    });

    it("keeps a stored sykmelding and its status Task for the next submission, and reads only a changed version", async () => {
      const reads: string[] = [];
      const base = s.runtime.service.repo;
      // The repository as the service has it, noting what is read by id.
      const repo = new Proxy(base, {
        get(target, prop) {
          const value = Reflect.get(target, prop, target);
          if (prop !== 'readMany') return typeof value === 'function' ? value.bind(target) : value;
          return (refs: Array<{ resourceType: string; id: string }>) => {
            reads.push(...refs.map((r) => `${r.resourceType}/${r.id}`));
            return value.call(target, refs);
          };
        },
      });
      const service = new FhirService({ repo, validator: s.runtime.validator });
      const body = sykInn();
      body.authored = '2026-02-10T08:15:00+01:00';
      const res = await s.request({ method: 'POST', url: '/fhir/QuestionnaireResponse/$submit', body });
      assert.equal(res.status, 201, res.text);
      const qrId = parameter(res.json, 'sykmelding').valueReference.reference.split('/')[1];

      // The submission kept what the rules take from it: it is among the earlier ones without being read.
      const first = await earlierSykmeldinger(service, FNR);
      assert.ok(first.earlier.some((e) => e.id === qrId));
      const taskId = [...first.statusTasks.values()].find((t: any) => t.focus.reference === `QuestionnaireResponse/${qrId}`)!.id as string;
      assert.ok(!reads.includes(`QuestionnaireResponse/${qrId}`) && !reads.includes(`Task/${taskId}`), reads.join());

      reads.length = 0;
      assert.deepEqual(await earlierSykmeldinger(service, FNR), first);
      assert.deepEqual(reads, []);

      // Cancelling writes a new version of the status Task: that one is read, nothing else.
      assert.equal((await s.request({ method: 'POST', url: `/fhir/QuestionnaireResponse/${qrId}/$cancel` })).status, 200);
      const after = await earlierSykmeldinger(service, FNR);
      assert.deepEqual(reads, [`Task/${taskId}`]);
      assert.equal(after.earlier.find((e) => e.id === qrId)!.brukerhandling, 'AVBRUTT');
      assert.equal(after.earlier.length, first.earlier.length);
    });

    it('lets the patient send to an employer, whose view has no diagnosis, and refuses what may not follow', async () => {
      const hidden = await s.request({ method: 'GET', url: `/fhir/QuestionnaireResponse/${sykmeldingId}/$employer-view?orgnr=${EMPLOYER}` });
      assert.equal(hidden.status, 404, 'not visible before it is sent');
      const sent = await s.request({
        method: 'POST', url: `/fhir/QuestionnaireResponse/${sykmeldingId}/$send`,
        body: { resourceType: 'Parameters', parameter: [{ name: 'orgnr', valueString: EMPLOYER }, { name: 'del', valueCode: 'meldingTilArbeidsgiver' }] },
      });
      assert.equal(sent.status, 200, sent.text);
      assert.equal(parameter(sent.json, 'lifecycle').valueCode, 'SENDT');
      const history = sent.json.parameter.filter((p: any) => p.name === 'statusHistory').map((p: any) => p.part[0].valueCode);
      assert.deepEqual(history, ['APEN', 'SENDT']);

      const view = await s.request({ method: 'GET', url: `/fhir/QuestionnaireResponse/${sykmeldingId}/$employer-view?orgnr=${EMPLOYER}` });
      assert.equal(view.status, 200, view.text);
      const linkIds = JSON.stringify(view.json);
      for (const secret of ['hoveddiagnose', 'bidiagnose', 'M54.5', 'F32.0', 'Korsrygg', 'yrkesskade', 'melding-til-nav']) assert.ok(!linkIds.includes(secret), `employer view leaks ${secret}`);
      assert.ok(linkIds.includes('aktivitet-fom'), 'the periods are shown');
      assert.equal(view.json.subject, undefined);
      const wrongEmployer = await s.request({ method: 'GET', url: `/fhir/QuestionnaireResponse/${sykmeldingId}/$employer-view?orgnr=889640782` });
      assert.equal(wrongEmployer.status, 404);

      const cancel = await s.request({ method: 'POST', url: `/fhir/QuestionnaireResponse/${sykmeldingId}/$cancel` });
      assert.equal(cancel.status, 409, cancel.text);
      assert.equal(cancel.json.resourceType, 'OperationOutcome');
      assert.match(cancel.json.issue[0].diagnostics, /sent to the employer/);
      const status = await s.request({ method: 'GET', url: `/fhir/QuestionnaireResponse/${sykmeldingId}/$status` });
      assert.equal(parameter(status.json, 'lifecycle').valueCode, 'SENDT');
    });

    it('keeps every status change as a version of the status Task', async () => {
      const tasks = await s.request({ method: 'GET', url: `/fhir/Task?focus=QuestionnaireResponse/${sykmeldingId}` });
      assert.equal(tasks.json.entry.length, 1);
      const id = tasks.json.entry[0].resource.id;
      const history = await s.request({ method: 'GET', url: `/fhir/Task/${id}/_history` });
      assert.deepEqual(history.json.entry.map((e: any) => e.resource.businessStatus.text), ['SENDT', 'APEN']);
    });

    it('accepts a sykmelding in a transaction bundle with its patient and practitioner', async () => {
      const fnr = makeSyntheticIdent('1977-12-01', 301) ?? makeSyntheticIdent('1977-12-01', 303)!;
      const qr = sykInn();
      qr.subject = { reference: 'urn:uuid:8a4b6f7e-0c6d-4b8e-9d7a-000000000001' };
      qr.author = { reference: 'urn:uuid:8a4b6f7e-0c6d-4b8e-9d7a-000000000002' };
      delete qr.encounter;
      const bundle = {
        resourceType: 'Bundle', type: 'transaction',
        entry: [
          { fullUrl: 'urn:uuid:8a4b6f7e-0c6d-4b8e-9d7a-000000000001', resource: patient(fnr, '1977-12-01'), request: { method: 'POST', url: 'Patient' } },
          // The practitioner is in the hub already (one Practitioner per HPR number): the conditional create answers with it.
          { fullUrl: 'urn:uuid:8a4b6f7e-0c6d-4b8e-9d7a-000000000002', resource: practitioner, request: { method: 'POST', url: 'Practitioner', ifNoneExist: `identifier=urn:oid:2.16.578.1.12.4.1.4.4|${HPR}` } },
          { fullUrl: 'urn:uuid:8a4b6f7e-0c6d-4b8e-9d7a-000000000003', resource: qr, request: { method: 'POST', url: 'QuestionnaireResponse' } },
        ],
      };
      const res = await s.request({ method: 'POST', url: '/fhir', body: bundle });
      assert.equal(res.status, 200, res.text);
      const qrId = /QuestionnaireResponse\/([^/]+)/.exec(res.json.entry[2].response.location)![1];
      const status = await s.request({ method: 'GET', url: `/fhir/QuestionnaireResponse/${qrId}/$status` });
      assert.equal(status.status, 200, status.text);
      assert.equal(parameter(status.json, 'status').valueCode, 'OK');
    });

    it('sends a backdated sykmelding to manual processing and applies the caseworker decision', async () => {
      const qr = toQuestionnaireResponse(backdatedSykmelding(OTHER_FNR), { subject: otherPatientRef, author: practitionerRef });
      const res = await s.request({ method: 'POST', url: '/fhir/QuestionnaireResponse/$submit', body: qr });
      assert.equal(res.status, 201, res.text);
      assert.equal(parameter(res.json, 'status').valueCode, 'MANUAL_PROCESSING');
      assert.equal(parameter(res.json, 'ruleHit').part[0].valueCode, 'OVER_1_MND_MED_BEGRUNNELSE');
      assert.equal(parameter(res.json, 'merknad').valueCode, 'UNDER_BEHANDLING');
      const taskRef = parameter(res.json, 'manualTask').valueReference.reference;
      const task = await s.request({ method: 'GET', url: `/fhir/${taskRef}` });
      assert.equal(task.json.status, 'requested');

      const bad = await s.request({ method: 'POST', url: `/fhir/${taskRef}/$decide`, body: { resourceType: 'Parameters', parameter: [{ name: 'vurdering', valueCode: 'KANSKJE' }] } });
      assert.equal(bad.status, 400);
      const more = await s.request({ method: 'POST', url: `/fhir/${taskRef}/$decide`, body: { resourceType: 'Parameters', parameter: [{ name: 'vurdering', valueCode: 'TILBAKEDATERING_KREVER_FLERE_OPPLYSNINGER' }] } });
      assert.equal(more.status, 200, more.text);
      assert.equal(parameter(more.json, 'task').resource.status, 'in-progress');
      assert.equal(parameter(more.json, 'merknad').valueCode, 'TILBAKEDATERING_KREVER_FLERE_OPPLYSNINGER');
      const done = await s.request({ method: 'POST', url: `/fhir/${taskRef}/$decide`, body: { resourceType: 'Parameters', parameter: [{ name: 'vurdering', valueCode: 'GODKJENT' }, { name: 'saksbehandler', valueString: 'Z990001' }] } });
      assert.equal(done.status, 200, done.text);
      assert.equal(parameter(done.json, 'task').resource.status, 'completed');
      assert.equal(parameter(done.json, 'merknad'), undefined);
      const again = await s.request({ method: 'POST', url: `/fhir/${taskRef}/$decide`, body: { resourceType: 'Parameters', parameter: [{ name: 'vurdering', valueCode: 'GODKJENT' }] } });
      assert.equal(again.status, 409);
    });

    it('refuses every plain write to a sykmelding, its status Task and NAV\'s Task, alone or in a Bundle, and names the operation to use', async () => {
      const sm: Sykmelding = {
        id: '', pasient: { ident: OTHER_FNR },
        hoveddiagnose: { system: '2.16.578.1.12.4.1.1.7170', kode: 'L03', tekst: 'Korsryggsymptomer' },
        bidiagnoser: [], svangerskap: false, skjermesForPasient: false,
        perioder: [{ fom: '2026-01-03', tom: '2026-02-21', type: 'AKTIVITET_IKKE_MULIG' }],
        utdypendeOpplysninger: [], arbeidsgiver: { harArbeidsgiver: 'EN', navn: 'Bedrift AS' },
        tilbakedatering: { kontaktDato: '2026-01-03', begrunnelse: 'Pasienten var innlagt på sykehus og kunne ikke møte' },
        behandletTidspunkt: '2026-02-10T09:05:00+01:00', signaturDato: '2026-02-10T09:05:00+01:00', behandler: {},
      };
      const submitted = await s.request({ method: 'POST', url: '/fhir/QuestionnaireResponse/$submit', body: toQuestionnaireResponse(sm, { subject: otherPatientRef, author: practitionerRef }) });
      assert.equal(submitted.status, 201, submitted.text);
      const qrRef = parameter(submitted.json, 'sykmelding').valueReference.reference as string;
      assert.equal(submitted.headers.location, `http://helsebro.test/fhir/${qrRef}/_history/1`, 'Location is absolute, as for every other create');
      const navRef = parameter(submitted.json, 'manualTask').valueReference.reference as string;
      const statusTasks = await s.request({ method: 'GET', url: `/fhir/Task?focus=${qrRef}&code=sykmelding-status` });
      const statusRef = `Task/${statusTasks.json.entry[0].resource.id}`;
      const owned = [qrRef, statusRef, navRef];
      const versions = async () => Promise.all(owned.map(async (ref) => (await s.request({ method: 'GET', url: `/fhir/${ref}` })).json.meta.versionId));
      const before = await versions();

      const refused = (res: { status: number; json: any; text: string }, what: string, operation: RegExp) => {
        assert.equal(res.status, 409, `${what}: ${res.text}`);
        assert.equal(res.json.resourceType, 'OperationOutcome', what);
        assert.equal(res.json.issue[0].code, 'business-rule', what);
        assert.match(res.json.issue[0].diagnostics, operation, what);
      };
      for (const ref of owned) {
        const [type, id] = ref.split('/');
        const current = (await s.request({ method: 'GET', url: `/fhir/${ref}` })).json;
        const operation = ref === qrRef ? /\$cancel/ : ref === navRef ? /\$decide/ : /\$send.*\$cancel/;
        const changed = type === 'Task' ? { ...current, status: 'completed' } : { ...current, status: 'entered-in-error' };
        refused(await s.request({ method: 'PUT', url: `/fhir/${ref}`, body: changed }), `PUT ${ref}`, operation);
        refused(await s.request({ method: 'PUT', url: `/fhir/${type}?_id=${id}`, body: changed }), `conditional PUT ${ref}`, operation);
        refused(await s.request({ method: 'PATCH', url: `/fhir/${ref}`, headers: { 'content-type': 'application/json-patch+json' }, body: [{ op: 'replace', path: '/status', value: changed.status }] }), `PATCH ${ref}`, operation);
        refused(await s.request({ method: 'DELETE', url: `/fhir/${ref}` }), `DELETE ${ref}`, operation);
        refused(await s.request({ method: 'DELETE', url: `/fhir/${type}?_id=${id}` }), `conditional DELETE ${ref}`, operation);
        for (const request of [{ method: 'PUT', url: ref, resource: changed }, { method: 'DELETE', url: ref }]) {
          const entry = { ...(request.resource ? { resource: request.resource } : {}), request: { method: request.method, url: request.url } };
          refused(await s.request({ method: 'POST', url: '/fhir', body: { resourceType: 'Bundle', type: 'transaction', entry: [entry] } }), `transaction ${request.method} ${ref}`, operation);
          const batch = await s.request({ method: 'POST', url: '/fhir', body: { resourceType: 'Bundle', type: 'batch', entry: [entry] } });
          assert.equal(batch.status, 200, batch.text);
          assert.match(batch.json.entry[0].response.status, /^409/, `batch ${request.method} ${ref}`);
        }
        if (type === 'Task') {
          const { id: _id, meta: _meta, ...copy } = current;
          refused(await s.request({ method: 'POST', url: '/fhir/Task', body: copy }), `POST a copy of ${ref}`, operation);
        }
      }
      assert.deepEqual(await versions(), before, 'nothing was changed');
      // The workflow's own operations still work.
      const decided = await s.request({ method: 'POST', url: `/fhir/${navRef}/$decide`, body: { resourceType: 'Parameters', parameter: [{ name: 'vurdering', valueCode: 'GODKJENT' }] } });
      assert.equal(decided.status, 200, decided.text);
      const cancelled = await s.request({ method: 'POST', url: `/fhir/${qrRef}/$cancel` });
      assert.equal(cancelled.status, 200, cancelled.text);
    });

    it("shows the patient their sykmelding without what the doctor shielded", async () => {
      const res = await s.request({ method: 'GET', url: `/fhir/QuestionnaireResponse/${sykmeldingId}/$patient-view` });
      assert.equal(res.status, 200, res.text);
      assert.ok(JSON.stringify(res.json).includes('M54.5'), 'not shielded: the patient sees the diagnosis');
    });

    it('lets the patient confirm and reopen, and the expiry job retire only unused sykmeldinger', async () => {
      const changed = sykInn();
      changed.authored = '2026-02-10T09:50:00+01:00';
      const created = await s.request({ method: 'POST', url: '/fhir/QuestionnaireResponse/$submit', body: changed });
      const id = parameter(created.json, 'sykmelding').valueReference.reference.split('/')[1];
      const confirmed = await s.request({ method: 'POST', url: `/fhir/QuestionnaireResponse/${id}/$confirm` });
      assert.equal(parameter(confirmed.json, 'lifecycle').valueCode, 'BEKREFTET');
      const reopened = await s.request({ method: 'POST', url: `/fhir/QuestionnaireResponse/${id}/$reopen` });
      assert.equal(parameter(reopened.json, 'lifecycle').valueCode, 'APEN');

      // Its last day is 2026-03-24: still open on 24 June, expired on 25 June.
      assert.ok(!(await expireSykmeldinger(s.runtime.service, new Date('2026-06-24T12:00:00Z'))).includes(id));
      const expired = await expireSykmeldinger(s.runtime.service, new Date('2026-06-25T12:00:00Z'));
      assert.ok(expired.includes(id));
      assert.ok(!expired.includes(sykmeldingId), 'a sent sykmelding never expires');
      const status = await s.request({ method: 'GET', url: `/fhir/QuestionnaireResponse/${id}/$status` });
      assert.equal(parameter(status.json, 'lifecycle').valueCode, 'UTGATT');
      const last = status.json.parameter.filter((p: any) => p.name === 'statusHistory').at(-1).part;
      assert.equal(last.find((p: any) => p.name === 'by').valueString, 'system');
      const send = await s.request({ method: 'POST', url: `/fhir/QuestionnaireResponse/${id}/$send`, body: { resourceType: 'Parameters', parameter: [{ name: 'orgnr', valueString: EMPLOYER }] } });
      assert.equal(send.status, 409);
    });
  });
}
