/**
 * A seeded synthetic Norwegian population as FHIR R4 resources: GP offices, hospitals and employers
 * (Organization), GPs, specialists and therapists with HPR data (Practitioner), GP lists
 * (PractitionerRole, Patient.generalPractitioner) and patients. Deterministic for a seed; streamed
 * with memory bounded by the number of distinct birth dates, not by the number of patients.
 * Every identity number is a Test Norge number (month + 80), so none can be a real person.
 */
import { completeOrgnr, IdentifierSystem, individRange, makeSyntheticIdent, type IdentKind } from '../domain/identity/index.ts';
import { CONFIDENTIALITY_SYSTEM, DIALOG, EXT, HPR, KATEGORI_TEXT, ORG_TYPE_SYSTEM, RELATIONSHIP_SYSTEM, ROLE_SYSTEM } from '../fhir/helsebro-codes.ts';
import { EMPLOYER_WORDS, FAMILY, GIVEN_FEMALE, GIVEN_MALE, KOMMUNENUMMER, PLACES, STREETS } from './names.ts';
import { derivedSeed, Random } from './random.ts';

export type FhirResource = Record<string, unknown> & { resourceType: string; id: string };

export interface PopulationOptions {
  seed: number;
  patients: number;
  /** Share of patients without a fastlege (default 0.04). */
  withoutFastlegeShare?: number;
  /** Share of patients with a D-nummer (default 0.03). */
  dnrShare?: number;
  /** The date the population is "as of" (ages, validity periods); default 2026-01-01. */
  asOf?: string;
}

interface PopulationSummary {
  patients: number;
  practitioners: number;
  gps: number;
  organizations: number;
  practitionerRoles: number;
  /** Patients with no GP: on no list, or on a vacant one. */
  withoutFastlege: number;
  /** Of those, the patients on a vacant list (a PractitionerRole without a doctor, answered for by the municipality). */
  onVacantList: number;
  resources: number;
}

const STREAM = { patient: 1, practitioner: 2, organization: 3, vacant: 4 } as const;

/** Half the patients without a fastlege are on a vacant list; the others are on none. */
const VACANT_SHARE = 0.5;

interface Sizes { gps: number; specialists: number; therapists: number; offices: number; hospitals: number; employers: number; vacantLists: number }

function sizes(patients: number): Sizes {
  const gps = Math.max(3, Math.ceil(patients / 1100));
  return {
    gps,
    specialists: Math.max(2, Math.ceil(patients / 2500)),
    therapists: 6,
    offices: Math.max(1, Math.ceil(gps / 4)),
    hospitals: 2,
    employers: Math.max(5, Math.ceil(patients / 60)),
    vacantLists: Math.max(1, Math.ceil(gps / 4)),
  };
}

/** Hands out unique synthetic identity numbers: a counter per birth date and sex. */
class IdentAllocator {
  private readonly next = new Map<string, number>();

  allocate(birthDate: string, male: boolean, kind: IdentKind): string | undefined {
    const [lo, hi] = individRange(Number(birthDate.slice(0, 4)));
    const key = `${birthDate}${male ? 'M' : 'F'}${kind}`;
    let individ = this.next.get(key) ?? (male ? lo | 1 : lo + (lo & 1));
    while (individ <= hi) {
      const ident = makeSyntheticIdent(birthDate, individ, kind);
      individ += 2;
      if (ident) {
        this.next.set(key, individ);
        return ident;
      }
    }
    this.next.set(key, individ);
    return undefined;
  }
}

