/**
 * Intake of a sykmelding QuestionnaireResponse: resolve the parties, map to the domain model, run the
 * intake checks and NAV's rules, and compute the content hash used to recognise a duplicate. Shared
 * by the write hook (submission) and `$dry-run` (live feedback, nothing stored).
 */
import { createHash } from 'node:crypto';
import { evaluate, routedStatus, type RuleContext, type RuleResult, type Sykmelding } from '../domain/sykmelding/index.ts';
import { isSykmeldingQuestionnaire, toSykmelding } from '../fhir/mapping/questionnaire-response.ts';
import { badRequest, unprocessable, type OutcomeIssue } from '../fhir/outcome.ts';
import type { FhirService } from '../service/fhir-service.ts';
import type { JsonObject } from '../fhir/json.ts';
import { asResource, isResource, type Task } from '../fhir/r4.ts';
import { buildContext, earlierSykmeldinger } from './context-builder.ts';
import { resolveParties, type ResolvedParties } from '../parties/parties.ts';
import { letterCaseHints, type KnownSpelling } from './code-hints.ts';
import { statusTaskId, type RuleSummary } from './status-task.ts';

export interface IntakeOptions {
  now: Date;
  mode?: RuleContext['mode'];
  isKnownCode?: RuleContext['isKnownCode'];
  /** For the doctor's receipt: how the code lists spell a code written in another letter case. */
  knownSpelling?: KnownSpelling;
}

export interface Assessment {
  sykmelding: Sykmelding;
  parties: ResolvedParties;
  result: RuleResult;
  rule: RuleSummary;
  hash: string;
  /** The status Task of an earlier sykmelding with the same content (a duplicate), if there is one. */
  original?: Task;
}

/** SHA-256 over the sykmelding's content (not its id), the patient and the sykmelder's HPR number. */
function contentHash(s: Sykmelding): string {
  const { id: _id, ...content } = s;
  return createHash('sha256').update(JSON.stringify(content)).digest('hex');
}

/** Checks done before the rules; each failure refuses the submission with nothing stored. */
function intakeChecks(s: Sykmelding, now: Date): OutcomeIssue[] {
  const issues: OutcomeIssue[] = [];
  const signed = Date.parse(s.signaturDato);
  if (Number.isNaN(signed)) issues.push({ severity: 'error', code: 'value', diagnostics: 'QuestionnaireResponse.authored: not a valid date-time', expression: ['QuestionnaireResponse.authored'] });
  // Five minutes of leeway for clocks that are slightly off.
  else if (signed > now.getTime() + 5 * 60_000) issues.push({ severity: 'error', code: 'value', diagnostics: 'QuestionnaireResponse.authored: the signature time is in the future', expression: ['QuestionnaireResponse.authored'] });
  return issues;
}

/** `qr` is whatever is being written; it is a sykmelding only if it says so. */
export async function assess(service: FhirService, qr: JsonObject, options: IntakeOptions): Promise<Assessment> {
  if (!isResource(qr, 'QuestionnaireResponse') || !isSykmeldingQuestionnaire(qr.questionnaire)) {
    throw badRequest('Expected a QuestionnaireResponse for the sykmelding Questionnaire (NAV V1 or Helsebro)', 'QuestionnaireResponse.questionnaire');
  }
  const { parties, issues } = await resolveParties(service, qr);
  if (!parties) throw unprocessable(issues);
  const mapped = toSykmelding(qr, { pasientIdent: parties.pasientIdent, behandler: { hpr: parties.hpr, navn: parties.behandlerNavn } });
  if (!mapped.sykmelding) throw unprocessable(mapped.issues);
  const sykmelding = mapped.sykmelding;
  const checks = intakeChecks(sykmelding, options.now);
  if (checks.length) throw unprocessable(checks);
  const { earlier, statusTasks } = await earlierSykmeldinger(service, parties.pasientIdent, sykmelding.id || undefined);
  const context = buildContext(sykmelding, parties, earlier, options);
  const result = evaluate(sykmelding, context);
  // The hash covers the patient, so a duplicate's status Task is among this patient's.
  const hash = contentHash(sykmelding);
  const ruleName = result.ruleHits[0]?.ruleName;
  const kodeforslag = letterCaseHints(sykmelding, ruleName, options.knownSpelling);
  return {
    sykmelding, parties, result,
    rule: { status: result.status, routed: routedStatus(result.status, sykmelding), ruleName, path: result.path, ...(kodeforslag.length ? { kodeforslag } : {}) },
    hash,
    original: statusTasks.get(statusTaskId(hash)),
  };
}

/** The status Task of an earlier sykmelding with the same content, if any (its id is derived from the hash). */
export async function findByHash(service: FhirService, hash: string): Promise<Task | undefined> {
  const stored = await service.readIfExists('Task', statusTaskId(hash));
  return stored && !stored.deleted ? asResource(JSON.parse(stored.content), 'Task') : undefined;
}
