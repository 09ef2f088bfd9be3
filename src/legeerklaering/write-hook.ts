/**
 * Submission: when a completed legeerklæring QuestionnaireResponse is written, its parties are
 * resolved, the text check and NAV's rules run, and its receipt Task is stored with it (the same
 * statement). An INVALID one is stored too, as NAV keeps it, with its outcome on the receipt. A
 * re-sent copy (the same content from the same signer) is answered with the first one, not stored
 * twice; a message id the signer used before for other content is refused (409).
 */
import { LEGEERKLAERING, TASK_CODE_SYSTEM } from '../fhir/helsebro-codes.ts';
import { parseSearch } from '../fhir/search/parse.ts';
import { isLegeerklaeringQuestionnaire } from '../fhir/mapping/legeerklaering.ts';
import { conflict } from '../fhir/outcome.ts';
import { asResource, type QuestionnaireResponse, type Task } from '../fhir/r4.ts';
import { AlreadyStored, type FhirService, type WriteHook } from '../service/fhir-service.ts';
import type { FhirResource } from '../store/repository.ts';
import { assessLegeerklaering, type LegeerklaeringAssessment } from './assess.ts';
import { requireOwnName } from '../parties/parties.ts';
import { buildReceiptTask, receiptTaskId } from './receipt.ts';

/** Key under which the hook leaves the receipt Task it built for the caller (WriteResult.hookResults). */
export const RECEIPT_TASK_RESULT = 'legeerklaering.receiptTask';

const SUBMITTED = new Set(['completed', 'amended']);

interface Prepared { a: LegeerklaeringAssessment; at: string }

/** The receipt Task of an earlier legeerklæring with this content from this signer. */
async function receiptByHash(system: FhirService, hash: string): Promise<Task | undefined> {
  const stored = await system.readIfExists('Task', receiptTaskId(hash));
  return stored && !stored.deleted ? asResource(JSON.parse(stored.content), 'Task') : undefined;
}

/** The receipt Task of an earlier legeerklæring this signer sent under the same message id. */
async function receiptByMessageId(system: FhirService, msgId: string, authorRef: string | undefined): Promise<Task | undefined> {
  const found = await system.findByIdentifier('Task', { system: LEGEERKLAERING.MSGID_SYSTEM, value: msgId });
  return found.map((f) => asResource(JSON.parse(f.content), 'Task')).find((t) => t.requester?.reference === authorRef);
}

async function duplicateOf(system: FhirService, original: Task, when: string): Promise<AlreadyStored> {
  const qrId = String(original.focus?.reference ?? '').replace(/^QuestionnaireResponse\//, '');
  return new AlreadyStored(await system.read('QuestionnaireResponse', qrId), `Duplicate of legeerklæring ${qrId}, ${when}; it was not stored again`);
}

export function legeerklaeringWriteHook(deps: { now(): Date }): WriteHook {
  return {
    name: 'legeerklaering-intake',
    resourceType: 'QuestionnaireResponse',
    applies: (r: FhirResource) => isLegeerklaeringQuestionnaire(r.questionnaire) && SUBMITTED.has(r.status as string),

    async prepare(resource, ctx) {
      const now = deps.now();
      // The signer's HPR facts and earlier receipts are the registry's, whoever submits (the write itself is access-checked).
      const system = ctx.service.unrestricted("the rules read the signer's HPR facts; a re-sent copy is found among all receipts");
      const qr: QuestionnaireResponse = asResource(resource, 'QuestionnaireResponse');
      const a = await assessLegeerklaering(system, qr, now);
      requireOwnName(ctx.service, a.parties);
      ctx.scratch.set('legeerklaering', { a, at: now.toISOString() } satisfies Prepared);
      if (resource.id) await checkOwnReceipt(system, resource.id, a.hash);
      const same = await receiptByHash(system, a.hash);
      if (same) throw await duplicateOf(system, same, 'received earlier');
      const reused = await receiptByMessageId(system, a.legeerklaering.msgId, a.parties.authorRef);
      if (reused) throw conflict(`The message id '${a.legeerklaering.msgId.slice(0, 80)}' was used before for another legeerklæring (${String(reused.focus?.reference ?? '')}); give each legeerklæring its own`);
    },

    companions(resource, ctx) {
      const { a, at } = ctx.scratch.get('legeerklaering') as Prepared;
      const system = ctx.service.unrestricted("the receipt Task is the server's, validated as the server writes it");
      const task = buildReceiptTask({ qrId: resource.id, a, authorRef: a.parties.authorRef, at });
      system.validateForWrite(task);
      ctx.scratch.set(RECEIPT_TASK_RESULT, task);
      return [task];
    },

    // An identical submission stored its receipt (whose id is derived from the hash) since prepare looked.
    async onConflict(_error, ctx) {
      const prepared = ctx.scratch.get('legeerklaering') as Prepared | undefined;
      if (!prepared) return;
      const system = ctx.service.unrestricted('an identical legeerklæring stored at the same time is found by its content hash');
      const original = await receiptByHash(system, prepared.a.hash);
      if (original) throw await duplicateOf(system, original, 'received at the same time');
    },
  };
}

/** The receipt Task of a stored legeerklæring, as `service` may see it. */
export async function findReceipt(service: FhirService, qrId: string): Promise<Task | undefined> {
  const request = parseSearch('Task', [['focus', `QuestionnaireResponse/${qrId}`], ['code', `${TASK_CODE_SYSTEM}|${LEGEERKLAERING.RECEIPT_TASK_CODE}`]]);
  const found = await service.search({ ...request, total: 'none' });
  const first = found.matches[0];
  return first && asResource(JSON.parse(first.content), 'Task');
}

/** A write under a client's id (PUT) of a legeerklæring already received: the same again is answered with it, a change refused. */
async function checkOwnReceipt(system: FhirService, id: string, hash: string): Promise<void> {
  const own = await findReceipt(system, id);
  if (!own) return;
  if (own.identifier?.some((i) => i.system === LEGEERKLAERING.HASH_SYSTEM && i.value === hash)) {
    throw new AlreadyStored(await system.read('QuestionnaireResponse', id), 'The same legeerklæring was already received');
  }
  throw conflict(`QuestionnaireResponse/${id} is a received legeerklæring and cannot be changed; send a new legeerklæring instead`);
}
