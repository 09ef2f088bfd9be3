/** Sykmeldinger that tests need in more than one place. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { makeSyntheticIdent } from '../../src/domain/identity/index.ts';
import type { Sykmelding } from '../../src/domain/sykmelding/index.ts';
import type { TestServer } from './runtime.ts';

const SYK_INN = new URL('../../../shared/data/fhir-examples/syk-inn/', import.meta.url);

/** The patient of sykInnParties. */
export const SYK_INN_FNR = makeSyntheticIdent('1985-04-12', 101) ?? makeSyntheticIdent('1985-04-12', 103)!;

/** Patient, Practitioner and Encounter as NAV's syk-inn example needs them; the references for sykInnWithPeriod. */
export async function sykInnParties(s: TestServer): Promise<Record<string, string>> {
  const post = async (body: Record<string, unknown>) => {
    const res = await s.request({ method: 'POST', url: `/fhir/${body.resourceType}`, body });
    assert.equal(res.status, 201, res.text);
    return `${body.resourceType}/${res.json.id}`;
  };
  const subject = await post({ resourceType: 'Patient', identifier: [{ system: 'urn:oid:2.16.578.1.12.4.1.4.1', value: SYK_INN_FNR }], name: [{ family: 'Nordmann', given: ['Kari'] }], birthDate: '1985-04-12' });
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

/** The syk-inn sykmelding (signed 2026-02-10T09:30+01:00) as QuestionnaireResponse/`id`, with one period `fom`–`tom`. */
export function sykInnWithPeriod(refs: Record<string, string>, fom: string, tom: string, id = 'syk-1'): Record<string, any> {
  const qr = JSON.parse(readFileSync(new URL('questionnaire-response-1.json', SYK_INN), 'utf8')) as Record<string, any>;
  qr.id = id;
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

/** Written more than a month after it starts, with a reason: NAV processes it by hand (a manual-processing Task). */
export function backdatedSykmelding(ident: string): Sykmelding {
  return {
    id: '', pasient: { ident },
    hoveddiagnose: { system: '2.16.578.1.12.4.1.1.7170', kode: 'L03', tekst: 'Korsryggsymptomer' },
    bidiagnoser: [], svangerskap: false, skjermesForPasient: false,
    perioder: [{ fom: '2026-01-02', tom: '2026-02-20', type: 'AKTIVITET_IKKE_MULIG' }],
    utdypendeOpplysninger: [], arbeidsgiver: { harArbeidsgiver: 'EN', navn: 'Bedrift AS' },
    tilbakedatering: { kontaktDato: '2026-01-02', begrunnelse: 'Pasienten var innlagt på sykehus og kunne ikke møte' },
    behandletTidspunkt: '2026-02-10T09:00:00+01:00', signaturDato: '2026-02-10T09:00:00+01:00', behandler: {},
  };
}
