/**
 * The NAV ⇄ doctor dialogue end to end over HTTP, on both stores, with the built-in authorisation
 * server: NAV sends a request that is routed from stored data (GP, vacant list, no list, current
 * sykmelder), the addressed doctor finds it in the inbox and answers with an attachment, NAV's
 * outbox shows it answered; cancelling; the overdue job's one reminder; a change of GP; and who
 * may see and do what (another doctor, the citizen, a caseworker without a purpose).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEFAULTS } from '../../src/config.ts';
import { makeSyntheticIdent } from '../../src/domain/identity/index.ts';
import { DIALOG, ROLE_SYSTEM } from '../../src/fhir/helsebro-codes.ts';
import { markOverdue, rerouteOpenRequests } from '../../src/dialog/jobs.ts';
import { DIALECTS } from '../support/databases.ts';
import { startTestServer, type TestServer } from '../support/runtime.ts';
import { sykInnWithPeriod } from '../support/sykmeldinger.ts';

const HPR = { gpA: '1111111', gpB: '2222222', sykmelder: '1234567', other: '4444444' };
const ident = (birth: string, n: number) => makeSyntheticIdent(birth, n) ?? makeSyntheticIdent(birth, n + 2)!;
const FNR = { withGp: ident('1980-03-04', 101), vacant: ident('1981-05-06', 121), noList: ident('1982-07-08', 141), sykmeldt: ident('1983-09-10', 161) };
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n').toString('base64');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]).toString('base64');

const practitioner = (hpr: string, family: string) => ({
  resourceType: 'Practitioner', identifier: [{ system: 'urn:oid:2.16.578.1.12.4.1.4.4', value: hpr }], name: [{ family, given: ['Test'] }],
  qualification: [
    { code: { coding: [{ system: 'urn:oid:2.16.578.1.12.4.1.1.9060', code: 'LE', display: 'Lege' }] } },
    { code: { coding: [{ system: 'urn:oid:2.16.578.1.12.4.1.1.7704', code: '1', display: 'Autorisasjon' }] }, period: { start: '2010-01-01' } },
  ],
});
const patient = (fnr: string, birthDate: string, extra: Record<string, unknown>) => ({
  resourceType: 'Patient', identifier: [{ system: 'urn:oid:2.16.578.1.12.4.1.4.1', value: fnr }], name: [{ family: 'Prøve', given: ['Pasient'] }], birthDate, ...extra,
});
const municipality = (knr: string, name: string) => ({ resourceType: 'Organization', identifier: [{ system: DIALOG.KOMMUNENUMMER_SYSTEM, value: knr }], name });
const fastlegeRole = (practitionerRef: string | undefined, orgRef: string) => ({
  resourceType: 'PractitionerRole', active: true, ...(practitionerRef ? { practitioner: { reference: practitionerRef } } : {}),
  organization: { reference: orgRef }, code: [{ coding: [{ system: ROLE_SYSTEM, code: 'fastlege', display: 'Fastlege' }] }],
});

const TEXT = 'NAV ber om tilleggsopplysninger om funksjonsevne \u2013 svar innen fristen.';

for (const dialect of DIALECTS) {
  describe(`the dialogue on ${dialect}`, () => {
    let s: TestServer;
    let now = new Date('2026-02-10T10:00:00Z');
    const refs: Record<string, string> = {};
    const tokens: Record<string, string> = {};

    const create = async (key: string, body: Record<string, unknown>) => {
      const written = await s.runtime.service.create(String(body.resourceType), body);
      refs[key] = `${String(body.resourceType)}/${written.stored.id}`;
      return refs[key]!;
    };
    const as = (who: string) => ({ authorization: `Bearer ${tokens[who]}` });
    const param = (name: string, value: Record<string, unknown>) => ({ name, ...value });
    const send = (who: string, patientRef: string, kind = 'FORESPORSEL_PASIENT_TILLEGGSOPPLYSNINGER', headers: Record<string, string> = {}) =>
      s.request({
        method: 'POST', url: '/fhir/Task/$send-request', headers: { ...as(who), ...headers },
        body: { resourceType: 'Parameters', parameter: [param('patient', { valueReference: { reference: patientRef } }), param('kind', { valueCode: kind }), param('text', { valueString: TEXT })] },
      });
    const answer = (who: string, taskId: string, attachment?: Record<string, unknown>) =>
      s.request({
        method: 'POST', url: `/fhir/Task/${taskId}/$answer`, headers: as(who),
        body: { resourceType: 'Parameters', parameter: [param('text', { valueString: 'Pasienten kan ikke løfte over 5 kg.' }), ...(attachment ? [param('attachment', { valueAttachment: attachment })] : [])] },
      });
    const count = async (type: string) => (await s.runtime.service.search({ ...(await import('../../src/fhir/search/parse.ts')).parseSearch(type, []), total: 'accurate', count: 0 })).total ?? -1;
    const rule = (task: any) => task.extension.find((e: any) => e.url === DIALOG.EXT_RUTING).extension;
    const regel = (task: any) => rule(task).find((e: any) => e.url === 'regel').valueCode;
    const flags = (task: any) => rule(task).filter((e: any) => e.url === 'flagg').map((e: any) => e.valueCode);
    const status = (task: any) => task.businessStatus.coding[0].code;
    const readTask = async (id: string) => JSON.parse((await s.runtime.service.read('Task', id)).content);

    before(async () => {
      s = await startTestServer(dialect, { auth: { ...DEFAULTS.auth, mode: 'builtin' } }, { now: () => now });
      await create('gpA', practitioner(HPR.gpA, 'Fastlege A'));
      await create('gpB', practitioner(HPR.gpB, 'Fastlege B'));
      await create('sykmelder', practitioner(HPR.sykmelder, 'Sykmelder'));
      await create('other', practitioner(HPR.other, 'Annen'));
      await create('office', { resourceType: 'Organization', name: 'Prøve legesenter' });
      await create('oslo', municipality('0301', 'Oslo kommune, legetjenesten'));
      await create('bergen', municipality('4601', 'Bergen kommune, legetjenesten'));
      await create('listA', fastlegeRole(refs.gpA, refs.office!));
      await create('listB', fastlegeRole(refs.gpB, refs.office!));
      await create('vacant', fastlegeRole(undefined, refs.bergen!));
      const home = { address: [{ use: 'home', district: '0301', city: 'Oslo' }] };
      await create('withGp', patient(FNR.withGp, '1980-03-04', { ...home, generalPractitioner: [{ reference: refs.listA }] }));
      await create('vacantPatient', patient(FNR.vacant, '1981-05-06', { ...home, generalPractitioner: [{ reference: refs.vacant }] }));
      await create('noList', patient(FNR.noList, '1982-07-08', home));
      await create('sykmeldt', patient(FNR.sykmeldt, '1983-09-10', home));
      const encounter = await create('encounter', { resourceType: 'Encounter', status: 'finished', class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB' }, subject: { reference: refs.sykmeldt } });
      await s.runtime.service.create('QuestionnaireResponse', sykInnWithPeriod({ subject: refs.sykmeldt!, author: refs.sykmelder!, encounter }, '2026-02-05', '2026-03-01', 'syk-dialog'));
      for (const [who, hpr] of Object.entries(HPR)) tokens[who] = await s.runtime.auth.tokenFor(`hpr:${hpr}`);
      tokens.nav = await s.runtime.auth.tokenFor('nav:Z990001', { purpose: 'Oppfølging av sykefravær' });
      tokens.navNoPurpose = await s.runtime.auth.tokenFor('nav:Z990002');
      tokens.citizen = await s.runtime.auth.tokenFor(`pid:${FNR.withGp}`);
    });
    after(() => s.close());

    let taskId: string;
    let crId: string;

    it('routes a request about a patient with a GP to the GP list, and the GP finds it in the inbox with its text', async () => {
      const res = await send('nav', refs.withGp!);
      assert.equal(res.status, 201, res.text);
      taskId = res.json.id;
      crId = res.json.focus.reference.split('/')[1];
      assert.equal(res.json.owner.reference, refs.listA);
      assert.equal(regel(res.json), 'FASTLEGE');
      assert.deepEqual(flags(res.json), []);
      assert.equal(status(res.json), 'requested');
      assert.equal(res.json.restriction.period.end, '2026-02-24');
      const inbox = await s.request({ method: 'GET', url: '/fhir/Task/$inbox?status=requested', headers: as('gpA') });
      assert.equal(inbox.status, 200, inbox.text);
      const entries = inbox.json.entry.map((e: any) => `${e.resource.resourceType}/${e.resource.id}`);
      assert.deepEqual(entries, [`Task/${taskId}`, `CommunicationRequest/${crId}`]);
      // NAV's cleaning: the en dash is gone.
      assert.equal(inbox.json.entry[1].resource.payload[0].contentString, TEXT.replace('\u2013', ''));
      const empty = await s.request({ method: 'GET', url: '/fhir/Task/$inbox', headers: as('gpB') });
      assert.equal(empty.json.total, 0);
    });

    it('keeps the request from another doctor: not seen, not answerable, alike an unknown one, and nothing written', async () => {
      const before = await count('Communication');
      for (const url of [`/fhir/Task/${taskId}`, `/fhir/CommunicationRequest/${crId}`]) {
        const read = await s.request({ method: 'GET', url, headers: as('other') });
        assert.equal(read.status, 404, read.text);
      }
      const refused = await answer('other', taskId);
      const unknown = await answer('other', 'no-such-task');
      assert.equal(refused.status, 404, refused.text);
      assert.equal(unknown.status, 404);
      assert.equal(await count('Communication'), before);
      assert.equal(status(await readTask(taskId)), 'requested');
    });

    it('shows the citizen that something was asked and when, but not its content', async () => {
      const task = await s.request({ method: 'GET', url: `/fhir/Task/${taskId}`, headers: as('citizen') });
      assert.equal(task.status, 200, task.text);
      assert.equal(task.json.authoredOn, '2026-02-10T10:00:00.000Z');
      assert.ok(!task.text.includes('funksjonsevne'), 'the question text is not on the Task');
      const cr = await s.request({ method: 'GET', url: `/fhir/CommunicationRequest/${crId}`, headers: as('citizen') });
      assert.notEqual(cr.status, 200);
      const search = await s.request({ method: 'GET', url: '/fhir/CommunicationRequest', headers: as('citizen') });
      assert.ok(!search.text.includes('funksjonsevne'));
    });

    it('refuses a caseworker without a purpose of use, and a doctor sending, writing nothing', async () => {
      const before = await count('Task');
      assert.equal((await send('navNoPurpose', refs.withGp!)).status, 403);
      assert.equal((await send('gpA', refs.withGp!)).status, 403);
      assert.equal(await count('Task'), before);
      // A plain FHIR write cannot fake a status.
      const task = await readTask(taskId);
      const put = await s.request({ method: 'PUT', url: `/fhir/Task/${taskId}`, headers: as('gpA'), body: { ...task, businessStatus: { coding: [{ system: DIALOG.STATUS_SYSTEM, code: 'answered' }] } } });
      assert.ok(put.status === 409 || put.status === 403, put.text);
      assert.equal(status(await readTask(taskId)), 'requested');
    });

    it('refuses an attachment whose bytes are not what its label says, writing nothing', async () => {
      const before = await count('Communication');
      const res = await answer('gpA', taskId, { contentType: 'application/pdf', data: PNG, title: 'epikrise' });
      assert.equal(res.status, 422, res.text);
      assert.match(res.text, /VEDLEGG_FEIL_TYPE/);
      assert.equal(await count('Communication'), before);
      assert.equal(status(await readTask(taskId)), 'requested');
    });

    it('takes the GP\'s answer with an attachment: answered, the Communication linked, the takst recorded, NAV\'s outbox shows it', async () => {
      const res = await answer('gpA', taskId, { contentType: 'application/pdf', data: PDF, title: 'epikrise' });
      assert.equal(res.status, 200, res.text);
      const task = res.json.parameter.find((p: any) => p.name === 'task').resource;
      const communication = res.json.parameter.find((p: any) => p.name === 'communication').resource;
      assert.equal(status(task), 'answered');
      assert.equal(task.status, 'completed');
      assert.deepEqual(communication.basedOn, [{ reference: `CommunicationRequest/${crId}` }]);
      assert.deepEqual(communication.partOf, [{ reference: `Task/${taskId}` }]);
      assert.equal(communication.extension[0].valueCoding.code, 'L8');
      assert.equal(communication.sender.reference, refs.gpA);
      const docRef = communication.payload.find((p: any) => p.contentReference).contentReference.reference;
      const doc = JSON.parse((await s.runtime.service.read('DocumentReference', docRef.split('/')[1])).content);
      assert.equal(doc.content[0].attachment.contentType, 'application/pdf');
      const binary = JSON.parse((await s.runtime.service.read('Binary', doc.content[0].attachment.url.split('/')[1])).content);
      assert.equal(binary.data, PDF);
      const cr = JSON.parse((await s.runtime.service.read('CommunicationRequest', crId)).content);
      assert.equal(cr.status, 'completed');
      // The doctor sees their answer and every version of the request (its history).
      assert.equal((await s.request({ method: 'GET', url: `/fhir/Communication/${communication.id}`, headers: as('gpA') })).status, 200);
      const history = await s.request({ method: 'GET', url: `/fhir/Task/${taskId}/_history`, headers: as('gpA') });
      assert.equal(history.status, 200, history.text);
      assert.deepEqual(history.json.entry.map((e: any) => status(e.resource)), ['answered', 'requested']);
      const outbox = await s.request({ method: 'GET', url: '/fhir/Task/$outbox?status=answered', headers: as('nav') });
      assert.equal(outbox.status, 200, outbox.text);
      assert.ok(outbox.json.entry.some((e: any) => e.resource.id === taskId));
      // Every step was audited against the patient: NAV's sending, the GP's inbox and answer.
      const audit = await s.runtime.audit.forPatients([refs.withGp!.split('/')[1]!]);
      for (const [role, interaction] of [['caseworker', 'send-request'], ['doctor', 'inbox'], ['doctor', 'answer']]) {
        assert.ok(audit.some((e) => e.agentRole === role && e.interaction?.includes(interaction!) && e.status < 300), `${role} ${interaction}: ${JSON.stringify(audit.map((e) => [e.agentRole, e.interaction, e.status]))}`);
      }
      // Answered is final.
      assert.equal((await answer('gpA', taskId)).status, 409);
      assert.equal((await s.request({ method: 'POST', url: `/fhir/Task/${taskId}/$cancel-request`, headers: as('nav'), body: { resourceType: 'Parameters' } })).status, 409);
    });

    it('cancels a request; a cancelled one cannot be answered', async () => {
      const sent = await send('nav', refs.withGp!, 'FORESPORSEL_PASIENT_LEGEERKLARING');
      assert.equal(sent.status, 201, sent.text);
      const cancelled = await s.request({ method: 'POST', url: `/fhir/Task/${sent.json.id}/$cancel-request`, headers: as('nav'), body: { resourceType: 'Parameters', parameter: [{ name: 'reason', valueString: 'Sendt ved en feil' }] } });
      assert.equal(cancelled.status, 200, cancelled.text);
      assert.equal(status(cancelled.json), 'cancelled');
      const refused = await answer('gpA', sent.json.id);
      assert.equal(refused.status, 409, refused.text);
      assert.match(refused.text, /final/);
    });

    it('routes a vacant list to its municipality, no list to the home municipality, and no GP to the current sykmelder, flagged "no GP"', async () => {
      const vacant = await send('nav', refs.vacantPatient!);
      assert.equal(vacant.status, 201, vacant.text);
      assert.equal(vacant.json.owner.reference, refs.bergen);
      assert.equal(regel(vacant.json), 'KOMMUNE_LISTEANSVAR');
      assert.deepEqual(flags(vacant.json), ['UTEN_FASTLEGE']);
      const noList = await send('nav', refs.noList!);
      assert.equal(noList.json.owner.reference, refs.oslo);
      assert.equal(regel(noList.json), 'KOMMUNE_BOSTED');
      const sykmeldt = await send('nav', refs.sykmeldt!);
      assert.equal(sykmeldt.json.owner.reference, refs.sykmelder);
      assert.equal(regel(sykmeldt.json), 'SYKMELDER');
      assert.deepEqual(flags(sykmeldt.json), ['UTEN_FASTLEGE']);
      // The sykmelder has no list with the patient, yet sees and answers what is addressed to them.
      const inbox = await s.request({ method: 'GET', url: '/fhir/Task/$inbox', headers: as('sykmelder') });
      assert.ok(inbox.json.entry.some((e: any) => e.resource.id === sykmeldt.json.id), inbox.text);
      assert.equal((await answer('sykmelder', sykmeldt.json.id)).status, 200);
    });

    it('marks an overdue request and sends exactly one reminder, however often the job runs', async () => {
      const sent = await send('nav', refs.withGp!);
      const before = (await s.runtime.service.search({ ...(await import('../../src/fhir/search/parse.ts')).parseSearch('Task', [['part-of', `Task/${sent.json.id}`]]), total: 'accurate' })).total;
      assert.equal(before, 0);
      // Due 2026-02-24: still on time at 22:59 UTC that day (23:59 in Oslo), overdue from 23:00 UTC.
      now = new Date('2026-02-24T22:59:00Z');
      assert.deepEqual((await markOverdue(s.runtime.service, now)).overdue.filter((id) => id === sent.json.id), []);
      now = new Date('2026-02-24T23:00:00Z');
      const first = await markOverdue(s.runtime.service, now);
      const second = await markOverdue(s.runtime.service, now);
      assert.ok(first.overdue.includes(sent.json.id));
      assert.equal(first.reminders.filter((r) => r.request === sent.json.id).length, 1);
      assert.deepEqual(second, { overdue: [], reminders: [] });
      const task = await readTask(sent.json.id);
      assert.equal(status(task), 'overdue');
      const reminders = await s.runtime.service.search({ ...(await import('../../src/fhir/search/parse.ts')).parseSearch('Task', [['part-of', `Task/${sent.json.id}`]]), total: 'accurate' });
      assert.equal(reminders.total, 1);
      const reminder = JSON.parse(reminders.matches[0]!.content);
      assert.equal(reminder.code.coding[0].code, '2');
      assert.equal(reminder.identifier.find((i: any) => i.system === DIALOG.CONVERSATION_SYSTEM).value, task.identifier.find((i: any) => i.system === DIALOG.CONVERSATION_SYSTEM).value);
      // The reminder is answered like any request; the answer answers the original too, and the reminder stays part of it.
      const answered = await answer('gpA', reminder.id);
      assert.equal(answered.status, 200, answered.text);
      assert.deepEqual((await readTask(reminder.id)).partOf, [{ reference: `Task/${sent.json.id}` }]);
      assert.equal(status(await readTask(sent.json.id)), 'answered');
      // Another overdue request shows in the GP's inbox as overdue.
      now = new Date('2026-02-24T10:00:00Z');
      const late = await send('nav', refs.withGp!);
      now = new Date('2026-03-11T23:00:00Z');
      await markOverdue(s.runtime.service, now);
      const inbox = await s.request({ method: 'GET', url: '/fhir/Task/$inbox?status=overdue', headers: as('gpA') });
      assert.ok(inbox.json.entry.some((e: any) => e.resource.id === late.json.id), inbox.text);
      // Time goes on for the tests after this one.
      now = new Date('2026-03-12T08:00:00Z');
    });

    it('moves open requests to the new GP when the patient changes GP; answered ones stay', async () => {
      const open = await send('nav', refs.withGp!);
      const patient = JSON.parse((await s.runtime.service.read('Patient', refs.withGp!.split('/')[1]!)).content);
      await s.runtime.service.update('Patient', patient.id, { ...patient, generalPractitioner: [{ reference: refs.listB }] });
      const moved = await rerouteOpenRequests(s.runtime.service, now, patient.id);
      assert.ok(moved.some((m) => m.task === open.json.id && m.from === refs.listA && m.to === refs.listB), JSON.stringify(moved));
      assert.equal((await readTask(open.json.id)).owner.reference, refs.listB);
      assert.equal((await readTask(taskId)).owner.reference, refs.listA, 'the answered request stays');
      const inboxB = await s.request({ method: 'GET', url: '/fhir/Task/$inbox', headers: as('gpB') });
      assert.ok(inboxB.json.entry.some((e: any) => e.resource.id === open.json.id));
      assert.deepEqual(await rerouteOpenRequests(s.runtime.service, now, patient.id), []);
    });

    it('pages the inbox by due date with a next link', async () => {
      const page = await s.request({ method: 'GET', url: '/fhir/Task/$inbox?_count=1', headers: as('gpB') });
      assert.equal(page.status, 200, page.text);
      assert.equal(page.json.entry.filter((e: any) => e.search.mode === 'match').length, 1);
      const bad = await s.request({ method: 'GET', url: '/fhir/Task/$inbox?status=nonsense', headers: as('gpB') });
      assert.equal(bad.status, 400);
      const outbox = await s.request({ method: 'GET', url: '/fhir/Task/$outbox?_count=2', headers: as('nav') });
      assert.equal(outbox.status, 200, outbox.text);
      const next = outbox.json.link.find((l: any) => l.relation === 'next');
      assert.ok(next, 'a next link while more remain');
      const dues = outbox.json.entry.filter((e: any) => e.search.mode === 'match').map((e: any) => e.resource.restriction?.period?.end ?? '9999');
      assert.deepEqual(dues, [...dues].sort());
    });
  });
}
