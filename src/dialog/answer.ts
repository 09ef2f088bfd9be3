/**
 * The doctor answers a request: a Communication basedOn its CommunicationRequest and partOf its Task
 * (legeerklaering-and-dialog §2.4), the takst the kind table gives recorded on it, an attachment
 * stored as a Binary with a DocumentReference the Communication refers to, and the Task moved to
 * answered by the domain's `transition` — all in one transaction, or nothing.
 */
import { randomUUID } from 'node:crypto';
import { ANSWER_KINDS, REQUEST_KINDS, takstFor, type AnswerKindId } from '../domain/dialog/kinds.ts';
import { cleanText } from '../domain/dialog/linking.ts';
import { checkAttachment } from '../domain/legeerklaering/intake.ts';
import { IdentifierSystem } from '../domain/identity/index.ts';
import { buildAnswerCommunication } from '../fhir/mapping/dialog.ts';
import { badRequest, cannotProcess, conflict } from '../fhir/outcome.ts';
import type { Principal } from '../access/principal.ts';
import type { FhirService } from '../service/fhir-service.ts';
import type { FhirResource } from '../store/repository.ts';
import type { Communication, Task } from '../fhir/r4.ts';
import { applyEvent, NAV_REF, noRequest, readRequest, syncCommunicationRequest, type Json, type StoredRequest } from './requests.ts';

export interface AnswerInput {
  text: string;
  attachment?: { contentType: string; data: string; title?: string };
}

export const MAX_ANSWER_LENGTH = 15_000;

const refId = (ref: string | undefined, type: string) => (ref?.startsWith(`${type}/`) ? ref.slice(type.length + 1) : undefined);

/** The HPR number of the Practitioner a recipient reference stands for (a PractitionerRole's practitioner). */
async function ownerHpr(system: FhirService, ownerRef: string | undefined): Promise<string | undefined> {
  let practitionerId = refId(ownerRef, 'Practitioner');
  const roleId = refId(ownerRef, 'PractitionerRole');
  if (roleId) {
    const role = await system.readIfExists('PractitionerRole', roleId);
    practitionerId = role && !role.deleted ? refId((JSON.parse(role.content) as { practitioner?: { reference?: string } }).practitioner?.reference, 'Practitioner') : undefined;
  }
  if (!practitionerId) return undefined;
  const p = await system.readIfExists('Practitioner', practitionerId);
  if (!p || p.deleted) return undefined;
  return ((JSON.parse(p.content) as Json).identifier as Array<{ system?: string; value?: string }> | undefined)?.find((i) => i.system === IdentifierSystem.HPR)?.value;
}

/**
 * A doctor answers only what is addressed to them: seeing the Task (their patient's, on their list)
 * is not enough. A request to someone else reads as one that does not exist, as for a plain read.
 */
async function requireAddressee(system: FhirService, principal: Principal | undefined, current: StoredRequest): Promise<void> {
  if (!principal || principal.role !== 'doctor') return;
  const hpr = await ownerHpr(system, current.view.ownerRef);
  if (!hpr || hpr !== principal.hpr) throw noRequest(String(current.task.id));
}

/** The answer kind a doctor's answer through this operation is: a svar, or a møterespons to a meeting. */
function answerKindFor(current: StoredRequest): AnswerKindId {
  const kind = REQUEST_KINDS[current.view.request.kind];
  const answerKind = kind.besvaresAv.find((a) => a !== 'LEGEERKLARING');
  if (!answerKind) throw conflict(`A ${kind.navn.toLowerCase()} is a note and expects no answer (Task/${String(current.task.id)})`);
  return answerKind;
}

function decodeAttachment(a: NonNullable<AnswerInput['attachment']>): Uint8Array {
  if (typeof a.data !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(a.data.replace(/\s/g, ''))) throw badRequest('attachment.data must be base64', 'Parameters.parameter.attachment');
  const bytes = new Uint8Array(Buffer.from(a.data, 'base64'));
  if (bytes.length === 0) throw badRequest('The attachment is empty', 'Parameters.parameter.attachment');
  // The type is decided from the bytes, not the label; a mislabelled file is refused.
  const finding = checkAttachment({ contentType: a.contentType ?? '', bytes, ...(a.title ? { tittel: a.title } : {}) });
  if (finding) throw cannotProcess(`${finding.code}: ${finding.behandler.en}`);
  return bytes;
}

/**
 * Answers request `taskId` as `caller`. The caller's service reads the Task first (so a request they
 * may not see is 404); the server then writes what is the workflow's.
 */
