/**
 * What Helsebro keeps of a received legeerklæring besides the form itself: a receipt Task stored
 * with it (the same statement), carrying the outcome — OK or INVALID, each rule hit with the
 * message for the doctor, the rules' path — and the content hash and message id that recognise
 * a re-sent copy. Its id is derived from the hash, so two identical submissions racing each other
 * cannot both be stored. And the receipt the doctor gets, built from it.
 */
import { OUTCOMES, type OutcomeName } from '../domain/legeerklaering/index.ts';
import { LEGEERKLAERING, TASK_CODE_SYSTEM } from '../fhir/helsebro-codes.ts';
import type { Parameters, ParametersParameter, Task, TaskInput } from '../fhir/r4.ts';
import type { LegeerklaeringAssessment } from './assess.ts';

export const receiptTaskId = (hash: string) => `legeerklaering-${hash.slice(0, 48)}`;

export interface ReceiptHit { ruleName: string; messageForSender: { nb: string; en: string }; messageForUser?: { nb: string; en: string } }

export interface LegeerklaeringReceipt {
  qrId: string;
  status: 'OK' | 'INVALID';
  hits: ReceiptHit[];
  path: string;
}

/** The intake finding first (it decides, as at NAV), then the rules' hit. */
export function hitsOf(a: Pick<LegeerklaeringAssessment, 'result' | 'text'>): ReceiptHit[] {
  return [
    ...(a.text ? [{ ruleName: a.text.code, messageForSender: a.text.behandler }] : []),
    ...a.result.ruleHits.map((h) => ({ ruleName: h.ruleName, messageForSender: OUTCOMES[h.ruleName as OutcomeName].behandler, messageForUser: OUTCOMES[h.ruleName as OutcomeName].pasient })),
  ];
}

const input = (text: string, value: Omit<TaskInput, 'type'>): TaskInput => ({ type: { text }, ...value });

export function buildReceiptTask(args: { qrId: string; a: LegeerklaeringAssessment; authorRef?: string; at: string }): Task & { id: string } {
  const { a } = args;
  return {
    resourceType: 'Task',
    id: receiptTaskId(a.hash),
    identifier: [{ system: LEGEERKLAERING.HASH_SYSTEM, value: a.hash }, { system: LEGEERKLAERING.MSGID_SYSTEM, value: a.legeerklaering.msgId }],
    status: 'completed',
    businessStatus: { coding: [{ system: LEGEERKLAERING.STATUS_SYSTEM, code: a.status }], text: a.status },
    intent: 'order',
    code: { coding: [{ system: TASK_CODE_SYSTEM, code: LEGEERKLAERING.RECEIPT_TASK_CODE }] },
    focus: { reference: `QuestionnaireResponse/${args.qrId}` },
    for: { reference: a.parties.patientRef },
    ...(args.authorRef ? { requester: { reference: args.authorRef } } : {}),
    authoredOn: args.at,
    input: [
      ...hitsOf(a).map((h) => input('regelutfall', { valueCoding: { code: h.ruleName, display: h.messageForSender.nb } })),
      input('regelsti', { valueString: a.result.path || 'OK' }),
    ],
  };
}

/** The receipt as the Task keeps it (a duplicate is answered with its original's). */
export function receiptOfTask(task: Task): LegeerklaeringReceipt {
  const inputs = task.input ?? [];
  const hits = inputs.filter((i) => i.type?.text === 'regelutfall').map((i) => {
    const ruleName = i.valueCoding?.code ?? '';
    const known = OUTCOMES[ruleName as OutcomeName] as (typeof OUTCOMES)[OutcomeName] | undefined;
    return known
      ? { ruleName, messageForSender: known.behandler, messageForUser: known.pasient }
      : { ruleName, messageForSender: { nb: i.valueCoding?.display ?? '', en: i.valueCoding?.display ?? '' } };
  });
  return {
    qrId: String(task.focus?.reference ?? '').replace(/^QuestionnaireResponse\//, ''),
    status: task.businessStatus?.coding?.[0]?.code === 'OK' ? 'OK' : 'INVALID',
    hits,
    path: inputs.find((i) => i.type?.text === 'regelsti')?.valueString ?? '',
  };
}

const part = (name: string, value: Omit<ParametersParameter, 'name'>): ParametersParameter => ({ name, ...value });

/** The receipt as Parameters: status, each rule hit with its messages, the path, and whether this was a re-sent copy. */
export function receiptParameters(r: Pick<LegeerklaeringReceipt, 'status' | 'hits' | 'path'>, duplicate = false): Parameters {
  return {
    resourceType: 'Parameters',
    parameter: [
      part('status', { valueCode: r.status }),
      ...r.hits.map((h) => part('ruleHit', {
        part: [
          part('ruleName', { valueCode: h.ruleName }),
          part('status', { valueCode: 'INVALID' }),
          part('messageForSender', { valueString: h.messageForSender.nb }),
          part('messageForSenderEn', { valueString: h.messageForSender.en }),
          ...(h.messageForUser ? [part('messageForUser', { valueString: h.messageForUser.nb }), part('messageForUserEn', { valueString: h.messageForUser.en })] : []),
        ],
      })),
      part('path', { valueString: r.path }),
      ...(duplicate ? [part('duplicate', { valueBoolean: true })] : []),
    ],
  };
}
