/**
 * A sykmelding may name its patient logically, by fødselsnummer or D-nummer (`subject.identifier`),
 * as an EHR that does not know the hub's ids does. Before anything else reads it, such a reference
 * is resolved to the one Patient carrying that number that the caller may see, and written into the
 * reference, so intake, the rules and the access checks all work on that patient — never on a record
 * the caller could not have read.
 */
import { IdentifierSystem } from '../domain/identity/index.ts';
import { unresolvable } from '../fhir/outcome.ts';
import type { FhirService } from '../service/fhir-service.ts';
import type { QuestionnaireResponse } from '../fhir/r4.ts';

const PERSON_SYSTEMS: string[] = [IdentifierSystem.FNR, IdentifierSystem.DNR];

/** The QuestionnaireResponse with its logical patient reference resolved under `caller`'s access; unchanged when it has a literal one. */
export async function withResolvedSubject(caller: FhirService, qr: QuestionnaireResponse): Promise<QuestionnaireResponse> {
  const subject = qr.subject;
  const logical = subject?.identifier;
  if (!subject || subject.reference || !logical?.value || !PERSON_SYSTEMS.includes(logical.system ?? '')) return qr;
  const found = await caller.findByIdentifier('Patient', { system: logical.system!, value: logical.value });
  const unresolved = (why: string) => (why === 'several'
    ? unresolvable('multiple-matches', 'QuestionnaireResponse.subject: more than one patient you may see carries this identity number; refer to the patient as Patient/id', 'QuestionnaireResponse.subject')
    : unresolvable('not-found', 'QuestionnaireResponse.subject: no patient you may see carries this identity number (register the patient, or refer to it as Patient/id)', 'QuestionnaireResponse.subject'));
  if (found.length === 0) throw unresolved('none');
  if (found.length > 1) throw unresolved('several');
  return { ...qr, subject: { ...subject, reference: `Patient/${found[0].id}` } };
}
