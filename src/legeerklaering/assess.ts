/**
 * A legeerklæring through intake and NAV's rules: its parties from the hub's registries, the
 * mapping to the model, the text-length check, the rule trees and the content hash — the same for
 * a draft ($legeerklaering-dry-run) and a submission (the write hook).
 */
import { evaluateLegeerklaering, type Legeerklaering, type LegeerklaeringRuleResult } from '../domain/legeerklaering/index.ts';
import { checkTextLength, contentHash, type IntakeFinding } from '../domain/legeerklaering/intake.ts';
import { isLegeerklaeringQuestionnaire, toLegeerklaering } from '../fhir/mapping/legeerklaering.ts';
import { badRequest, unprocessable } from '../fhir/outcome.ts';
import { asResource, type QuestionnaireResponse } from '../fhir/r4.ts';
import { createHash } from 'node:crypto';
import { resolveParties, type ResolvedParties } from '../parties/parties.ts';
import { behandlerFakta } from '../parties/practitioner-hpr.ts';
import type { FhirService } from '../service/fhir-service.ts';

export interface LegeerklaeringAssessment {
  legeerklaering: Legeerklaering;
  parties: ResolvedParties;
  result: LegeerklaeringRuleResult;
  /** An over-long point 2.5 or 2.6: the legeerklæring is INVALID whatever the rules say. */
  text?: IntakeFinding;
  /** OK, or INVALID when the text check or a rule says so. */
  status: 'OK' | 'INVALID';
  /**
   * SHA-256 over the content (not the message id or the time received) and who signed it: a re-sent
   * copy has the same; another behandler's word-for-word copy does not, so it is never answered
   * with the first one's.
   */
  hash: string;
}

/** The body as a legeerklæring QuestionnaireResponse, or 400. */
export function requireLegeerklaering(body: unknown): QuestionnaireResponse {
  const qr = body as { resourceType?: unknown; questionnaire?: unknown } | null;
  if (!qr || qr.resourceType !== 'QuestionnaireResponse' || !isLegeerklaeringQuestionnaire(qr.questionnaire)) {
    throw badRequest('Expected a QuestionnaireResponse for the legeerklæring Questionnaire (https://helsebro.no/fhir/Questionnaire/legeerklaering)', 'QuestionnaireResponse.questionnaire');
  }
  return asResource(qr, 'QuestionnaireResponse');
}

/** `service` reads the registries (the signer's HPR facts are the registry's, whoever asks); 422 for a form that cannot be assessed. */
export async function assessLegeerklaering(service: FhirService, qr: QuestionnaireResponse, now: Date): Promise<LegeerklaeringAssessment> {
  const { parties, issues } = await resolveParties(service, qr);
  if (!parties) throw unprocessable(issues);
  const mapped = toLegeerklaering(qr, { mottattTidspunkt: now.toISOString() });
  if (!mapped.legeerklaering) throw unprocessable(mapped.issues);
  const legeerklaering = mapped.legeerklaering;
  if (legeerklaering.pasient.fnr !== parties.pasientIdent) {
    const expression = "QuestionnaireResponse.item.where(linkId='pasient').item.where(linkId='pasient-fnr')";
    throw unprocessable([{ severity: 'error', code: 'value', diagnostics: `${expression}: the patient's number differs from the subject's`, expression: [expression] }]);
  }
  const behandler = behandlerFakta(parties.practitioners, legeerklaering.signatur.dato.slice(0, 10));
  const result = evaluateLegeerklaering({ legeerklaering, behandler, pasient: { fodselsdato: parties.fodselsdato }, now: now.toISOString() });
  const text = checkTextLength(legeerklaering);
  return { legeerklaering, parties, result, text, status: text || result.status !== 'OK' ? 'INVALID' : 'OK', hash: signedHash(contentHash(legeerklaering), parties) };
}

const signedHash = (content: string, parties: ResolvedParties) => createHash('sha256').update(`${content}|${parties.hpr ?? ''}|${parties.authorRef ?? ''}`).digest('hex');
