/**
 * The patient's routing situation (src/domain/dialog/routing.ts) from what the hub stores, read by
 * the server (who receives a request is not the asker's to see, and must not depend on it):
 *
 * - **GP list**: Patient.generalPractitioner names a PractitionerRole with code `fastlege` (rolle);
 *   the role is the list (its id is the list id) and its `practitioner` the GP. A **vacant list** is
 *   such a PractitionerRole without `practitioner`, whose `organization` is the municipality's
 *   service that answers for the list; the municipality is that Organization's kommunenummer
 *   identifier (DIALOG.KOMMUNENUMMER_SYSTEM). A generalPractitioner naming a Practitioner only is a
 *   list of that doctor.
 * - **Current sykmelder**: the author of the patient's latest sykmelding (by authored time) whose
 *   periods cover today (Oslo day).
 * - **Home municipality**: the kommunenummer in the home Address's `district` (four digits), and
 *   its service: the Organization with that kommunenummer identifier.
 */
import type { Fastlegeliste, Mottaker, RoutingSituation } from '../domain/dialog/routing.ts';
import { DIALOG, ROLE_SYSTEM } from '../fhir/helsebro-codes.ts';
import { isSykmeldingQuestionnaire, toSykmelding } from '../fhir/mapping/questionnaire-response.ts';
import type { FhirService } from '../service/fhir-service.ts';
import { findAll, type Json } from './requests.ts';

type Ref = { reference?: string; display?: string };

const refId = (ref: string | undefined, type: string) => (ref?.startsWith(`${type}/`) ? ref.slice(type.length + 1) : undefined);

async function readJson(system: FhirService, type: string, id: string | undefined): Promise<Json | undefined> {
  if (!id) return undefined;
  const stored = await system.readIfExists(type, id);
  return stored && !stored.deleted ? (JSON.parse(stored.content) as Json) : undefined;
}

function nameOf(r: Json | undefined): string | undefined {
  if (!r) return undefined;
  if (typeof r.name === 'string') return r.name;
  const n = (r.name as Array<{ given?: string[]; family?: string }> | undefined)?.[0];
  const text = n ? [...(n.given ?? []), n.family].filter(Boolean).join(' ') : '';
  return text || undefined;
}

function kommunenummerOf(org: Json | undefined): string | undefined {
  return (org?.identifier as Array<{ system?: string; value?: string }> | undefined)?.find((i) => i.system === DIALOG.KOMMUNENUMMER_SYSTEM)?.value;
}

const isFastlegeRole = (role: Json) =>
  ((role.code as Array<{ coding?: Array<{ system?: string; code?: string }> }> | undefined) ?? []).some((c) => (c.coding ?? []).some((x) => x.system === ROLE_SYSTEM && x.code === 'fastlege'));

async function mottaker(system: FhirService, type: 'Practitioner' | 'Organization' | 'PractitionerRole', id: string, navn?: string): Promise<Mottaker> {
  const name = navn ?? nameOf(await readJson(system, type, id));
  return { ref: `${type}/${id}`, ...(name ? { navn: name } : {}) };
}

/** The patient's place on a GP list, and the list municipality's service when the list is vacant. */
async function gpList(system: FhirService, patient: Json, services: Record<string, Mottaker>): Promise<Fastlegeliste | undefined> {
  const refs = ((patient.generalPractitioner as Ref[] | undefined) ?? []).map((r) => r.reference);
  for (const ref of refs) {
    const role = await readJson(system, 'PractitionerRole', refId(ref, 'PractitionerRole'));
    if (!role || role.active === false || !isFastlegeRole(role)) continue;
    const org = await readJson(system, 'Organization', refId((role.organization as Ref | undefined)?.reference, 'Organization'));
    const practitionerId = refId((role.practitioner as Ref | undefined)?.reference, 'Practitioner');
    if (practitionerId) {
      const navn = nameOf(await readJson(system, 'Practitioner', practitionerId));
      return { listeId: String(role.id), kommunenummer: kommunenummerOf(org) ?? '', lege: await mottaker(system, 'PractitionerRole', String(role.id), navn) };
    }
    const kommunenummer = kommunenummerOf(org);
    if (org && kommunenummer) services[kommunenummer] = await mottaker(system, 'Organization', String(org.id), nameOf(org));
    return { listeId: String(role.id), kommunenummer: kommunenummer ?? '', lege: 'UBESATT' };
  }
  const practitionerId = refs.map((r) => refId(r, 'Practitioner')).find(Boolean);
  if (practitionerId && (await readJson(system, 'Practitioner', practitionerId))) {
    return { listeId: practitionerId, kommunenummer: '', lege: await mottaker(system, 'Practitioner', practitionerId) };
  }
  return undefined;
}

/** The author of the patient's latest sykmelding whose periods cover `today`. */
async function currentSykmelder(system: FhirService, patientId: string, today: string): Promise<Mottaker | undefined> {
  const qrs = (await findAll(system, 'QuestionnaireResponse', [['subject', `Patient/${patientId}`], ['_sort', '-authored']]))
    .filter((qr) => isSykmeldingQuestionnaire(qr.questionnaire) && qr.status !== 'entered-in-error' && qr.status !== 'stopped');
  for (const qr of qrs) {
    const perioder = toSykmelding(qr, { pasientIdent: '', behandler: {} }).sykmelding?.perioder ?? [];
    if (!perioder.some((p) => p.fom <= today && today <= p.tom)) continue;
    const authorId = refId((qr.author as Ref | undefined)?.reference, 'Practitioner');
    if (authorId) return mottaker(system, 'Practitioner', authorId);
  }
  return undefined;
}

function homeKommunenummer(patient: Json): string {
  const addresses = (patient.address as Array<{ use?: string; district?: string }> | undefined) ?? [];
  const home = addresses.find((a) => a.use === 'home') ?? addresses[0];
  return /^\d{4}$/.test(home?.district ?? '') ? home!.district! : '';
}

async function municipalityService(system: FhirService, kommunenummer: string): Promise<Mottaker | undefined> {
  if (!kommunenummer) return undefined;
  const org = (await findAll(system, 'Organization', [['identifier', `${DIALOG.KOMMUNENUMMER_SYSTEM}|${kommunenummer}`]]))[0];
  return org ? mottaker(system, 'Organization', String(org.id), nameOf(org)) : undefined;
}

/** `system` is the server's service: routing reads the registries whoever asks. */
export async function routingSituation(system: FhirService, patient: Json, today: string): Promise<RoutingSituation> {
  const kommunaleTjenester: Record<string, Mottaker> = {};
  const fastlegeliste = await gpList(system, patient, kommunaleTjenester);
  const sykmelder = fastlegeliste && fastlegeliste.lege !== 'UBESATT' ? undefined : await currentSykmelder(system, String(patient.id), today);
  const kommunenummer = homeKommunenummer(patient);
  if (!fastlegeliste) {
    const service = await municipalityService(system, kommunenummer);
    if (service) kommunaleTjenester[kommunenummer] = service;
  }
  return { kommunenummer, ...(fastlegeliste ? { fastlegeliste } : {}), ...(sykmelder ? { sykmelder } : {}), kommunaleTjenester };
}
