/**
 * `$legeerklaering-submit` over HTTP, on both stores: a legeerklæring is stored with its receipt
 * Task and answered with the receipt; an INVALID one is stored with its outcome; a re-sent copy is
 * answered with the first one and not stored again; a message id used before for other content is
 * refused; a received legeerklæring cannot be changed; a doctor without access to the patient
 * stores nothing.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DIALECTS } from '../support/databases.ts';
import { DEFAULTS } from '../../src/config.ts';
import { createRef, startTestServer, type TestServer } from '../support/runtime.ts';
import { EXAMPLE, exampleBy, hits, NOW, parameter, patient, practitioner } from './fixtures.ts';

const URL_SUBMIT = '/fhir/QuestionnaireResponse/$legeerklaering-submit';
let msgIds = 0;

for (const dialect of DIALECTS) {
  describe(`legeerklæring $legeerklaering-submit on ${dialect}`, () => {
    let s: TestServer;
    const refs: Record<string, string> = {};
    /** The example by `author`, under a message id of its own unless one is given. */
    const form = (author: string, change?: (qr: any) => void) => exampleBy(refs, author, (qr) => {
      qr.identifier = { value: `melding-${++msgIds}` };
      change?.(qr);
    });
    const statusPresens = (text: string) => (qr: any) => {
      qr.item.find((i: any) => i.linkId === 'sykdomsopplysninger').item.find((i: any) => i.linkId === 'status-presens').answer = [{ valueString: text }];
    };
    const count = async (type: string) => (await s.request({ method: 'GET', url: `/fhir/${type}?_summary=count` })).json.total as number;
    const counts = async () => [await count('QuestionnaireResponse'), await count('Task')];
    const submit = (body: Record<string, unknown>, headers?: Record<string, string>) => s.request({ method: 'POST', url: URL_SUBMIT, body, headers });
    const receiptOf = async (qrId: string) => {
      const res = await s.request({ method: 'GET', url: `/fhir/Task?focus=QuestionnaireResponse/${qrId}` });
      assert.equal(res.json.entry?.length, 1, res.text);
      return res.json.entry[0].resource;
    };

    before(async () => {
      s = await startTestServer(dialect, {}, { now: () => NOW });
      refs.patient = await createRef(s, patient);
      refs.lege = await createRef(s, practitioner('9144889', 'LE'));
      refs.sykepleier = await createRef(s, practitioner('9144891', 'SP'));
    });
    after(() => s.close());

    it('stores the legeerklæring with its receipt Task and answers with the receipt', async () => {
      const before = await counts();
      const res = await submit(form('lege'));
      assert.equal(res.status, 201, res.text);
      assert.equal(parameter(res.json, 'status').valueCode, 'OK');
      assert.deepEqual(hits(res.json), []);
      const qrId = /QuestionnaireResponse\/([^/]+)\/_history\/1$/.exec(String(res.headers.location))?.[1];
      assert.ok(qrId, String(res.headers.location));
      const task = await receiptOf(qrId);
      assert.equal(task.businessStatus.coding[0].code, 'OK');
      assert.equal(task.for.reference, refs.patient);
      assert.equal(task.requester.reference, refs.lege);
      assert.deepEqual(await counts(), [before[0] + 1, before[1] + 1]);
    });

    it('stores an INVALID legeerklæring too, with the rule that decided on its receipt', async () => {
      const res = await submit(form('sykepleier'));
      assert.equal(res.status, 201, res.text);
      assert.equal(parameter(res.json, 'status').valueCode, 'INVALID');
      assert.deepEqual(hits(res.json), ['BEHANDLER_IKKE_LE_KI_MT_TL_FT_PS_I_HPR']);
      const qrId = /QuestionnaireResponse\/([^/]+)\//.exec(String(res.headers.location))![1];
      const task = await receiptOf(qrId);
      assert.equal(task.businessStatus.coding[0].code, 'INVALID');
      assert.equal(task.input.find((i: any) => i.type.text === 'regelutfall').valueCoding.code, 'BEHANDLER_IKKE_LE_KI_MT_TL_FT_PS_I_HPR');
    });

    it('marks a status presens of 15,001 characters INVALID, and not one of 15,000', async () => {
      const at = await submit(form('lege', statusPresens('y'.repeat(15_000))));
      assert.equal(at.status, 201, at.text);
      assert.equal(parameter(at.json, 'status').valueCode, 'OK');
      const over = await submit(form('lege', statusPresens('z'.repeat(15_001))));
      assert.equal(over.status, 201, over.text);
      assert.equal(parameter(over.json, 'status').valueCode, 'INVALID');
      assert.deepEqual(hits(over.json), ['FOR_MANGE_TEGN_STATUSPRESENS']);
    });

    it('answers a re-sent copy with the one stored first, stores nothing, and says so', async () => {
      const first = await submit(form('lege', statusPresens('sendt to ganger')));
      assert.equal(first.status, 201, first.text);
      const before = await counts();
      const again = await submit(form('lege', statusPresens('sendt to ganger')));
      assert.equal(again.status, 200, again.text);
      assert.equal(parameter(again.json, 'duplicate')?.valueBoolean, true);
      assert.equal(parameter(again.json, 'status').valueCode, 'OK');
      assert.equal(String(again.headers.location).replace(/\/_history\/.*/, ''), String(first.headers.location).replace(/\/_history\/.*/, ''));
      assert.deepEqual(await counts(), before);
    });

    it('refuses a message id the signer used before for other content (409), storing nothing', async () => {
      const first = await submit(form('lege', (qr) => { statusPresens('første')(qr); qr.identifier = { value: 'gjenbrukt-id' }; }));
      assert.equal(first.status, 201, first.text);
      const before = await counts();
      const reused = await submit(form('lege', (qr) => { statusPresens('andre')(qr); qr.identifier = { value: 'gjenbrukt-id' }; }));
      assert.equal(reused.status, 409, reused.text);
      assert.match(reused.text, /gjenbrukt-id/);
      assert.deepEqual(await counts(), before);
    });

    it('refuses a change to a received legeerklæring, and a form for an unknown patient, storing nothing', async () => {
      const first = await submit(form('lege', statusPresens('uendret')));
      const qrId = /QuestionnaireResponse\/([^/]+)\//.exec(String(first.headers.location))![1];
      const stored = (await s.request({ method: 'GET', url: `/fhir/QuestionnaireResponse/${qrId}` })).json;
      const before = await counts();
      const changed = structuredClone(stored);
      statusPresens('endret etterpå')(changed);
      changed.identifier = { value: 'ny-melding-for-endring' };
      const put = await s.request({ method: 'PUT', url: `/fhir/QuestionnaireResponse/${qrId}`, body: changed });
      assert.equal(put.status, 409, put.text);
      // The same again under its own id is answered with it, unchanged.
      const same = await s.request({ method: 'PUT', url: `/fhir/QuestionnaireResponse/${qrId}`, body: stored });
      assert.equal(same.status, 200, same.text);
      assert.equal(same.json.meta.versionId, '1');
      const unknown = await submit(form('lege', (qr) => { qr.subject = { reference: 'Patient/finnes-ikke' }; }));
      assert.equal(unknown.status, 422, unknown.text);
      const notSigned = await submit(form('lege', (qr) => { qr.status = 'in-progress'; }));
      assert.equal(notSigned.status, 400, notSigned.text);
      assert.deepEqual(await counts(), before);
    });
  });

  describe(`legeerklæring $legeerklaering-submit with tokens on ${dialect}`, () => {
    let s: TestServer;
    before(async () => {
      s = await startTestServer(dialect, { auth: { ...DEFAULTS.auth, mode: 'builtin' } }, { now: () => NOW });
    });
    after(() => s.close());

    it('stores nothing for a doctor who has no access to the patient', async () => {
      const service = s.runtime.service;
      const p = await service.create('Patient', patient);
      const doctor = await service.create('Practitioner', practitioner('9144889', 'LE'));
      const token = await s.runtime.auth.tokenFor('hpr:9144889');
      const qr = structuredClone(EXAMPLE);
      delete qr.id;
      qr.subject = { reference: `Patient/${p.stored.id}` };
      qr.author = { reference: `Practitioner/${doctor.stored.id}` };
      qr.identifier = { value: 'uten-tilgang' };
      const before = (await service.search({ resourceType: 'QuestionnaireResponse', filters: [], sort: [], count: 0, offset: 0, total: 'accurate', include: [], revinclude: [], raw: [] })).total;
      const res = await s.request({ method: 'POST', url: URL_SUBMIT, body: qr, headers: { authorization: `Bearer ${token}` } });
      assert.ok([403, 404, 422].includes(res.status), `${res.status} ${res.text}`);
      assert.doesNotMatch(res.text, /Kari|Nordmann|07838412305/);
      const afterCount = (await service.search({ resourceType: 'QuestionnaireResponse', filters: [], sort: [], count: 0, offset: 0, total: 'accurate', include: [], revinclude: [], raw: [] })).total;
      assert.equal(afterCount, before);
    });
  });
}
