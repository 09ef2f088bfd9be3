/**
 * Submission: when a completed sykmelding QuestionnaireResponse is written (alone or in a
 * transaction bundle), run intake and the rules, refuse bad input with 422, recognise a duplicate
 * (answering with the original instead of storing it twice), and store the status Task — plus a
 * NAV Task when the rules ask for manual processing — in the same transaction as the sykmelding.
 */
import { initialState } from '../domain/sykmelding/lifecycle.ts';
import { isSykmeldingQuestionnaire } from '../fhir/mapping/questionnaire-response.ts';
import { conflict, FhirError } from '../fhir/outcome.ts';
import { AlreadyStored, type FhirService, type WriteHook } from '../service/fhir-service.ts';
import type { FhirResource } from '../store/repository.ts';
import { assess, findByHash, type Assessment, type IntakeOptions } from './intake.ts';
import { findStatusTask } from './status.ts';
import { buildManualTask, buildStatusTask, readStatusTask } from './status-task.ts';

/** Key under which the hook leaves the stored status Task for the caller (WriteResult.hookResults). */
export const STATUS_TASK_RESULT = 'sykmelding.statusTask';

export interface SykmeldingHookDeps {
  now(): Date;
  isKnownCode?: IntakeOptions['isKnownCode'];
}

const SUBMITTED = new Set(['completed', 'amended']);

/** The answer to a duplicate: the original sykmelding, not stored again. */
async function duplicateOf(system: FhirService, originalTask: Record<string, unknown>, when: string): Promise<AlreadyStored> {
  const qrId = readStatusTask(originalTask).qrId;
  return new AlreadyStored(await system.repo.read('QuestionnaireResponse', qrId), `Duplicate of sykmelding ${qrId}, ${when}; it was not stored again`);
}

export function sykmeldingWriteHook(deps: SykmeldingHookDeps): WriteHook {
  return {
    name: 'sykmelding-intake',
    resourceType: 'QuestionnaireResponse',
    applies: (r: FhirResource) => isSykmeldingQuestionnaire(r.questionnaire) && SUBMITTED.has(r.status as string),

    // Intake and the rules read the patient's data before the transaction opens.
    async prepare(resource, ctx) {
      const now = deps.now();
      // The rules see all the patient's data, whoever submits (the write itself is access-checked).
      const system = ctx.service.unrestricted();
      const assessment = await assess(system, resource, { now, isKnownCode: deps.isKnownCode });
      ctx.scratch.set('assessment', { ...assessment, now });
      // A new sykmelding with the same content as one received earlier is answered with that one.
      if (!resource.id && assessment.original) throw await duplicateOf(system, assessment.original, 'received earlier');
    },

    // A write with the client's id (PUT) is checked against that id's own status Task first.
    async beforeStore(resource, ctx) {
      if (!resource.id) return;
      const assessment = ctx.scratch.get('assessment') as Assessment & { now: Date };
      const system = ctx.service.unrestricted();
      const own = await findStatusTask(system, resource.id);
      if (own) {
        if (own.hash === assessment.hash) throw new AlreadyStored(await system.repo.read('QuestionnaireResponse', resource.id), 'The same sykmelding was already received');
        throw conflict(`QuestionnaireResponse/${resource.id} is a submitted sykmelding and cannot be changed; write a new sykmelding instead`);
      }
      const original = await findByHash(system, assessment.hash);
      if (original) throw await duplicateOf(system, original, 'received earlier');
    },

    async afterStore(result, ctx) {
      const a = ctx.scratch.get('assessment') as (Assessment & { now: Date }) | undefined;
      if (!a) return;
      const at = a.now.toISOString();
      const system = ctx.service.unrestricted();
      const qrId = result.stored.id;
      const manual = a.result.status === 'MANUAL_PROCESSING';
      const task = buildStatusTask({
        qrId, patientRef: a.parties.patientRef, authorRef: a.parties.authorRef, hash: a.hash, rule: a.rule,
        state: initialState(at, a.rule.routed === 'INVALID'), merknader: manual ? ['UNDER_BEHANDLING'] : [], at,
      });
      system.validateForWrite(task as FhirResource);
      const stored = await system.repo.create(task as FhirResource, { id: task.id as string }).catch(async (err: unknown) => {
        // An identical submission committed its status Task since beforeStore looked: answer as a duplicate.
        // (The status Task's id is derived from the content hash.)
        const original = err instanceof FhirError && err.status === 409 ? await findByHash(system, a.hash) : undefined;
        if (!original) throw err;
        throw await duplicateOf(system, original, 'received at the same time');
      });
      ctx.scratch.set(STATUS_TASK_RESULT, JSON.parse(stored.content));
      if (manual) {
        const nav = buildManualTask({ qrId, patientRef: a.parties.patientRef, ruleName: a.rule.ruleName, at });
        system.validateForWrite(nav as FhirResource);
        await system.repo.create(nav as FhirResource, { id: nav.id as string });
      }
    },
  };
}
