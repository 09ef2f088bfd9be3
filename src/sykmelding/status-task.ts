/**
 * How a sykmelding's status lives in FHIR: one Task per sykmelding (`sykmelding-<id>`), focused on
 * the QuestionnaireResponse, for the patient. Its businessStatus is the lifecycle status; its inputs
 * hold the rule outcome, the path and the remarks; its notes are the transition log; every change
 * is a new Task version, so the resource history is the full, timestamped status history.
 */
import type { RuleResult } from '../domain/sykmelding/index.ts';
import type { KodeForslag } from './code-hints.ts';
import type { StatusState, SykmeldingStatus } from '../domain/sykmelding/lifecycle.ts';
import { IdentifierSystem } from '../domain/identity/index.ts';
import { SYKMELDING_HASH_SYSTEM, SYKMELDING_STATUS_SYSTEM, TASK_CODE_SYSTEM } from '../fhir/helsebro-codes.ts';
import type { Task, TaskInput } from '../fhir/r4.ts';

export const STATUS_TASK_CODE = 'sykmelding-status';
export const MANUAL_TASK_CODE = 'manuell-vurdering';

/** The status Task's id comes from the content hash, so the database itself refuses a duplicate. */
export function statusTaskId(hash: string): string {
  return `sykmelding-${hash.slice(0, 48)}`;
}

export function manualTaskId(qrId: string): string {
  return `manuell-${qrId}`.slice(0, 64);
}

export interface RuleSummary {
  status: RuleResult['status'];
  /** How the sykmelding was routed: MANUAL_PROCESSING and BEHANDLINGSDAGER are published as OK (reference §7.3, §8). */
  routed: 'OK' | 'INVALID';
  ruleName?: string;
  path: string;
  /** Refused diagnosis codes the code lists know in another letter case, as the lists spell them. */
  kodeforslag?: KodeForslag[];
}

export interface StatusTaskView {
  id: string;
  qrId: string;
  patientRef: string;
  authorRef?: string;
  state: StatusState;
  ruleStatus: RuleResult['status'];
  routed: 'OK' | 'INVALID';
  ruleName?: string;
  path: string;
  kodeforslag?: KodeForslag[];
  merknader: string[];
  hash?: string;
  arbeidsgiverOrgnr?: string;
  deler: string[];
}

const input = (text: string, value: Omit<TaskInput, 'type'>): TaskInput => ({ type: { text }, ...value });

export function buildStatusTask(args: {
  qrId: string; patientRef: string; authorRef?: string; hash: string; rule: RuleSummary; state: StatusState; merknader: string[]; at: string;
}): Task & { id: string } {
  const { qrId, state } = args;
  const last = state.history[state.history.length - 1];
  const inputs: TaskInput[] = [
    input('regelstatus', { valueCode: args.rule.status }),
    input('ruting', { valueCode: args.rule.routed }),
    ...(args.rule.ruleName ? [input('regelutfall', { valueCode: args.rule.ruleName })] : []),
    input('regelsti', { valueString: args.rule.path || 'OK' }),
    ...(args.rule.kodeforslag ?? []).map((k) => input('kodeforslag', { valueCoding: { system: `urn:oid:${k.system}`, code: k.kode } })),
    ...args.merknader.map((m) => input('merknad', { valueCode: m })),
    ...(last.arbeidsgiverOrgnr ? [input('arbeidsgiver', { valueIdentifier: { system: IdentifierSystem.ORGNR, value: last.arbeidsgiverOrgnr } })] : []),
    ...(last.deler ?? []).map((d) => input('delt-med-arbeidsgiver', { valueCode: d })),
  ];
  return {
    resourceType: 'Task',
    id: statusTaskId(args.hash),
    identifier: [{ system: SYKMELDING_HASH_SYSTEM, value: args.hash }],
    status: state.status === 'APEN' ? 'ready' : state.status === 'AVBRUTT' ? 'cancelled' : 'completed',
    businessStatus: { coding: [{ system: SYKMELDING_STATUS_SYSTEM, code: state.status }], text: state.status },
    intent: 'order',
    code: { coding: [{ system: TASK_CODE_SYSTEM, code: STATUS_TASK_CODE }] },
    focus: { reference: `QuestionnaireResponse/${qrId}` },
    for: { reference: args.patientRef },
    ...(args.authorRef ? { requester: { reference: args.authorRef } } : {}),
    authoredOn: state.history[0].at,
    lastModified: args.at,
    input: inputs,
    note: state.history.map((h) => ({ time: h.at, authorString: h.by, text: h.arbeidsgiverOrgnr ? `${h.status} (${h.arbeidsgiverOrgnr})` : h.status })),
  };
}

