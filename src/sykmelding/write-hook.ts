/**
 * Submission: when a completed sykmelding QuestionnaireResponse is written (alone or in a
 * transaction bundle), run intake and the rules, refuse bad input with 422, recognise a duplicate
 * (answering with the original instead of storing it twice), and store the status Task — plus a
 * NAV Task when the rules ask for manual processing — together with the sykmelding.
 */
import { initialState } from '../domain/sykmelding/lifecycle.ts';
import { isSykmeldingQuestionnaire } from '../fhir/mapping/questionnaire-response.ts';
import { conflict } from '../fhir/outcome.ts';
import { AlreadyStored, type FhirService, type WriteHook } from '../service/fhir-service.ts';
import type { FhirResource } from '../store/repository.ts';
import type { Task } from '../fhir/r4.ts';
import { assess, findByHash, type Assessment, type IntakeOptions } from './intake.ts';
import { requireOwnName } from '../parties/parties.ts';
import { findStatusTask } from './status.ts';
import { rememberStored } from './context-builder.ts';
import { buildManualTask, buildStatusTask, readStatusTask } from './status-task.ts';

/** Key under which the hook leaves the status Task it built for the caller (WriteResult.hookResults). */
export const STATUS_TASK_RESULT = 'sykmelding.statusTask';

interface SykmeldingHookDeps {
  now(): Date;
  isKnownCode?: IntakeOptions['isKnownCode'];
  knownSpelling?: IntakeOptions['knownSpelling'];
}

const SUBMITTED = new Set(['completed', 'amended']);

/** The answer to a duplicate: the original sykmelding, not stored again. */
async function duplicateOf(system: FhirService, originalTask: Task, when: string): Promise<AlreadyStored> {
  const qrId = readStatusTask(originalTask).qrId;
  return new AlreadyStored(await system.read('QuestionnaireResponse', qrId), `Duplicate of sykmelding ${qrId}, ${when}; it was not stored again`);
}

export function sykmeldingWriteHook(deps: SykmeldingHookDeps): WriteHook {
  return {
    name: 'sykmelding-intake',
    resourceType: 'QuestionnaireResponse',
    applies: (r: FhirResource) => isSykmeldingQuestionnaire(r.questionnaire) && SUBMITTED.has(r.status as string),

    // Intake and the rules read the patient's data before anything is written.
    async prepare(resource, ctx) {
      const now = deps.now();
      // The rules see all the patient's data, whoever submits (the write itself is access-checked).
      const system = ctx.service.unrestricted("the rules read the patient's earlier sykmeldinger");
      const assessment = await assess(system, resource, { now, isKnownCode: deps.isKnownCode, knownSpelling: deps.knownSpelling });
      requireOwnName(ctx.service, assessment.parties);
      ctx.scratch.set('assessment', { ...assessment, now });
      if (resource.id) await checkOwnStatusTask(system, resource.id, assessment.hash);
      // A sykmelding with the same content as one received earlier is answered with that one.
      if (assessment.original) throw await duplicateOf(system, assessment.original, 'received earlier');
    },

    // The status Task (and NAV's Task when the rules ask for manual processing) is stored with the sykmelding.
    companions(resource, ctx) {
      const a = ctx.scratch.get('assessment') as Assessment & { now: Date };
      const at = a.now.toISOString();
      const system = ctx.service.unrestricted('the status Task is the server\'s, validated as the server writes it');
      const manual = a.result.status === 'MANUAL_PROCESSING';
      const task = buildStatusTask({
        qrId: resource.id, patientRef: a.parties.patientRef, authorRef: a.parties.authorRef, hash: a.hash, rule: a.rule,
        state: initialState(at, a.rule.routed === 'INVALID'), merknader: manual ? ['UNDER_BEHANDLING'] : [], at,
      });
      system.validateForWrite(task);
      ctx.scratch.set(STATUS_TASK_RESULT, task);
      if (!manual) return [task];
      const nav = buildManualTask({ qrId: resource.id, patientRef: a.parties.patientRef, ruleName: a.rule.ruleName, at });
      system.validateForWrite(nav);
      return [task, nav];
    },

    // The next submission for this patient finds both among their earlier ones without reading them.
    stored(result, ctx) {
      const a = ctx.scratch.get('assessment') as Assessment | undefined;
      const built = ctx.scratch.get(STATUS_TASK_RESULT) as { id?: string } | undefined;
      const task = result.companions?.find((c) => c.resourceType === 'Task' && c.id === built?.id);
      if (a && task) rememberStored(ctx.service, result.stored, a.sykmelding, task);
    },

    // An identical submission stored its status Task (whose id is derived from the content hash)
    // since prepare looked: answer as a duplicate of it.
    async onConflict(_error, ctx) {
      const a = ctx.scratch.get('assessment') as Assessment | undefined;
      if (!a) return;
      const system = ctx.service.unrestricted('an identical sykmelding stored at the same time is found by its content hash');
      const original = await findByHash(system, a.hash);
      if (original) throw await duplicateOf(system, original, 'received at the same time');
    },
  };
}

/** A write with the client's id (PUT) is checked against that id's own status Task first. */
async function checkOwnStatusTask(system: FhirService, id: string, hash: string): Promise<void> {
  const own = await findStatusTask(system, id);
  if (!own) return;
  if (own.hash === hash) throw new AlreadyStored(await system.read('QuestionnaireResponse', id), 'The same sykmelding was already received');
  throw conflict(`QuestionnaireResponse/${id} is a submitted sykmelding and cannot be changed; write a new sykmelding instead`);
}
