/**
 * Submission: when a completed sykmelding QuestionnaireResponse is written (alone or in a
 * transaction bundle), run intake and the rules, refuse bad input with 422, recognise a duplicate
 * (answering with the original instead of storing it twice), and store the status Task — plus a
 * NAV Task when the rules ask for manual processing — in the same transaction as the sykmelding.
 */
import { initialState } from '../domain/sykmelding/lifecycle.ts';
import { isSykmeldingQuestionnaire } from '../fhir/mapping/questionnaire-response.ts';
import { conflict } from '../fhir/outcome.ts';
import { AlreadyStored, type WriteHook } from '../service/fhir-service.ts';
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

export function sykmeldingWriteHook(deps: SykmeldingHookDeps): WriteHook {
  return {
    name: 'sykmelding-intake',
    resourceType: 'QuestionnaireResponse',
    applies: (r: FhirResource) => isSykmeldingQuestionnaire(r.questionnaire) && SUBMITTED.has(r.status as string),

    async beforeStore(resource, ctx) {
      const now = deps.now();
      // The rules see all the patient's data, whoever submits (the write itself is access-checked).
      const system = ctx.service.unrestricted();
      const assessment = await assess(system, resource, { now, isKnownCode: deps.isKnownCode });
      if (resource.id) {
        const own = await findStatusTask(system, resource.id);
        if (own) {
          if (own.hash === assessment.hash) throw new AlreadyStored(await system.repo.read('QuestionnaireResponse', resource.id), 'The same sykmelding was already received');
          throw conflict(`QuestionnaireResponse/${resource.id} is a submitted sykmelding and cannot be changed; write a new sykmelding instead`);
        }
      }
      const original = await findByHash(system, assessment.hash);
      if (original) {
        const qrId = readStatusTask(original).qrId;
        throw new AlreadyStored(await system.repo.read('QuestionnaireResponse', qrId), `Duplicate of sykmelding ${qrId}, received earlier; it was not stored again`);
      }
      ctx.scratch.set('assessment', { ...assessment, now });
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
      const stored = await system.repo.create(task as FhirResource, { id: task.id as string });
      ctx.scratch.set(STATUS_TASK_RESULT, JSON.parse(stored.content));
      if (manual) {
        const nav = buildManualTask({ qrId, patientRef: a.parties.patientRef, ruleName: a.rule.ruleName, at });
        system.validateForWrite(nav as FhirResource);
        await system.repo.create(nav as FhirResource, { id: nav.id as string });
      }
    },
  };
}