function isoDate(y: number, m: number, d: number): string {
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** A birth date for an age drawn from a rough Norwegian age pyramid. */
function birthDate(rng: Random, asOfYear: number, minAge = 0, maxAge = 100): string {
  const u = rng.next();
  const age = u < 0.97 ? Math.floor(minAge + (Math.min(maxAge, 85) - minAge) * rng.next()) : Math.floor(85 + (maxAge - 85) * rng.next());
  const year = asOfYear - 1 - Math.max(minAge, Math.min(maxAge, age));
  const month = rng.int(1, 12);
  const day = rng.int(1, new Date(Date.UTC(year, month, 0)).getUTCDate());
  return isoDate(year, month, day);
}

function address(rng: Random, use: 'home' | 'work') {
  const [city, postalCode] = rng.pick(PLACES);
  // The kommunenummer in `district` (how the dialogue's routing finds the home municipality).
  return { use, type: 'physical', line: [`${rng.pick(STREETS)} ${rng.int(1, 120)}`], city, district: KOMMUNENUMMER[city], postalCode, country: 'NO' };
}

function phone(rng: Random): string {
  return `+47 ${rng.int(4, 9)}${String(rng.int(0, 9999999)).padStart(7, '0')}`;
}

function orgnr(kindDigit: 8 | 9, n: number): string {
  for (let k = 0; ; k++) {
    const candidate = completeOrgnr(`${kindDigit}${String(1000000 + n * 13 + k).padStart(7, '0')}`);
    if (candidate) return candidate;
  }
}

function organization(id: string, name: string, type: string, orgNumber: string, herId: number | undefined, rng: Random): FhirResource {
  const identifier: Array<Record<string, unknown>> = [{ system: IdentifierSystem.ORGNR, value: orgNumber }];
  if (herId !== undefined) identifier.push({ system: IdentifierSystem.HER, value: String(herId) });
  return {
    resourceType: 'Organization',
    id,
    meta: { profile: ['https://helsebro.no/fhir/StructureDefinition/no-basis-Organization'] },
    identifier,
    active: true,
    type: [{ coding: [{ system: ORG_TYPE_SYSTEM, code: type }] }],
    name,
    telecom: [{ system: 'phone', value: phone(rng), use: 'work' }],
    address: [address(rng, 'work')],
  };
}

interface PractitionerSpec { index: number; kategori: keyof typeof KATEGORI_TEXT; role: 'gp' | 'specialist' | 'therapist' }

function practitionerSpecs(s: Sizes): PractitionerSpec[] {
  const specs: PractitionerSpec[] = [];
  let index = 0;
  for (let i = 0; i < s.gps; i++) specs.push({ index: index++, kategori: 'LE', role: 'gp' });
  for (let i = 0; i < s.specialists; i++) specs.push({ index: index++, kategori: 'LE', role: 'specialist' });
  const therapists: Array<keyof typeof KATEGORI_TEXT> = ['KI', 'MT', 'FT', 'FT', 'PS', 'TL'];
  for (let i = 0; i < s.therapists; i++) specs.push({ index: index++, kategori: therapists[i % therapists.length], role: 'therapist' });
  return specs;
}

export const practitionerId = (i: number) => `behandler-${i + 1}`;
export const fastlegeRoleId = (i: number) => `fastlege-${i + 1}`;
export const vacantListId = (i: number) => `fastlege-ubesatt-${i + 1}`;
export const municipalityId = (kommunenummer: string) => `kommune-${kommunenummer}`;
export const officeId = (i: number) => `legekontor-${i + 1}`;
const employerId = (i: number) => `arbeidsgiver-${i + 1}`;
const hospitalId = (i: number) => `sykehus-${i + 1}`;
const patientId = (i: number) => `pasient-${i + 1}`;
export const hprNumber = (seed: number, i: number) => String(1_000_000 + ((seed * 7919) % 500_000) * 10 + i);

function practitioner(seed: number, spec: PractitionerSpec, ids: IdentAllocator, asOfYear: number): FhirResource {
  const rng = new Random(derivedSeed(seed, STREAM.practitioner, spec.index));
  const male = rng.chance(0.5);
  const born = birthDate(rng, asOfYear, 30, 67);
  const fnr = ids.allocate(born, male, 'FNR')!;
  const authorisedFrom = isoDate(Number(born.slice(0, 4)) + 27, rng.int(1, 12), 1);
  // A few carry an expired authorisation, one therapist in each population has the extra competence.
  const expired = spec.role !== 'gp' && rng.chance(0.05);
  const qualification: Array<Record<string, unknown>> = [
    {
      code: { coding: [{ system: HPR.KATEGORI, code: spec.kategori, display: KATEGORI_TEXT[spec.kategori] }] },
      period: expired ? { start: authorisedFrom, end: `${asOfYear - 1}-06-30` } : { start: authorisedFrom },
      extension: [{ url: EXT.AUTORISASJON, valueCoding: { system: HPR.AUTORISASJON, code: '1', display: 'Autorisasjon' } }],
    },
  ];
  if (spec.kategori === 'FT' || spec.kategori === 'MT' || spec.kategori === 'KI') {
    if (spec.index % 2 === 0) {
      qualification.push({ code: { coding: [{ system: HPR.TILLEGGSKOMPETANSE, code: '1', display: 'Sykmelding utover 12 uker' }] }, period: { start: `${asOfYear - 3}-01-01` } });
    }
  }
  const resource: FhirResource = {
    resourceType: 'Practitioner',
    id: practitionerId(spec.index),
    meta: { profile: ['https://helsebro.no/fhir/StructureDefinition/no-basis-Practitioner'] },
    identifier: [
      { system: IdentifierSystem.HPR, value: hprNumber(seed, spec.index) },
      { system: IdentifierSystem.FNR, value: fnr },
    ],
    active: true,
    name: [{ family: rng.pick(FAMILY), given: [rng.pick(male ? GIVEN_MALE : GIVEN_FEMALE)] }],
    telecom: [{ system: 'phone', value: phone(rng), use: 'work' }],
    gender: male ? 'male' : 'female',
    birthDate: born,
    qualification,
  };
  // One suspended behandler among the specialists (btsys), so the rules have one to refuse.
  if (spec.role === 'specialist' && spec.index % 5 === 4) {
    resource.extension = [{ url: EXT.SUSPENSJON, valuePeriod: { start: `${asOfYear - 1}-01-01` } }];
  }
  return resource;
}

function patientDecisions(seed: number, index: number, options: Required<Pick<PopulationOptions, 'withoutFastlegeShare' | 'dnrShare'>>) {
  const rng = new Random(derivedSeed(seed, STREAM.patient, index));
  const withoutFastlege = rng.chance(options.withoutFastlegeShare);
  // From a stream of its own, so the rest of the patient is what it was before vacant lists existed.
  const vacant = withoutFastlege && new Random(derivedSeed(seed, STREAM.vacant, index)).chance(VACANT_SHARE);
  return { rng, withoutFastlege, vacant, dnr: rng.chance(options.dnrShare) };
}

function patient(seed: number, index: number, s: Sizes, ids: IdentAllocator, options: Required<Pick<PopulationOptions, 'withoutFastlegeShare' | 'dnrShare'>>, asOfYear: number): FhirResource {
  const { rng, withoutFastlege, vacant, dnr } = patientDecisions(seed, index, options);
  const male = rng.chance(0.5);
  let born = birthDate(rng, asOfYear);
  let ident = ids.allocate(born, male, dnr ? 'DNR' : 'FNR');
  while (!ident) {
    born = birthDate(rng, asOfYear);
    ident = ids.allocate(born, male, dnr ? 'DNR' : 'FNR');
  }
  const age = asOfYear - Number(born.slice(0, 4));
  const resource: FhirResource = {
    resourceType: 'Patient',
    id: patientId(index),
    meta: { profile: ['https://helsebro.no/fhir/StructureDefinition/no-basis-Patient'] },
    identifier: [{ use: 'official', system: dnr ? IdentifierSystem.DNR : IdentifierSystem.FNR, value: ident }],
    active: true,
    name: [{ use: 'official', family: rng.pick(FAMILY), given: [rng.pick(male ? GIVEN_MALE : GIVEN_FEMALE)] }],
    gender: male ? 'male' : 'female',
    birthDate: born,
    address: [address(rng, 'home')],
  };
  if (age >= 16) resource.telecom = [{ system: 'phone', value: phone(rng), use: 'mobile' }];
  if (vacant) resource.generalPractitioner = [{ reference: `PractitionerRole/${vacantListId(index % s.vacantLists)}` }];
  if (!withoutFastlege) {
    const gp = Math.floor(rng.next() * s.gps);
    resource.generalPractitioner = [{ reference: `PractitionerRole/${fastlegeRoleId(gp)}` }, { reference: `Practitioner/${practitionerId(gp)}` }];
    resource.managingOrganization = { reference: `Organization/${officeId(Math.floor(gp / 4))}` };
  }
  if (age >= 18 && age < 67 && rng.chance(0.78)) {
    // Power law: a few large employers, many small ones.
    const employer = Math.floor(s.employers * rng.next() ** 3);
    resource.contact = [{ relationship: [{ coding: [{ system: RELATIONSHIP_SYSTEM, code: 'E', display: 'Employer' }] }], organization: { reference: `Organization/${employerId(employer)}` } }];
  }
  if (rng.chance(0.004)) {
    const level = rng.chance(0.3) ? 'STRENGT_FORTROLIG' : 'FORTROLIG';
    resource.extension = [{ url: EXT.ADRESSEBESKYTTELSE, valueCode: level }];
    (resource.meta as Record<string, unknown>).security = [{ system: CONFIDENTIALITY_SYSTEM, code: 'R', display: 'restricted' }];
  }
  return resource;
}

function defaults(options: PopulationOptions) {
  return {
    withoutFastlegeShare: options.withoutFastlegeShare ?? 0.04,
    dnrShare: options.dnrShare ?? 0.03,
    asOfYear: Number((options.asOf ?? '2026-01-01').slice(0, 4)),
  };
}

export function* generatePopulation(options: PopulationOptions): Generator<FhirResource> {
  const { seed } = options;
  const s = sizes(options.patients);
  const d = defaults(options);
  const orgRng = new Random(derivedSeed(seed, STREAM.organization, 0));
  let orgCounter = 0;
  for (let i = 0; i < s.offices; i++) {
    yield organization(officeId(i), `${orgRng.pick(PLACES)[0]} legesenter ${i + 1}`, 'legekontor', orgnr(9, orgCounter++), 80_000 + i, orgRng);
  }
  for (let i = 0; i < s.hospitals; i++) {
    yield organization(hospitalId(i), `${orgRng.pick(PLACES)[0]} sykehus`, 'sykehus', orgnr(9, orgCounter++), 90_000 + i, orgRng);
  }
  for (let i = 0; i < s.employers; i++) {
    const name = `${orgRng.pick(EMPLOYER_WORDS)}${orgRng.pick(EMPLOYER_WORDS).toLowerCase()} ${i + 1} AS`;
    yield organization(employerId(i), name, 'arbeidsgiver', orgnr(9, orgCounter++), undefined, orgRng);
  }
  // Each municipality's service that answers for its GP lists (legetjenesten): receives requests about patients without a GP.
  for (const [city] of PLACES) {
    const knr = KOMMUNENUMMER[city]!;
    yield {
      resourceType: 'Organization', id: municipalityId(knr),
      meta: { profile: ['https://helsebro.no/fhir/StructureDefinition/no-basis-Organization'] },
      identifier: [{ system: IdentifierSystem.ORGNR, value: orgnr(9, orgCounter++) }, { system: DIALOG.KOMMUNENUMMER_SYSTEM, value: knr }],
      active: true, type: [{ coding: [{ system: ORG_TYPE_SYSTEM, code: 'kommune' }] }], name: `${city} kommune, legetjenesten`,
      address: [{ use: 'work', type: 'physical', city, district: knr, country: 'NO' }],
    };
  }
  const ids = new IdentAllocator();
  const specs = practitionerSpecs(s);
  for (const spec of specs) yield practitioner(seed, spec, ids, d.asOfYear);
  for (let i = 0; i < s.gps; i++) {
    yield {
      resourceType: 'PractitionerRole',
      id: fastlegeRoleId(i),
      active: true,
      practitioner: { reference: `Practitioner/${practitionerId(i)}` },
      organization: { reference: `Organization/${officeId(Math.floor(i / 4))}` },
      code: [{ coding: [{ system: ROLE_SYSTEM, code: 'fastlege', display: 'Fastlege' }] }],
      extension: [{ url: EXT.LISTELENGDE, valueInteger: 1000 + ((i * 97) % 800) }],
    };
  }
  // Vacant lists: a fastlege PractitionerRole without a doctor, the municipality answering for it.
  for (let i = 0; i < s.vacantLists; i++) {
    yield {
      resourceType: 'PractitionerRole', id: vacantListId(i), active: true,
      organization: { reference: `Organization/${municipalityId(KOMMUNENUMMER[PLACES[i % PLACES.length]![0]]!)}` },
      code: [{ coding: [{ system: ROLE_SYSTEM, code: 'fastlege', display: 'Fastlege' }] }],
    };
  }
  for (let p = 0; p < options.patients; p++) yield patient(seed, p, s, ids, d, d.asOfYear);
}

export function summarisePopulation(options: PopulationOptions): PopulationSummary {
  const s = sizes(options.patients);
  const d = defaults(options);
  let withoutFastlege = 0;
  let onVacantList = 0;
  for (let p = 0; p < options.patients; p++) {
    const decided = patientDecisions(options.seed, p, d);
    if (decided.withoutFastlege) withoutFastlege++;
    if (decided.vacant) onVacantList++;
  }
  const practitioners = s.gps + s.specialists + s.therapists;
  const organizations = s.offices + s.hospitals + s.employers + PLACES.length;
  return {
    patients: options.patients,
    practitioners,
    gps: s.gps,
    organizations,
    practitionerRoles: s.gps + s.vacantLists,
    withoutFastlege,
    onVacantList,
    resources: options.patients + practitioners + organizations + s.gps + s.vacantLists,
  };
}
