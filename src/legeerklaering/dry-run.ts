/**
 * `$legeerklaering-dry-run`: a legeerklæring draft through the intake checks and NAV's rules, with
 * nothing stored: the feedback a doctor gets while writing. The patient and the signer are resolved
 * as for a sykmelding (the hub's Patient and its Practitioner with the HPR number). A draft not yet
 * signed is judged as signed now, and one without a message id gets a placeholder, since neither is
 * the doctor's to fill in while writing.
 */
import type { FhirService } from '../service/fhir-service.ts';
import type { Parameters, QuestionnaireResponse } from '../fhir/r4.ts';
import { requireOwnName, requireVisiblePatient } from '../parties/parties.ts';
import { assessLegeerklaering, requireLegeerklaering } from './assess.ts';
import { hitsOf, receiptParameters } from './receipt.ts';

export async function assessLegeerklaeringDraft(caller: FhirService, draft: unknown, options: { now: Date }): Promise<Parameters> {
  const form = requireLegeerklaering(draft);
  await requireVisiblePatient(caller, form);
  const now = options.now.toISOString();
  const qr: QuestionnaireResponse = { ...form, authored: form.authored ?? now, identifier: form.identifier ?? { value: 'utkast' } };
  // The signer's HPR facts are the registry's, whoever asks.
  const a = await assessLegeerklaering(caller.unrestricted("the rules read the signer's HPR and suspension facts"), qr, options.now);
  requireOwnName(caller, a.parties);
  return receiptParameters({ status: a.status, hits: hitsOf(a), path: a.result.path });
}
