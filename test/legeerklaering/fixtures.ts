/** What the legeerklæring HTTP tests share: the example, its patient and behandlere, and readers of a receipt. */
import { readFileSync } from 'node:fs';

export const EXAMPLE = JSON.parse(readFileSync(new URL('../../fhir/examples/QuestionnaireResponse-eksempel-legeerklaering.json', import.meta.url), 'utf8'));
export const SYKMELDING = JSON.parse(readFileSync(new URL('../../fhir/examples/QuestionnaireResponse-eksempel-sykmelding.json', import.meta.url), 'utf8'));
// The example is signed 2026-11-23 09:20 (+01:00); the hub checks it shortly after.
export const NOW = new Date('2026-11-23T09:30:00Z');
export const URL_DRY_RUN = '/fhir/QuestionnaireResponse/$legeerklaering-dry-run';

export const patient = {
  resourceType: 'Patient',
  identifier: [{ system: 'urn:oid:2.16.578.1.12.4.1.4.1', value: '07838412305' }],
  name: [{ family: 'Nordmann', given: ['Kari'] }],
  birthDate: '1984-03-07',
};

/** A behandler of `kategori` with an authorisation since 2010, suspended by NAV when `suspended`. */
export const practitioner = (hpr: string, kategori: string, suspended = false) => ({
  resourceType: 'Practitioner',
  identifier: [{ system: 'urn:oid:2.16.578.1.12.4.1.4.4', value: hpr }],
  name: [{ family: 'Behandler', given: [kategori] }],
  ...(suspended ? { extension: [{ url: 'https://helsebro.no/fhir/StructureDefinition/behandler-suspensjon', valuePeriod: { start: '2026-11-01' } }] } : {}),
  qualification: [
    { code: { coding: [{ system: 'urn:oid:2.16.578.1.12.4.1.1.9060', code: kategori }] } },
    { code: { coding: [{ system: 'urn:oid:2.16.578.1.12.4.1.1.7704', code: '1' }] }, period: { start: '2010-01-01' } },
  ],
});

export const parameter = (body: any, name: string) => body.parameter.find((p: any) => p.name === name);
export const hits = (body: any) => body.parameter.filter((p: any) => p.name === 'ruleHit').map((h: any) => h.part.find((p: any) => p.name === 'ruleName').valueCode);


/** The example about `refs.patient`, signed by `refs[author]`, changed by `change`. */
export function exampleBy(refs: Record<string, string>, author: string, change?: (qr: any) => void): any {
  const qr = structuredClone(EXAMPLE);
  delete qr.id;
  qr.subject = { reference: refs.patient };
  qr.author = { reference: refs[author] };
  change?.(qr);
  return qr;
}
