/**
 * `$legeerklaering-dry-run` over HTTP, on both stores: the example legeerklæring by a GP passes,
 * a psychologist may write one, a nurse or a suspended doctor may not, an over-long status presens
 * is reported first, and nothing is stored.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DIALECTS } from '../support/databases.ts';
import { createRef, startTestServer, type TestServer } from '../support/runtime.ts';

import { exampleBy, hits, NOW, parameter, patient, practitioner, SYKMELDING, URL_DRY_RUN } from './fixtures.ts';

for (const dialect of DIALECTS) {
  describe(`legeerklæring $legeerklaering-dry-run on ${dialect}`, () => {
    let s: TestServer;
    const refs: Record<string, string> = {};
    const draft = (author: string, change?: (qr: any) => void) => exampleBy(refs, author, change);
    const count = async (type: string) => (await s.request({ method: 'GET', url: `/fhir/${type}?_summary=count` })).json.total as number;
    const dryRun = async (body: Record<string, unknown>) => s.request({ method: 'POST', url: URL_DRY_RUN, body });

    before(async () => {
      s = await startTestServer(dialect, {}, { now: () => NOW });
      const post = (body: Record<string, unknown>) => createRef(s, body);
      refs.patient = await post(patient);
      refs.lege = await post(practitioner('9144889', 'LE'));
      refs.psykolog = await post(practitioner('9144890', 'PS'));
      refs.sykepleier = await post(practitioner('9144891', 'SP'));
      refs.suspendert = await post(practitioner('9144892', 'LE', true));
    });
    after(() => s.close());

    it('passes the example written by a GP, through every tree, and stores nothing', async () => {
      const before = [await count('QuestionnaireResponse'), await count('Task')];
      const res = await dryRun(draft('lege'));
      assert.equal(res.status, 200, res.text);
      assert.equal(parameter(res.json, 'status').valueCode, 'OK');
      assert.deepEqual(hits(res.json), []);
      assert.equal(parameter(res.json, 'path').valueString, [
        'BEHANDLER_NOT_IN_HPR(no)->OK', 'BEHANDLER_SUSPENDERT(no)->OK',
        'BEHANDLER_IKKE_GYLDIG_I_HPR(no)->BEHANDLER_MANGLER_AUTORISASJON_I_HPR(no)->BEHANDLER_IKKE_LE_KI_MT_TL_FT_PS_I_HPR(no)->OK',
        'PASIENT_YNGRE_ENN_13(no)->UGYLDIG_ORGNR_LENGDE(no)->AVSENDER_FNR_ER_SAMME_SOM_PASIENT_FNR(no)->OK',
      ].join(' | '));
      assert.deepEqual([await count('QuestionnaireResponse'), await count('Task')], before);
    });

    it('lets a psychologist write one, and not a nurse', async () => {
      assert.equal(parameter((await dryRun(draft('psykolog'))).json, 'status').valueCode, 'OK');
      const nurse = await dryRun(draft('sykepleier'));
      assert.equal(parameter(nurse.json, 'status').valueCode, 'INVALID');
      assert.deepEqual(hits(nurse.json), ['BEHANDLER_IKKE_LE_KI_MT_TL_FT_PS_I_HPR']);
      const hit = parameter(nurse.json, 'ruleHit').part;
      assert.match(hit.find((p: any) => p.name === 'messageForSender').valueString, /psykolog/);
      assert.ok(hit.find((p: any) => p.name === 'messageForUserEn').valueString.length > 20);
    });

    it('refuses a doctor suspended on the signature date, and stops there', async () => {
      const res = await dryRun(draft('suspendert'));
      assert.equal(parameter(res.json, 'status').valueCode, 'INVALID');
      assert.deepEqual(hits(res.json), ['BEHANDLER_SUSPENDERT']);
      assert.equal(parameter(res.json, 'path').valueString, 'BEHANDLER_NOT_IN_HPR(no)->OK | BEHANDLER_SUSPENDERT(yes)->INVALID');
    });

    it('reports a status presens over 15,000 characters first, naming point 2.6', async () => {
      const long = draft('lege', (qr) => {
        const status = qr.item.find((i: any) => i.linkId === 'sykdomsopplysninger').item.find((i: any) => i.linkId === 'status-presens');
        status.answer = [{ valueString: 'x'.repeat(15_001) }];
      });
      const res = await dryRun(long);
      assert.equal(res.status, 200, res.text);
      assert.equal(parameter(res.json, 'status').valueCode, 'INVALID');
      assert.deepEqual(hits(res.json), ['FOR_MANGE_TEGN_STATUSPRESENS']);
      assert.match(parameter(res.json, 'ruleHit').part.find((p: any) => p.name === 'messageForSender').valueString, /2\.6.*vedlegg/);
    });

    it('judges an unsigned draft as signed now, and refuses what is not a legeerklæring', async () => {
      const unsigned = await dryRun(draft('lege', (qr) => { delete qr.authored; delete qr.identifier; qr.status = 'in-progress'; }));
      assert.equal(unsigned.status, 200, unsigned.text);
      assert.equal(parameter(unsigned.json, 'status').valueCode, 'OK');
      const sykmelding = await dryRun({ ...SYKMELDING, subject: { reference: refs.patient }, author: { reference: refs.lege } });
      assert.equal(sykmelding.status, 400, sykmelding.text);
      const broken = await dryRun(draft('lege', (qr) => { qr.item.find((i: any) => i.linkId === 'gjelder').answer = [{ valueCoding: { code: '2' } }]; }));
      assert.equal(broken.status, 422, broken.text);
    });
  });
}
