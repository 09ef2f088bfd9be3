/**
 * The write hooks the server installs, in one list (see WriteHook in fhir-service.ts). A feature
 * that attaches behaviour to a kind of write adds its hook here.
 */
import { sykmeldingWriteHook } from './sykmelding/write-hook.ts';
import { legeerklaeringWriteHook } from './legeerklaering/write-hook.ts';
import { isLegeerklaeringQuestionnaire } from './fhir/mapping/legeerklaering.ts';
import { terminologyWriteHook } from './terminology/write-hook.ts';
import type { Terminology } from './terminology/code-lists.ts';
import type { FhirResource } from './store/repository.ts';
import type { WriteHook } from './service/fhir-service.ts';
import type { WorkflowOwner } from './service/workflow-owned.ts';
import { isSykmeldingQuestionnaire } from './fhir/mapping/questionnaire-response.ts';
import { LEGEERKLAERING, TASK_CODE_SYSTEM } from './fhir/helsebro-codes.ts';
import { MANUAL_TASK_CODE, STATUS_TASK_CODE } from './sykmelding/status-task.ts';
import { isDialogMessage, isDialogTask } from './dialog/requests.ts';
import { AAP_TASK_CODE } from './dialog/aap.ts';

interface HookDeps {
  now(): Date;
  terminology: Terminology;
}

export function createWriteHooks(deps: HookDeps): WriteHook[] {
  return [
    sykmeldingWriteHook({ now: deps.now, isKnownCode: deps.terminology.isKnownCode, knownSpelling: deps.terminology.knownSpelling }),
    legeerklaeringWriteHook({ now: deps.now }),
    terminologyWriteHook(deps.terminology),
  ];
}

const hasTaskCode = (r: FhirResource, code: string) =>
  ((r.code as { coding?: Array<{ system?: string; code?: string }> } | undefined)?.coding ?? []).some((c) => c.system === TASK_CODE_SYSTEM && c.code === code);

/**
 * The resources that belong to a domain workflow and change only through its operations (see
 * workflow-owned.ts). A feature whose state lives in FHIR resources declares them here.
 */
export const WORKFLOW_OWNERS: readonly WorkflowOwner[] = [
  {
    name: 'a submitted sykmelding',
    resourceType: 'QuestionnaireResponse',
    owns: (r) => isSykmeldingQuestionnaire(r.questionnaire) && (r.status === 'completed' || r.status === 'amended'),
    submittedByWrite: true,
    operations: 'a new sykmelding to correct it, or QuestionnaireResponse/$cancel (the patient) to cancel it',
  },
  {
    name: "a sykmelding's status",
    resourceType: 'Task',
    owns: (r) => hasTaskCode(r, STATUS_TASK_CODE),
    operations: 'the sykmelding\'s operations: $send, $confirm, $cancel and $reopen (the patient), $decide on the NAV Task (NAV)',
  },
  {
    name: 'a submitted legeerklæring',
    resourceType: 'QuestionnaireResponse',
    owns: (r) => isLegeerklaeringQuestionnaire(r.questionnaire) && (r.status === 'completed' || r.status === 'amended'),
    submittedByWrite: true,
    operations: 'a new legeerklæring (QuestionnaireResponse/$legeerklaering-submit) to correct it',
  },
  {
    name: "a legeerklæring's receipt",
    resourceType: 'Task',
    owns: (r) => hasTaskCode(r, LEGEERKLAERING.RECEIPT_TASK_CODE),
    operations: 'none: it is written with its legeerklæring',
  },
  {
    name: "NAV's manual assessment of a sykmelding",
    resourceType: 'Task',
    owns: (r) => hasTaskCode(r, MANUAL_TASK_CODE),
    operations: 'Task/$decide (NAV)',
  },
  {
    name: "a dialogue request's status",
    resourceType: 'Task',
    owns: isDialogTask,
    operations: 'the dialogue\'s operations: Task/$send-request and Task/$cancel-request (NAV), Task/$answer (the doctor)',
  },
  {
    name: "NAV's task for the transition to AAP",
    resourceType: 'Task',
    owns: (r) => hasTaskCode(r, AAP_TASK_CODE),
    operations: 'the AAP transition job (helsebro dialog aap)',
  },
  {
    name: 'the text of a dialogue request',
    resourceType: 'CommunicationRequest',
    owns: isDialogMessage,
    operations: 'Task/$send-request and Task/$cancel-request (NAV)',
  },
  {
    name: 'an answer to a dialogue request',
    resourceType: 'Communication',
    owns: isDialogMessage,
    operations: 'Task/$answer (the doctor)',
  },
];
