/**
 * `$dry-run`: the same checks and rules as a submission, on a draft, with nothing stored. A draft
 * that is not signed yet is judged as if signed now. Answers with the receipt a submission would
 * get, plus the derived facts (syketilfelle start date, extension, …) for the doctor's form.
 */
import type { FhirService } from '../service/fhir-service.ts';
import type { Parameters, QuestionnaireResponse } from '../fhir/r4.ts';
import { requireOwnName, requireVisiblePatient } from '../parties/parties.ts';
import { assess, type IntakeOptions } from './intake.ts';
import { receipt } from './status.ts';

export async function assessDraft(caller: FhirService, draft: QuestionnaireResponse, options: IntakeOptions): Promise<Parameters> {
  await requireVisiblePatient(caller, draft);
  const qr = typeof draft.authored === 'string' ? draft : { ...draft, authored: options.now.toISOString() };
  const a = await assess(caller.unrestricted("the rules read the patient's earlier sykmeldinger"), qr, options);
  requireOwnName(caller, a.parties);
  const duplicate = a.original !== undefined;
  const merknader = a.result.status === 'MANUAL_PROCESSING' ? ['UNDER_BEHANDLING'] : [];
  const body = receipt({ ruleStatus: a.result.status, ruleName: a.rule.ruleName, path: a.result.path, merknader, kodeforslag: a.rule.kodeforslag }, duplicate);
  const facts = a.result.facts;
  const params = body.parameter;
  if (facts.syketilfelleStartdato) params.push({ name: 'syketilfelleStartdato', valueDate: facts.syketilfelleStartdato });
  for (const key of ['ettersending', 'forlengelse', 'arbeidsgiverperiode'] as const) {
    if (facts[key] !== undefined) params.push({ name: key, valueBoolean: facts[key] });
  }
  return body;
}
