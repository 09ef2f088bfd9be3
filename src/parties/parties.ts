/**
 * The parties of a form a behandler submits (a sykmelding, a legeerklæring): the patient in
 * `subject` and the signer in `author`, resolved from the hub's registries (Patient, Practitioner,
 * PractitionerRole, Organization) through the caller's service. Unknown or incomplete parties are
 * intake errors, worded for the doctor.
 */
import { IdentifierSystem, parseIdent } from '../domain/identity/index.ts';
import { badRequest, forbidden, type OutcomeIssue } from '../fhir/outcome.ts';
import type { JsonObject } from '../fhir/json.ts';
import { asResource, type Organization, type Patient, type Practitioner, type PractitionerRole, type QuestionnaireResponse, type ResourceTypes } from '../fhir/r4.ts';
import type { FhirService } from '../service/fhir-service.ts';

export interface ResolvedParties {
  patientRef: string;
  pasientIdent: string;
  fodselsdato: string;
  authorRef?: string;
  hpr?: string;
  behandlerNavn?: string;
  practitioners: Practitioner[];
  legekontorOrgnr?: string;
}

const issue = (expression: string, diagnostics: string, code: OutcomeIssue['code'] = 'required'): OutcomeIssue => ({
  severity: 'error', code, diagnostics: `${expression}: ${diagnostics}`, expression: [expression],
});

const LITERAL_REFERENCE = /^([A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})$/;

/** The current, non-deleted resource each literal reference points at (one round trip), when of one of its types. */
async function readReferences(service: FhirService, wanted: Array<{ ref: string | undefined; types: string[] }>): Promise<Array<JsonObject | undefined>> {
  const parsed = wanted.map(({ ref, types }) => {
    const m = LITERAL_REFERENCE.exec(ref ?? '');
    return m && types.includes(m[1]) ? { resourceType: m[1], id: m[2] } : undefined;
  });
  const refs = parsed.filter((r): r is { resourceType: string; id: string } => r !== undefined);
  const stored = await service.readMany(refs);
  return parsed.map((r) => {
    const hit = r && stored.find((x) => x.resourceType === r.resourceType && x.id === r.id && !x.deleted);
    return hit ? (JSON.parse(hit.content) as JsonObject) : undefined;
  });
}

async function readReference<K extends keyof ResourceTypes>(service: FhirService, ref: string | undefined, type: K): Promise<ResourceTypes[K] | undefined> {
  const found = (await readReferences(service, [{ ref, types: [type] }]))[0];
  return found && asResource(found, type);
}

function identifierOf(resource: Patient | Practitioner | Organization | undefined, systems: string[]): string | undefined {
  const ids = resource?.identifier ?? [];
  for (const system of systems) {
    const found = ids.find((i) => i.system === system && typeof i.value === 'string');
    if (found) return found.value;
  }
  return undefined;
}

function nameOf(resource: Practitioner | undefined): string | undefined {
  const n = resource?.name?.[0];
  if (!n) return undefined;
  return n.text ?? [...(n.given ?? []), n.family].filter(Boolean).join(' ');
}

