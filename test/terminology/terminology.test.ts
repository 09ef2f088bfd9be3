/**
 * Code lists: both file formats, the lookup rules (ICD-10 ignores dots, ICPC-2B needs its ICPC-2
 * parent), $lookup and $validate-code over HTTP on both stores, the health report, and the
 * diagnosis rule using the loaded lists.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { makeSyntheticIdent } from '../../src/domain/identity/index.ts';
import type { Sykmelding } from '../../src/domain/sykmelding/index.ts';
import { toQuestionnaireResponse } from '../../src/fhir/mapping/questionnaire-response.ts';
import { Terminology, toCodeSystem, CODE_LISTS, type Concept } from '../../src/terminology/code-lists.ts';
import { parseCsv, parseDirectorateJson, storeCodeLists, TerminologyFormatError } from '../../src/terminology/import.ts';
import { DIALECTS } from '../support/databases.ts';
import { startTestServer, type TestServer } from '../support/runtime.ts';

const DATA = new URL('../../../shared/data/terminology/', import.meta.url);
const csv = (file: string) => parseCsv(readFileSync(new URL(file, DATA), 'utf8'), file);

describe('code-list files', () => {
  it('reads the CSV lists with every row', () => {
    assert.equal(csv('icpc2.csv').get('icpc2')!.length, 708);
    assert.equal(csv('icd10.csv').get('icd10')!.length, 19634);
    const icpc2b = csv('icpc2b.csv').get('icpc2b')!;
    assert.equal(icpc2b.length, 16292);
    assert.deepEqual(icpc2b.find((c) => c.code === 'A01.0001'), { code: 'A01.0001', display: 'Kronisk generell smerte', parent: 'A01' });
  });

  it('refuses a file without the expected header or with an unknown system', () => {
    assert.throws(() => parseCsv('code;text\nA01;x'), TerminologyFormatError);
    assert.throws(() => parseCsv('system#code#text\nSNOMED#123#x'), /unknown system/);
  });

  it("reads the directorate's JSON download, leaving out expired codes, process codes and orphan terms", () => {
    const lists = parseDirectorateJson([
      { Kode: 'L03', Kodeverk: 'ICPC-2', Tekst_uten_lengdebegrensning: 'Korsryggsymptomer' },
      { Kode: '-30', Kodeverk: 'ICPC-2', Tekst_uten_lengdebegrensning: 'Utvidet undersøkelse' },
      { Kode: 'L99', Kodeverk: 'ICPC-2', Tekst_uten_lengdebegrensning: 'Utgått', Gyldig_til: '2020-01-01' },
      { Kode: 'L03.0001', Kodeverk: 'ICPC-2B', Tekst_uten_lengdebegrensning: 'Lumbago', Foreldrekode: 'L03' },
      { Kode: 'X99.0001', Kodeverk: 'ICPC-2B', Tekst_uten_lengdebegrensning: 'Uten forelder', Foreldrekode: 'X99' },
      { Kode: 'M54.5', Kodeverk: 'ICD-10', Tekst_uten_lengdebegrensning: 'Korsryggsmerter' },
    ], '2026-11-23');
    assert.deepEqual(lists.get('icpc2')!.map((c) => c.code), ['L03']);
    assert.deepEqual(lists.get('icpc2b')!.map((c) => c.code), ['L03.0001']);
    assert.deepEqual(lists.get('icd10')!.map((c) => c.code), ['M54.5']);
    assert.throws(() => parseDirectorateJson({ not: 'an array' }, '2026-11-23'), TerminologyFormatError);
  });
});

describe('Terminology lookups', () => {
  const t = new Terminology();
  const load = (id: string, concepts: Concept[]) => t.setFromCodeSystem(toCodeSystem(CODE_LISTS.find((d) => d.id === id)!, concepts, 'test'));

  it('answers undefined while a list is not loaded, and false for an unknown code system', () => {
    assert.equal(t.isKnownCode('2.16.578.1.12.4.1.1.7110', 'M54.5'), undefined);
    assert.equal(t.isKnownCode('2.16.578.1.12.4.1.1.9999', 'M54.5'), false);
  });

  it('ignores dots in ICD-10 and checks ICPC-2B through its ICPC-2 parent', () => {
    load('icd10', [{ code: 'M54.5', display: 'Korsryggsmerter' }]);
    load('icpc2b', [{ code: 'L03.0001', display: 'Lumbago', parent: 'L03' }, { code: 'L04.0001', display: 'x', parent: 'L04' }]);
    assert.equal(t.isKnownCode('2.16.578.1.12.4.1.1.7110', 'M545'), true);
    assert.equal(t.isKnownCode('urn:oid:2.16.578.1.12.4.1.1.7110', 'M54.5'), true);
    assert.equal(t.isKnownCode('2.16.578.1.12.4.1.1.7110', 'M54.6'), false);
    assert.equal(t.isKnownCode('2.16.578.1.12.4.1.1.7171', 'L03.0001'), undefined, 'parent list not loaded yet');
    load('icpc2', [{ code: 'L03', display: 'Korsryggsymptomer' }]);
    assert.equal(t.isKnownCode('2.16.578.1.12.4.1.1.7171', 'L03.0001'), true);
    assert.equal(t.isKnownCode('2.16.578.1.12.4.1.1.7171', 'L04.0001'), false, 'its parent L04 is not in ICPC-2');
    assert.equal(t.isKnownCode('2.16.578.1.12.4.1.1.7171', 'L03.0002'), false);
  });

  it('matches codes as written (FHIR codes are case-sensitive, and NAV does not upper-case them), and knows how a code is spelled', () => {
    assert.equal(t.isKnownCode('2.16.578.1.12.4.1.1.7170', 'l03'), false);
    assert.equal(t.isKnownCode('2.16.578.1.12.4.1.1.7110', 'm54.5'), false);
    assert.equal(t.isKnownCode('2.16.578.1.12.4.1.1.7171', 'l03.0001'), false);
    assert.equal(t.lookup('2.16.578.1.12.4.1.1.7170', 'l03')?.concept, undefined);
    assert.equal(t.knownSpelling('2.16.578.1.12.4.1.1.7170', 'l03'), 'L03');
    assert.equal(t.knownSpelling('2.16.578.1.12.4.1.1.7110', 'm545'), 'M54.5');
    assert.equal(t.knownSpelling('2.16.578.1.12.4.1.1.7171', 'l03.0001'), 'L03.0001');
    assert.equal(t.knownSpelling('2.16.578.1.12.4.1.1.7171', 'l04.0001'), undefined, 'known in another case, but its parent is not in ICPC-2');
    assert.equal(t.knownSpelling('2.16.578.1.12.4.1.1.7170', 'L03'), undefined, 'already spelled right');
    assert.equal(t.knownSpelling('2.16.578.1.12.4.1.1.7170', 'l00'), undefined, 'not known in any case');
    assert.equal(toCodeSystem(CODE_LISTS[0], [], 'test').caseSensitive, true);
  });
});

const FNR = makeSyntheticIdent('1980-06-15', 121) ?? makeSyntheticIdent('1980-06-15', 123)!;
const NOW = new Date('2026-11-23T10:00:00Z');

function sykmeldingQr(kode: string, subject: string, author: string, minute: number, system = '2.16.578.1.12.4.1.1.7110') {
  const sm: Sykmelding = {
    id: '', pasient: { ident: FNR },
    hoveddiagnose: { system, kode, tekst: 'diagnose' },
    bidiagnoser: [], svangerskap: false, skjermesForPasient: false,
    perioder: [{ fom: '2026-11-23', tom: '2026-11-30', type: 'AKTIVITET_IKKE_MULIG' }],
    utdypendeOpplysninger: [], arbeidsgiver: { harArbeidsgiver: 'EN' },
    behandletTidspunkt: `2026-11-23T09:${String(minute).padStart(2, '0')}:00+01:00`, signaturDato: `2026-11-23T09:${String(minute).padStart(2, '0')}:00+01:00`, behandler: {},
  };
  return toQuestionnaireResponse(sm, { subject, author });
}

for (const dialect of DIALECTS) {
  describe(`terminology over HTTP on ${dialect}`, () => {
    let s: TestServer;
    let subject: string;
    let author: string;
    const status = async (kode: string, minute: number) => {
      const res = await s.request({ method: 'POST', url: '/fhir/QuestionnaireResponse/$submit', body: sykmeldingQr(kode, subject, author, minute) });
      assert.ok(res.status === 201, res.text);
      const p = (n: string) => res.json.parameter.find((x: any) => x.name === n);
      return { status: p('status').valueCode, rule: p('ruleHit')?.part[0].valueCode };
    };

    before(async () => {
      s = await startTestServer(dialect, {}, { now: () => NOW });
      subject = `Patient/${(await s.request({ method: 'POST', url: '/fhir/Patient', body: { resourceType: 'Patient', identifier: [{ system: 'urn:oid:2.16.578.1.12.4.1.4.1', value: FNR }], birthDate: '1980-06-15' } })).json.id}`;
      author = `Practitioner/${(await s.request({ method: 'POST', url: '/fhir/Practitioner', body: {
        resourceType: 'Practitioner', identifier: [{ system: 'urn:oid:2.16.578.1.12.4.1.4.4', value: '7654321' }],
        qualification: [{ code: { coding: [{ system: 'urn:oid:2.16.578.1.12.4.1.1.9060', code: 'LE' }] }, extension: [{ url: 'https://helsebro.no/fhir/StructureDefinition/hpr-autorisasjon', valueCoding: { system: 'urn:oid:2.16.578.1.12.4.1.1.7704', code: '1' } }] }],
      } })).json.id}`;
    });
    after(() => s.close());

    it('says the lists are missing, and the diagnosis rule checks only the code system', async () => {
      const health = await s.request({ method: 'GET', url: '/healthz' });
      assert.deepEqual(health.json.codeLists.map((l: any) => l.loaded), [false, false, false]);
      const metadata = await s.request({ method: 'GET', url: '/fhir/metadata' });
      assert.match(metadata.json.rest[0].documentation, /icd10 .* is not loaded/);
      const lookup = await s.request({ method: 'GET', url: '/fhir/CodeSystem/$lookup?system=urn:oid:2.16.578.1.12.4.1.1.7110&code=M54.5' });
      assert.equal(lookup.status, 404);
      assert.match(lookup.json.issue[0].diagnostics, /not loaded/);
      assert.deepEqual(await status('XYZ.9', 1), { status: 'OK', rule: undefined });
    });

    it('after import, answers $lookup and $validate-code, and the rules refuse an unknown code', async () => {
      const lists = new Map([...csv('icpc2.csv'), ...csv('icd10.csv')]);
      lists.set('icd10', lists.get('icd10')!.filter((c) => c.code.startsWith('M')));
      await storeCodeLists(s.runtime.service, lists, '2026-11-23');
      const health = await s.request({ method: 'GET', url: '/healthz' });
      assert.deepEqual(health.json.codeLists.map((l: any) => l.loaded), [true, false, true]);

      const lookup = await s.request({ method: 'GET', url: '/fhir/CodeSystem/$lookup?system=urn:oid:2.16.578.1.12.4.1.1.7110&code=M54.5' });
      assert.equal(lookup.status, 200, lookup.text);
      const expected = lists.get('icd10')!.find((c) => c.code === 'M54.5')!.display;
      assert.equal(lookup.json.parameter.find((p: any) => p.name === 'display').valueString, expected);
      const valid = await s.request({ method: 'POST', url: '/fhir/CodeSystem/$validate-code', body: { resourceType: 'Parameters', parameter: [{ name: 'url', valueUri: 'urn:oid:2.16.578.1.12.4.1.1.7170' }, { name: 'code', valueCode: 'L03' }] } });
      assert.equal(valid.json.parameter[0].valueBoolean, true);
      const invalid = await s.request({ method: 'GET', url: '/fhir/CodeSystem/$validate-code?url=urn:oid:2.16.578.1.12.4.1.1.7170&code=L00' });
      assert.equal(invalid.json.parameter[0].valueBoolean, false);
      assert.match(invalid.json.parameter.find((p: any) => p.name === 'message').valueString, /not a valid code/);

      assert.deepEqual(await status('M545', 2), { status: 'OK', rule: undefined });
      assert.deepEqual(await status('M54.77', 3), { status: 'INVALID', rule: 'UGYLDIG_KODEVERK_FOR_HOVEDDIAGNOSE' });
    });

    it('matches codes as written: l03 is not L03, and the doctor is told how the code is spelled', async () => {
      const icpc2 = 'urn:oid:2.16.578.1.12.4.1.1.7170';
      const lookup = await s.request({ method: 'GET', url: `/fhir/CodeSystem/$lookup?system=${icpc2}&code=l03` });
      assert.equal(lookup.status, 404);
      const validate = await s.request({ method: 'GET', url: `/fhir/CodeSystem/$validate-code?url=${icpc2}&code=l03` });
      assert.equal(validate.json.parameter[0].valueBoolean, false);

      const hints = (res: { json: any }) => res.json.parameter.find((p: any) => p.name === 'ruleHit').part.filter((p: any) => p.name.startsWith('hintForSender')).map((p: any) => p.valueString);
      const expected = ['Koden finnes som «L03», med store bokstaver; koder må skrives nøyaktig slik kodeverket har dem.', "The code exists as 'L03', in capitals; codes must be written exactly as the code list has them."];
      const submitted = await s.request({ method: 'POST', url: '/fhir/QuestionnaireResponse/$submit', body: sykmeldingQr('l03', subject, author, 4, '2.16.578.1.12.4.1.1.7170') });
      assert.equal(submitted.status, 201, submitted.text);
      assert.equal(submitted.json.parameter.find((p: any) => p.name === 'status').valueCode, 'INVALID');
      assert.equal(submitted.json.parameter.find((p: any) => p.name === 'ruleHit').part[0].valueCode, 'UGYLDIG_KODEVERK_FOR_HOVEDDIAGNOSE');
      assert.deepEqual(hints(submitted), expected);
      const id = submitted.json.parameter.find((p: any) => p.name === 'sykmelding').valueReference.reference.split('/')[1];
      assert.deepEqual(hints(await s.request({ method: 'GET', url: `/fhir/QuestionnaireResponse/${id}/$status` })), expected, 'kept with the status');

      const draft = await s.request({ method: 'POST', url: '/fhir/QuestionnaireResponse/$dry-run', body: sykmeldingQr('l03', subject, author, 5, '2.16.578.1.12.4.1.1.7170') });
      assert.equal(draft.status, 200, draft.text);
      assert.deepEqual(hints(draft), expected);

      const unknown = await s.request({ method: 'POST', url: '/fhir/QuestionnaireResponse/$dry-run', body: sykmeldingQr('l00', subject, author, 6, '2.16.578.1.12.4.1.1.7170') });
      assert.equal(unknown.json.parameter.find((p: any) => p.name === 'ruleHit').part[0].valueCode, 'UGYLDIG_KODEVERK_FOR_HOVEDDIAGNOSE');
      assert.deepEqual(hints(unknown), [], 'no hint for a code unknown in any case');
    });

    it('reads the stored lists again when a server starts on the same store', async () => {
      const { createRuntime } = await import('../../src/server.ts');
      const second = await createRuntime(s.runtime.config, { db: s.t.db, logger: false });
      try {
        assert.equal(second.terminology.isKnownCode('2.16.578.1.12.4.1.1.7110', 'M54.5'), true);
        assert.equal(second.terminology.isKnownCode('2.16.578.1.12.4.1.1.7171', 'A01.0001'), undefined);
      } finally {
        await second.app.close();
      }
    });
  });
}
