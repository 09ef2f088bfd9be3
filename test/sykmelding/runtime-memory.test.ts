/**
 * Two runtimes in one process, on different databases, keep their own memory of stored
 * sykmeldinger: a sykmelding stored on one never shows up in what the other's rules see as a
 * patient's earlier sykmeldinger — even when both stores hold a version that looks alike from the
 * outside (same type, id, version, time written and size).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it, mock } from 'node:test';
import { makeSyntheticIdent } from '../../src/domain/identity/index.ts';
import { earlierSykmeldinger } from '../../src/sykmelding/context-builder.ts';
import { DIALECTS } from '../support/databases.ts';
import { startTestServer, type TestServer } from '../support/runtime.ts';

const SYK_INN = new URL('../../../shared/data/fhir-examples/syk-inn/', import.meta.url);
const NOW = new Date('2026-02-10T10:00:00Z');
const FNR = makeSyntheticIdent('1985-04-12', 101) ?? makeSyntheticIdent('1985-04-12', 103)!;

/** Patient, Practitioner and Encounter as the syk-inn example needs them; the references for a sykmelding. */
async function parties(s: TestServer): Promise<Record<string, string>> {
  const post = async (body: Record<string, unknown>) => {
    const res = await s.request({ method: 'POST', url: `/fhir/${body.resourceType}`, body });
    assert.equal(res.status, 201, res.text);
    return `${body.resourceType}/${res.json.id}`;
  };
  const subject = await post({ resourceType: 'Patient', identifier: [{ system: 'urn:oid:2.16.578.1.12.4.1.4.1', value: FNR }], name: [{ family: 'Nordmann', given: ['Kari'] }], birthDate: '1985-04-12' });
  const author = await post({
    resourceType: 'Practitioner', identifier: [{ system: 'urn:oid:2.16.578.1.12.4.1.4.4', value: '1234567' }], name: [{ family: 'Lege', given: ['Lise'] }],
    qualification: [
      { code: { coding: [{ system: 'urn:oid:2.16.578.1.12.4.1.1.9060', code: 'LE', display: 'Lege' }] } },
      { code: { coding: [{ system: 'urn:oid:2.16.578.1.12.4.1.1.7704', code: '1', display: 'Autorisasjon' }] }, period: { start: '2010-01-01' } },
    ],
  });
  const encounter = await post({ resourceType: 'Encounter', status: 'finished', class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB' }, subject: { reference: subject } });
  return { subject, author, encounter };
}

/** The syk-inn sykmelding with one period, `fom`–`tom`. */
function sykmelding(refs: Record<string, string>, fom: string, tom: string): Record<string, any> {
  const qr = JSON.parse(readFileSync(new URL('questionnaire-response-1.json', SYK_INN), 'utf8')) as Record<string, any>;
  qr.id = 'syk-1';
  qr.subject = { reference: refs.subject };
  qr.author = { reference: refs.author };
  qr.encounter = { reference: refs.encounter };
  qr.item = qr.item.filter((i: any) => i.linkId !== 'bidiagnose');
  const periods = qr.item.filter((i: any) => i.linkId === 'aktivitet');
  qr.item = qr.item.filter((i: any) => i !== periods[1]);
  const answer = (linkId: string) => periods[0].item.find((i: any) => i.linkId === linkId).answer[0];
  answer('aktivitet-fom').valueDate = fom;
  answer('aktivitet-tom').valueDate = tom;
  return qr;
}

for (const dialect of DIALECTS) {
  describe(`each runtime's own memory of stored sykmeldinger (${dialect})`, () => {
    let one: TestServer;
    let other: TestServer;

    before(async () => {
      one = await startTestServer(dialect, {}, { now: () => NOW });
      other = await startTestServer(dialect, {}, { now: () => NOW });
    });
    after(async () => {
      mock.timers.reset();
      await one.close();
      await other.close();
    });

    it('does not see the other runtime’s sykmelding among the earlier ones', async () => {
      const refsOne = await parties(one);
      const refsOther = await parties(other);
      // Both versions are written in the same millisecond, under the same id and with the same size.
      mock.timers.enable({ apis: ['Date'], now: NOW.getTime() });
      const put = (s: TestServer, body: Record<string, any>) => s.request({ method: 'PUT', url: '/fhir/QuestionnaireResponse/syk-1', body });
      const first = await put(one, sykmelding(refsOne, '2026-01-12', '2026-01-25'));
      assert.equal(first.status, 201, first.text);
      const second = await put(other, sykmelding(refsOther, '2026-01-13', '2026-01-26'));
      assert.equal(second.status, 201, second.text);
      mock.timers.reset();
      const [a, b] = [JSON.parse(first.text), JSON.parse(second.text)];
      assert.equal(a.meta.lastUpdated, b.meta.lastUpdated);

      const seenByOne = (await earlierSykmeldinger(one.runtime.service, FNR)).earlier.find((e) => e.id === 'syk-1');
      assert.deepEqual(seenByOne?.perioder.map((p) => [p.fom, p.tom]), [['2026-01-12', '2026-01-25']]);
      const seenByOther = (await earlierSykmeldinger(other.runtime.service, FNR)).earlier.find((e) => e.id === 'syk-1');
      assert.deepEqual(seenByOther?.perioder.map((p) => [p.fom, p.tom]), [['2026-01-13', '2026-01-26']]);
    });
  });
}