/** The status Task this server wrote (buildStatusTask), so its notes carry a time and an author. */
export function readStatusTask(task: Task): StatusTaskView {
  const inputs = task.input ?? [];
  const get = (t: string) => inputs.filter((i) => i.type?.text === t);
  const notes = task.note ?? [];
  const ruleStatus = (get('regelstatus')[0]?.valueCode ?? 'OK') as RuleResult['status'];
  const routed = get('ruting')[0]?.valueCode === 'INVALID' ? 'INVALID' : 'OK';
  const status = (task.businessStatus?.coding?.[0]?.code ?? 'APEN') as SykmeldingStatus;
  const history = notes.map((n) => {
    const m = /^([A-Z]+)(?: \((\d{9})\))?$/.exec(n.text);
    return { status: (m?.[1] ?? n.text) as SykmeldingStatus, at: n.time!, by: n.authorString!, ...(m?.[2] ? { arbeidsgiverOrgnr: m[2] } : {}) };
  });
  return {
    id: task.id!,
    qrId: (task.focus?.reference ?? '').replace(/^QuestionnaireResponse\//, ''),
    patientRef: task.for?.reference ?? '',
    authorRef: task.requester?.reference,
    state: { status, rejected: routed === 'INVALID', history },
    ruleStatus,
    routed,
    ruleName: get('regelutfall')[0]?.valueCode,
    path: get('regelsti')[0]?.valueString ?? '',
    ...kodeforslag(get('kodeforslag')),
    merknader: get('merknad').map((i) => i.valueCode!).filter(Boolean),
    hash: task.identifier?.find((i) => i.system === SYKMELDING_HASH_SYSTEM)?.value,
    arbeidsgiverOrgnr: get('arbeidsgiver')[0]?.valueIdentifier?.value,
    deler: get('delt-med-arbeidsgiver').map((i) => i.valueCode!).filter(Boolean),
  };
}

function kodeforslag(inputs: TaskInput[]): { kodeforslag?: KodeForslag[] } {
  const found = inputs.flatMap((i) => (i.valueCoding ? [{ system: (i.valueCoding.system ?? '').replace(/^urn:oid:/, ''), kode: i.valueCoding.code ?? '' }] : []));
  return found.length ? { kodeforslag: found } : {};
}

export function buildManualTask(args: { qrId: string; patientRef: string; ruleName?: string; at: string }): Task & { id: string } {
  return {
    resourceType: 'Task',
    id: manualTaskId(args.qrId),
    status: 'requested',
    businessStatus: { text: 'UNDER_BEHANDLING' },
    intent: 'order',
    priority: 'urgent',
    code: { coding: [{ system: TASK_CODE_SYSTEM, code: MANUAL_TASK_CODE, display: 'Manuell vurdering av sykmelding' }] },
    description: `Vurder sykmeldingen manuelt${args.ruleName ? ` (${args.ruleName})` : ''}`,
    focus: { reference: `QuestionnaireResponse/${args.qrId}` },
    for: { reference: args.patientRef },
    authoredOn: args.at,
    lastModified: args.at,
    // NAV's deadline for these tasks is three working days; we keep it simple and give three days.
    restriction: { period: { end: new Date(Date.parse(args.at) + 3 * 86_400_000).toISOString() } },
    input: [{ type: { text: 'merknad' }, valueCode: 'UNDER_BEHANDLING' }],
  };
}
