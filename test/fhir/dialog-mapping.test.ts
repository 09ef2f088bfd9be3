/** The dialogue's FHIR shapes: built resources pass the validator and read back to the same domain values. */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { makeSyntheticIdent } from '../../src/domain/identity/index.ts';
import { openRequest, transition, type DialogRequest, type RequestEvent } from '../../src/domain/dialog/request-status.ts';
import { routeRequest } from '../../src/domain/dialog/routing.ts';
import { takstFor } from '../../src/domain/dialog/kinds.ts';
import {
  buildAnswerCommunication, buildCommunicationRequest, buildDialogTask, readAnswerCommunication, readCommunicationRequestText, readDialogTask, taskStatus,
} from '../../src/fhir/mapping/dialog.ts';
import { DIALOG } from '../../src/fhir/helsebro-codes.ts';
import { createValidator, type Validator } from '../../src/fhir/validation/index.ts';

const FNR = makeSyntheticIdent('1981-05-20', 234) ?? makeSyntheticIdent('1981-05-20', 236)!;
const DNR = makeSyntheticIdent('1990-01-11', 412, 'DNR') ?? makeSyntheticIdent('1990-01-11', 414, 'DNR')!;
const CONVERSATION = '6f1d2c1e-3b4a-4c5d-8e9f-0a1b2c3d4e5f';
const ROUTING = routeRequest({
  kommunenummer: '4601',
  fastlegeliste: { listeId: 'liste-17', kommunenummer: '4601', lege: { ref: 'PractitionerRole/fastlege-1', navn: 'Lege Lise Berg' } },
  kommunaleTjenester: {},
});

function apply(request: DialogRequest, steps: Array<[RequestEvent, string]>): DialogRequest {
  return steps.reduce((r, [event, at]) => {
    const result = transition(r, event, at);
    assert.ok(result.ok, result.ok ? '' : result.reason);
    return result.state;
  }, request);
}

const sent = openRequest({ id: 'a3c1f0e2-1111-4222-8333-444455556666', kind: 'FORESPORSEL_PASIENT_TILLEGGSOPPLYSNINGER', pasientIdent: FNR, conversationRef: CONVERSATION, sentAt: '2026-12-01T09:00:00Z' });
const overdue = apply(sent, [[{ kind: 'MOTTATT' }, '2026-12-01T09:01:00Z'], [{ kind: 'FORFALT' }, '2026-12-16T06:00:00Z'], [{ kind: 'PAMINNET', paminnelseId: 'p-1' }, '2026-12-16T06:00:01Z']]);

function errors(v: Validator, resource: unknown): string[] {
  return v.validate(resource).filter((i) => i.severity === 'error').map((i) => `${i.expression?.[0] ?? ''}: ${i.diagnostics ?? ''}`);
}