export async function answerRequest(caller: FhirService, principal: Principal | undefined, taskId: string, input: AnswerInput, now: Date): Promise<{ task: Task; communication: Communication }> {
  await readRequest(caller, taskId);
  const system = caller.unrestricted("the dialogue's Task, its answer and attachments are the workflow's to write");
  const text = cleanText(input.text ?? '').trim();
  const bytes = input.attachment ? decodeAttachment(input.attachment) : undefined;
  return system.inTransaction(async (tx) => {
    const current = await readRequest(tx, taskId);
    await requireAddressee(tx, principal, current);
    const kind = answerKindFor(current);
    if (ANSWER_KINDS[kind].kreverTekst && !text) throw badRequest('The answer needs its text (text)', 'Parameters.parameter.text');
    if (text.length > MAX_ANSWER_LENGTH) throw badRequest(`The text is longer than ${MAX_ANSWER_LENGTH} characters`, 'Parameters.parameter.text');
    const at = now.toISOString();
    const communicationId = randomUUID();
    // Moved first: an answer the lifecycle refuses (a cancelled request) writes nothing.
    const answered = await applyEvent(tx, current, { kind: 'BESVART', svarId: communicationId }, at);
    const senderRef = principal?.fhirUser?.startsWith('Practitioner/') ? principal.fhirUser : current.view.ownerRef ?? 'Practitioner/unknown';
    const vedlegg: string[] = [];
    if (bytes && input.attachment) {
      const docId = randomUUID();
      const binaryId = randomUUID();
      const contentType = input.attachment.contentType.split(';')[0]!.trim().toLowerCase();
      await tx.workflowCreate({ resourceType: 'Binary', id: binaryId, contentType, securityContext: { reference: `DocumentReference/${docId}` }, data: Buffer.from(bytes).toString('base64') });
      await tx.workflowCreate({
        resourceType: 'DocumentReference', id: docId, status: 'current',
        subject: { reference: current.view.patientRef }, date: at, author: [{ reference: senderRef }],
        description: input.attachment.title ?? 'Vedlegg til svar på forespørsel',
        content: [{ attachment: { contentType, url: `Binary/${binaryId}`, size: bytes.length, ...(input.attachment.title ? { title: input.attachment.title } : {}) } }],
        context: { related: [{ reference: `Task/${taskId}` }] },
      });
      vedlegg.push(docId);
    }
    const takst = takstFor(current.view.request.kind, kind);
    const koding = ANSWER_KINDS[kind].godtatt[0];
    const communication = buildAnswerCommunication({
      id: communicationId,
      answer: {
        msgId: randomUUID(), kind, ...(koding ? { koding } : {}), pasientIdent: current.view.request.pasientIdent,
        ...(current.view.request.conversationRef ? { conversationRef: current.view.request.conversationRef } : {}),
        sentAt: at, receivedAt: at, ...(text ? { tekst: text } : {}), vedlegg, ...(takst ? { takst } : {}),
      },
      patientRef: current.view.patientRef, senderRef, navRef: current.view.navRef ?? NAV_REF, taskId,
      ...(current.view.communicationRequestId ? { communicationRequestId: current.view.communicationRequestId } : {}),
    });
    const stored = await tx.workflowCreate(communication as unknown as FhirResource);
    await syncCommunicationRequest(tx, current.view, 'completed');
    // The answer to a reminder answers the request it reminds about (request-status.ts).
    const original = refId(current.task.partOf?.[0]?.reference, 'Task');
    if (current.view.request.kind === 'FORESPORSEL_PASIENT_PAMINNELSE' && original) {
      const first = await readRequest(tx, original);
      if (first.view.request.status !== 'answered' && first.view.request.status !== 'cancelled') {
        await applyEvent(tx, first, { kind: 'BESVART', svarId: communicationId }, at);
        await syncCommunicationRequest(tx, first.view, 'completed');
      }
    }
    return { task: answered.task, communication: JSON.parse(stored.content) as Communication };
  });
}

/** NAV withdraws a request it sent; a final one (answered, cancelled) is refused with the reason. */
export async function cancelRequest(caller: FhirService, taskId: string, reason: string | undefined, now: Date): Promise<Task> {
  await readRequest(caller, taskId);
  const system = caller.unrestricted("the dialogue's Task is the workflow's to write");
  return system.inTransaction(async (tx) => {
    const current = await readRequest(tx, taskId);
    const grunn = reason ? cleanText(reason).trim().slice(0, 500) : undefined;
    const cancelled = await applyEvent(tx, current, { kind: 'AVBRUTT', ...(grunn ? { grunn } : {}) }, now.toISOString());
    await syncCommunicationRequest(tx, current.view, 'revoked');
    return cancelled.task;
  });
}
