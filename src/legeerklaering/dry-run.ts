/**
 * `$legeerklaering-dry-run`: a legeerklæring draft through the intake checks and NAV's rules, with
 * nothing stored: the feedback a doctor gets while writing. The patient and the signer are resolved
 * as for a sykmelding (the hub's Patient and its Practitioner with the HPR number). A draft not yet
 * signed is judged as signed now, and one without a message id gets a placeholder, since neither is
 * the doctor's to fill in while writing.
 */
import { evaluateLegeerklaering, OUTCOMES, type LegeerklaeringRuleResult, type OutcomeName } from '../domain/legeerklaering/index.ts';
import { checkTextLength, type IntakeFinding } from '../domain/legeerklaering/intake.ts';
import { isLegeerklaeringQuestionnaire, toLegeerklaering } from '../fhir/mapping/legeerklaering.ts';
import { badRequest, unprocessable } from '../fhir/outcome.ts';
import type { FhirService } from '../service/fhir-service.ts';
import { asResource, type QuestionnaireResponse } from '../fhir/r4.ts';
import { requireVisiblePatient, resolveParties } from '../parties/parties.ts';
import { behandlerFakta } from '../parties/practitioner-hpr.ts';

type Json = Record<string, unknown>;

const part = (name: string, value: Json) => ({ name, ...value });

function ruleHitOf(name: string, status: string, sender: { nb: string; en: string }, user?: { nb: string; en: string }): Json {
  return {
    name: 'ruleHit',
    part: [
      part('ruleName', { valueCode: name }),
      part('status', { valueCode: status }),
      part('messageForSender', { valueString: sender.nb }),
      part('messageForSenderEn', { valueString: sender.en }),
      ...(user ? [part('messageForUser', { valueString: user.nb }), part('messageForUserEn', { valueString: user.en })] : []),
    ],
  };
}

/** The receipt: the intake finding first (it decides, as at NAV), then the rules' hit, and the rules' path. */
export function dryRunReceipt(result: LegeerklaeringRuleResult, text: IntakeFinding | undefined): Json {
  const hits = [
    ...(text ? [ruleHitOf(text.code, text.status, text.behandler)] : []),
    ...result.ruleHits.map((h) => ruleHitOf(h.ruleName, h.status, OUTCOMES[h.ruleName as OutcomeName].behandler, OUTCOMES[h.ruleName as OutcomeName].pasient)),
  ];
  return {
    resourceType: 'Parameters',
    parameter: [{ name: 'status', valueCode: text ? 'INVALID' : result.status }, ...hits, { name: 'path', valueString: result.path }],
  };
}

export async function assessLegeerklaeringDraft(caller: FhirService, draft: Json, options: { now: Date }): Promise<Json> {
  if (draft.resourceType !== 'QuestionnaireResponse' || !isLegeerklaeringQuestionnaire(draft.questionnaire)) {
    throw badRequest('Expected a QuestionnaireResponse for the legeerklæring Questionnaire (https://helsebro.no/fhir/Questionnaire/legeerklaering)', 'QuestionnaireResponse.questionnaire');
  }
  const form = asResource(draft, 'QuestionnaireResponse');
  await requireVisiblePatient(caller, form);
  const now = options.now.toISOString();
  const qr: QuestionnaireResponse = { ...form, authored: form.authored ?? now, identifier: form.identifier ?? { value: 'utkast' } };
  // The signer's HPR facts are the registry's, whoever asks.
  const service = caller.unrestricted("the rules read the signer's HPR and suspension facts");
  const { parties, issues } = await resolveParties(service, qr);
  if (!parties) throw unprocessable(issues);
  const mapped = toLegeerklaering(qr, { mottattTidspunkt: now });
  if (!mapped.legeerklaering) throw unprocessable(mapped.issues);
  const legeerklaering = mapped.legeerklaering;
  if (legeerklaering.pasient.fnr !== parties.pasientIdent) {
    const expression = "QuestionnaireResponse.item.where(linkId='pasient').item.where(linkId='pasient-fnr')";
    throw unprocessable([{ severity: 'error', code: 'value', diagnostics: `${expression}: the patient's number differs from the subject's`, expression: [expression] }]);
  }
  const behandler = behandlerFakta(parties.practitioners, legeerklaering.signatur.dato.slice(0, 10));
  const result = evaluateLegeerklaering({ legeerklaering, behandler, pasient: { fodselsdato: parties.fodselsdato }, now });
  return dryRunReceipt(result, checkTextLength(legeerklaering));
}