describe('dialogue FHIR mapping', () => {
  let v: Validator;
  before(async () => {
    v = await createValidator();
  });

  it('builds a request Task that validates and reads back to the same request and routing', () => {
    for (const request of [sent, overdue]) {
      const task = buildDialogTask({ id: 'dialog-1', request, patientRef: 'Patient/pasient-1', routing: ROUTING, navRef: 'Organization/nav', communicationRequestId: 'cr-1' });
      assert.deepEqual(errors(v, task), []);
      assert.deepEqual(task.code?.coding?.map((c) => `${c.system}|${c.code}`), ['urn:oid:2.16.578.1.12.4.1.1.8129|1', `${DIALOG.KIND_SYSTEM}|FORESPORSEL_PASIENT_TILLEGGSOPPLYSNINGER`]);
      assert.equal(task.owner?.reference, 'PractitionerRole/fastlege-1');
      assert.equal(task.restriction?.period?.end, '2026-12-15');
      assert.equal(task.focus?.reference, 'CommunicationRequest/cr-1');
      const view = readDialogTask(task);
      assert.deepEqual(view.request, request);
      assert.deepEqual(view.routing, { regel: 'FASTLEGE', flagg: [], forklaring: ROUTING.forklaring });
      assert.equal(view.ownerRef, 'PractitionerRole/fastlege-1');
      assert.equal(view.communicationRequestId, 'cr-1');
    }
  });

  it('keeps the status before lateness in Task.status and the lateness in businessStatus', () => {
    assert.equal(taskStatus(sent), 'requested');
    assert.equal(taskStatus(overdue), 'received');
    const task = buildDialogTask({ id: 'dialog-1', request: overdue, patientRef: 'Patient/pasient-1', routing: ROUTING, navRef: 'Organization/nav' });
    assert.equal(task.status, 'received');
    assert.equal(task.businessStatus?.coding?.[0].code, 'overdue');
    const answered = apply(overdue, [[{ kind: 'BESVART', svarId: 'svar-1' }, '2026-12-20T10:00:00Z']]);
    assert.equal(taskStatus(answered), 'completed');
  });

  it('builds a note without content, due date or owner when routing found nobody', () => {
    const note = openRequest({ id: 'b3c1f0e2-1111-4222-8333-444455556666', kind: 'OPPFOLGINGSPLAN', pasientIdent: DNR, sentAt: '2026-12-01T09:00:00Z' });
    const manual = routeRequest({ kommunenummer: '9999', kommunaleTjenester: {} });
    const task = buildDialogTask({ id: 'dialog-2', request: note, patientRef: 'Patient/pasient-2', routing: manual, navRef: 'Organization/nav' });
    assert.deepEqual(errors(v, task), []);
    assert.equal(task.restriction, undefined);
    assert.equal(task.owner, undefined);
    assert.equal(task.for?.identifier?.system, 'urn:oid:2.16.578.1.12.4.1.4.2');
    assert.deepEqual(readDialogTask(task).request, note);
    assert.deepEqual(readDialogTask(task).routing.flagg, ['UTEN_FASTLEGE', 'MANUELL_RUTING']);
  });

  it('builds the CommunicationRequest with the question text', () => {
    const cr = buildCommunicationRequest({ id: 'cr-1', request: sent, patientRef: 'Patient/pasient-1', navRef: 'Organization/nav', recipientRef: 'PractitionerRole/fastlege-1', tekst: 'Hvordan går det med behandlingen?' });
    assert.deepEqual(errors(v, cr), []);
    assert.equal(cr.status, 'active');
    assert.equal(readCommunicationRequestText(cr), 'Hvordan går det med behandlingen?');
  });

  it('builds the answer Communication with text, attachment and takst, basedOn the request and partOf the Task', () => {
    const answer = {
      msgId: 'c3c1f0e2-1111-4222-8333-444455556666', kind: 'FORESPORSEL_SVAR' as const, koding: { kodeverk: '9069' as const, kode: '5' }, pasientIdent: FNR,
      conversationRef: CONVERSATION, sentAt: '2026-12-10T08:00:00Z', receivedAt: '2026-12-10T08:00:05Z', tekst: 'Pasienten er under utredning.', vedlegg: ['dok-1'],
      takst: takstFor('FORESPORSEL_PASIENT_TILLEGGSOPPLYSNINGER', 'FORESPORSEL_SVAR'),
    };
    const c = buildAnswerCommunication({ id: 'svar-1', answer, patientRef: 'Patient/pasient-1', senderRef: 'Practitioner/behandler-1', navRef: 'Organization/nav', taskId: 'dialog-1', communicationRequestId: 'cr-1' });
    assert.deepEqual(errors(v, c), []);
    assert.deepEqual(c.basedOn, [{ reference: 'CommunicationRequest/cr-1' }]);
    assert.deepEqual(c.partOf, [{ reference: 'Task/dialog-1' }]);
    assert.deepEqual(c.payload?.[1], { contentReference: { reference: 'DocumentReference/dok-1' } });
    assert.equal(c.extension?.[0].valueCoding?.code, 'L8');
    assert.deepEqual(readAnswerCommunication(c), { answer, taskId: 'dialog-1', communicationRequestId: 'cr-1', senderRef: 'Practitioner/behandler-1' });
  });

  it('builds a legeerklæring answer without a Volven code and with L40', () => {
    const answer = { msgId: 'le-1', kind: 'LEGEERKLARING' as const, pasientIdent: FNR, receivedAt: '2026-12-10T08:00:05Z', vedlegg: ['legeerklaering-1'], takst: 'L40' as const };
    const c = buildAnswerCommunication({ id: 'svar-2', answer, patientRef: 'Patient/pasient-1', senderRef: 'Practitioner/behandler-1', navRef: 'Organization/nav' });
    assert.deepEqual(errors(v, c), []);
    assert.deepEqual(readAnswerCommunication(c).answer, answer);
  });
});
