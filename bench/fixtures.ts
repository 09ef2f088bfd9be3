/** Bench data: observations for synthetic patients, and request bodies. Deterministic. */
import { randomUUID } from 'node:crypto';
import type { Sykmelding } from '../src/domain/sykmelding/index.ts';
import { IdentifierSystem, parseIdent } from '../src/domain/identity/index.ts';
import { toQuestionnaireResponse } from '../src/fhir/mapping/questionnaire-response.ts';

export const LOINC = 'http://loinc.org';
export const CODES = ['8867-4', '8310-5', '29463-7', '8302-2', '85354-9'];

export function observation(patientId: string, n: number): Record<string, unknown> {
  const day = 1 + ((n * 37) % 365);
  const date = new Date(Date.UTC(2024, 0, day, 8 + (n % 10), 0, 0)).toISOString();
  const code = CODES[n % CODES.length];
  return {
    resourceType: 'Observation',
    id: `obs-${patientId}-${n}`,
    status: 'final',
    category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'vital-signs' }] }],
    code: { coding: [{ system: LOINC, code }] },
    subject: { reference: `Patient/${patientId}` },
    effectiveDateTime: date,
    valueQuantity: { value: 50 + (n % 60), unit: '/min', system: 'http://unitsofmeasure.org', code: '/min' },
  };
}

/** A Patient with this identity number (a D-nummer under its own system, as the population has them) and its birth date. */
export function newPatient(ident: string, n: number): Record<string, unknown> {
  const parsed = parseIdent(ident);
  return {
    resourceType: 'Patient',
    identifier: [{ system: parsed?.kind === 'DNR' ? IdentifierSystem.DNR : IdentifierSystem.FNR, value: ident }],
    name: [{ family: `Benk${n}`, given: ['Test'] }],
    gender: n % 2 ? 'male' : 'female',
    birthDate: parsed?.birthDate ?? '1980-05-17',
  };
}

export function transactionBundle(fnr: string, n: number): Record<string, unknown> {
  const p = `urn:uuid:${randomUUID()}`;
  const entry = [
    { fullUrl: p, request: { method: 'POST', url: 'Patient' }, resource: newPatient(fnr, n) },
    ...[0, 1].map((k) => {
      const { id: _id, ...obs } = observation('x', n + k);
      return { request: { method: 'POST', url: 'Observation' }, resource: { ...obs, subject: { reference: p } } };
    }),
  ];
  return { resourceType: 'Bundle', type: 'transaction', entry };
}

/**
 * A sykmelding for a patient, signed `secondsAgo` before now, with a two-week period from that day.
 * Distinct seconds give distinct content, so no two requests are duplicates.
 */
export function sykmeldingSubmission(patientId: string, fnr: string, practitionerId: string, secondsAgo: number): Record<string, unknown> {
  const signed = new Date(Date.now() - secondsAgo * 1000);
  const day = signed.toISOString().slice(0, 10);
  const tom = new Date(Date.parse(day) + 13 * 86_400_000).toISOString().slice(0, 10);
  const sm: Sykmelding = {
    id: '', pasient: { ident: fnr },
    hoveddiagnose: { system: '2.16.578.1.12.4.1.1.7170', kode: 'L03', tekst: 'Korsryggsymptomer' },
    bidiagnoser: [], svangerskap: false, skjermesForPasient: false,
    perioder: [{ fom: day, tom, type: 'AKTIVITET_IKKE_MULIG', medisinskArsak: { arsaker: ['TILSTAND_HINDRER_AKTIVITET'] } }],
    utdypendeOpplysninger: [], arbeidsgiver: { harArbeidsgiver: 'EN', navn: 'Benk AS' },
    meldingTilArbeidsgiver: 'Kan gjøre lette oppgaver',
    behandletTidspunkt: signed.toISOString(), signaturDato: signed.toISOString(), behandler: {},
  };
  return toQuestionnaireResponse(sm, { subject: `Patient/${patientId}`, author: `Practitioner/${practitionerId}` });
}