/** Resolves subject and author; missing or unknown parties are intake errors. */
export async function resolveParties(service: FhirService, qr: QuestionnaireResponse): Promise<{ parties?: ResolvedParties; issues: OutcomeIssue[] }> {
  const issues: OutcomeIssue[] = [];
  const subject = qr.subject;
  let pasientIdent: string | undefined;
  let birthDate: string | undefined;
  const author = qr.author;
  // The patient and the author (a Practitioner, or a PractitionerRole naming one) in one round trip.
  const read = await readReferences(service, [{ ref: subject?.reference, types: ['Patient'] }, { ref: author?.reference, types: ['Practitioner', 'PractitionerRole'] }]);
  // Only a literal reference: the write was access-checked against the Patient it names. A patient
  // given by identity number is resolved before, as the caller (withResolvedSubject, in $submit and
  // $dry-run), never here, where `service` may see every patient.
  const patient = read[0] && asResource(read[0], 'Patient');
  if (patient) {
    pasientIdent = identifierOf(patient, [IdentifierSystem.FNR, IdentifierSystem.DNR]);
    birthDate = typeof patient.birthDate === 'string' ? patient.birthDate : undefined;
  }
  const patientRef = patient ? `Patient/${String(patient.id)}` : '';
  if (!subject) issues.push(issue('QuestionnaireResponse.subject', 'the patient (subject) is required'));
  else if (!subject.reference) issues.push(issue('QuestionnaireResponse.subject', 'the patient must be given as a reference, Patient/id ($submit and $dry-run also take a fødselsnummer or D-nummer in subject.identifier)'));
  else if (!pasientIdent) {
    issues.push(issue('QuestionnaireResponse.subject', patient
      ? 'the patient has no fødselsnummer or D-nummer identifier'
      : `the patient '${String(subject.reference ?? subject.identifier?.value ?? '').slice(0, 80)}' is not known to the hub`, patient ? 'required' : 'not-found'));
  }
  const parsed = pasientIdent ? parseIdent(pasientIdent) : undefined;
  if (pasientIdent && !parsed) issues.push(issue('QuestionnaireResponse.subject', 'the patient identity number is not a valid fødselsnummer or D-nummer', 'value'));
  const fodselsdato = (birthDate ?? parsed?.birthDate)?.slice(0, 10);

  const role: PractitionerRole | undefined = read[1]?.resourceType === 'PractitionerRole' ? asResource(read[1], 'PractitionerRole') : undefined;
  const practitioner = role ? await readReference(service, role.practitioner?.reference, 'Practitioner') : read[1] && asResource(read[1], 'Practitioner');
  // An author given by HPR number alone (no reference) names the signer by it; a reference must lead to them.
  const hpr = author?.reference ? identifierOf(practitioner, [IdentifierSystem.HPR]) : (author?.identifier?.system === IdentifierSystem.HPR ? author.identifier.value : undefined);
  if (!author) issues.push(issue('QuestionnaireResponse.author', 'the sykmelder (author) is required'));
  else if (!practitioner && !hpr) issues.push(issue('QuestionnaireResponse.author', `the sykmelder '${String(author.reference ?? '').slice(0, 80)}' is not known to the hub`, 'not-found'));
  else if (!hpr) issues.push(issue('QuestionnaireResponse.author', 'the sykmelder has no HPR-number identifier'));

  if (issues.length > 0 || !pasientIdent || !fodselsdato) return { issues };
  // The hub's Practitioner with the HPR number (with qualifications), when the author did not lead to it.
  const registry = hpr ? (await service.findByIdentifier('Practitioner', { system: IdentifierSystem.HPR, value: hpr })).map((p) => asResource(JSON.parse(p.content), 'Practitioner')) : [];
  const practitioners = [...(practitioner ? [practitioner] : []), ...registry.filter((p) => p.id !== practitioner?.id)];
  const org = await readReference(service, role?.organization?.reference, 'Organization');
  return {
    issues,
    parties: {
      patientRef, pasientIdent, fodselsdato, hpr, practitioners,
      authorRef: author?.reference,
      behandlerNavn: nameOf(practitioner),
      legekontorOrgnr: identifierOf(org, [IdentifierSystem.ORGNR]),
    },
  };
}

/**
 * Feedback on a draft draws on the patient's earlier forms, which the rules read whoever asks: so
 * only for a patient the caller may see (a caller bound to no principal sees every patient).
 */
export async function requireVisiblePatient(caller: FhirService, draft: QuestionnaireResponse): Promise<void> {
  if (!caller.principal) return;
  const subject = /^Patient\/([A-Za-z0-9\-.]{1,64})$/.exec(String(draft.subject?.reference ?? ''));
  if (!subject) throw badRequest('A draft needs its patient: Patient/id, or a fødselsnummer or D-nummer in subject.identifier', 'QuestionnaireResponse.subject');
  await caller.read('Patient', subject[1]);
}

/**
 * A doctor writes in their own name only: the signer the form names (by reference or by HPR number)
 * must be the caller. The access layer checks references to practitioners; this covers an author
 * given by HPR number alone, which it cannot see.
 */
export function requireOwnName(caller: FhirService, parties: ResolvedParties): void {
  const principal = caller.principal;
  if (principal?.role !== 'doctor') return;
  if (parties.hpr !== principal.hpr) {
    throw forbidden(`You can sign only in your own name: the author's HPR number ${String(parties.hpr ?? '').slice(0, 20)} is not yours`);
  }
}
