/**
 * The AAP transition job (docs/dialog.md): from the stored sykmeldinger of each patient (their
 * QuestionnaireResponses and status Tasks), the domain's `aapTransitionDue` says when a sick-leave
 * case nears its maksdato. Then NAV gets a task (Task code `aap-overgang`) and the routed doctor a
 * request for a legeerklæring (FORESPORSEL_PASIENT_LEGEERKLARING), so the person's income does not
 * stop. Idempotent by the domain's key (person and syketilfelle): the NAV task carries it as its
 * identifier and its id is derived from it, so a second run, or two at once, create nothing more;
 * a maksdato that moved updates the task.
 */
import { createHash } from 'node:crypto';
import { aapTransitionDue, DEFAULT_AAP_CONFIG, type AapConfig, type AapDecision } from '../domain/aap/transition.ts';
import { IdentifierSystem } from '../domain/identity/index.ts';
import type { TidligereSykmelding } from '../domain/sykmelding/model.ts';
import { isSykmeldingQuestionnaire, toSykmelding } from '../fhir/mapping/questionnaire-response.ts';
import { SYKMELDING_STATUS_SYSTEM, TASK_CODE_SYSTEM } from '../fhir/helsebro-codes.ts';
import { isFhirError } from '../fhir/outcome.ts';
import { parseSearch } from '../fhir/search/parse.ts';
import type { FhirService } from '../service/fhir-service.ts';
import type { FhirResource } from '../store/repository.ts';
import { findAll, NAV_REF, type Json } from './requests.ts';
import { sendRequest } from './send.ts';

export const AAP_TASK_CODE = 'aap-overgang';
export const AAP_KEY_SYSTEM = 'https://helsebro.no/fhir/sid/aap-overgang';
/** The code of a sykmelding's status Task (kept by the sykmelding shell). */
const STATUS_TASK_CODE = 'sykmelding-status';

type Input = { type?: { text?: string }; valueCode?: string; valueDate?: string };

/** A stored sykmelding as the maksdato counting sees it: its periods, the rules' outcome and what the patient did. */
function asEarlier(task: Json, qr: Json | undefined): TidligereSykmelding | undefined {
  if (!qr || !isSykmeldingQuestionnaire(qr.questionnaire)) return undefined;
  const perioder = toSykmelding(qr, { pasientIdent: '', behandler: {} }).sykmelding?.perioder ?? [];
  const inputs = (task.input as Input[] | undefined) ?? [];
  const value = (t: string) => inputs.filter((i) => i.type?.text === t).map((i) => i.valueCode ?? '');
  const routed = value('ruting')[0];
  const status = (routed === 'INVALID' ? 'INVALID' : value('regelstatus')[0] ?? 'OK') as TidligereSykmelding['status'];
  const brukerhandling = (task.businessStatus as { coding?: Array<{ system?: string; code?: string }> } | undefined)?.coding?.find((c) => c.system === SYKMELDING_STATUS_SYSTEM)?.code;
  return { id: String(qr.id), status, ...(brukerhandling ? { brukerhandling } : {}), merknader: value('merknad'), perioder };
}

const aapTaskId = (key: string) => `aap-${createHash('sha256').update(key).digest('hex').slice(0, 40)}`;

export interface AapRunResult {
  patient: string;
  decision: AapDecision;
  created?: { task: string; request: string };
  updated?: string;
}

/** One patient's decision and what it led to. `system` is the server's own service. */
async function runFor(system: FhirService, patient: Json, sykmeldinger: TidligereSykmelding[], now: Date, config: AapConfig): Promise<AapRunResult> {
  const ids = (patient.identifier as Array<{ system?: string; value?: string }> | undefined) ?? [];
  const ident = (ids.find((i) => i.system === IdentifierSystem.FNR) ?? ids.find((i) => i.system === IdentifierSystem.DNR))?.value ?? '';
  const person = { ident, fodselsdato: String(patient.birthDate ?? '') };
  const patientRef = `Patient/${String(patient.id)}`;
  const first = aapTransitionDue(sykmeldinger, person, now.toISOString(), config);
  if (!first.idempotencyKey) return { patient: patientRef, decision: first };
  const stored = await system.readIfExists('Task', aapTaskId(first.idempotencyKey));
  const existing = stored && !stored.deleted ? (JSON.parse(stored.content) as Json) : undefined;
  const earlierMaksdato = ((existing?.input as Input[] | undefined) ?? []).find((i) => i.type?.text === 'maksdato')?.valueDate;
  const decision = existing && earlierMaksdato
    ? aapTransitionDue(sykmeldinger, person, now.toISOString(), config, { idempotencyKey: first.idempotencyKey, maksdato: earlierMaksdato })
    : first;
  const at = now.toISOString();
  if (existing && decision.maksdatoFlyttet) {
    const input = [...((existing.input as Input[] | undefined) ?? []).filter((i) => i.type?.text !== 'maksdato'), { type: { text: 'maksdato' }, valueDate: decision.maksdatoFlyttet.til }];
    const note = [...((existing.note as Json[] | undefined) ?? []), { time: at, authorString: 'aap-overgang', text: `Maksdato flyttet fra ${decision.maksdatoFlyttet.fra} til ${decision.maksdatoFlyttet.til}.` }];
    await system.workflowUpdate({ ...(existing as FhirResource & { id: string }), input, note, lastModified: at }, stored!.versionId);
    return { patient: patientRef, decision, updated: String(existing.id) };
  }
  if (!decision.opprett.navOppgave || existing) return { patient: patientRef, decision };
  const taskId = aapTaskId(first.idempotencyKey);
  return system.inTransaction(async (tx) => {
    await tx.workflowCreate({
      resourceType: 'Task', id: taskId, status: 'requested', intent: 'order',
      identifier: [{ system: AAP_KEY_SYSTEM, value: first.idempotencyKey }],
      code: { coding: [{ system: TASK_CODE_SYSTEM, code: AAP_TASK_CODE, display: 'Overgang fra sykepenger til AAP' }] },
      description: decision.forklaring, for: { reference: patientRef }, authoredOn: at, lastModified: at, requester: { reference: NAV_REF },
      ...(decision.overgangFra && decision.maksdato ? { restriction: { period: { start: decision.overgangFra, end: decision.maksdato.maksdato } } } : {}),
      input: decision.maksdato ? [{ type: { text: 'maksdato' }, valueDate: decision.maksdato.maksdato }] : [],
    });
    const request = await sendRequest(tx, {
      patient: patientRef, kind: 'FORESPORSEL_PASIENT_LEGEERKLARING',
      text: `NAV ber om legeerklæring ved arbeidsuførhet. Sykepengene tar slutt ${decision.maksdato?.maksdato ?? ''}; legeerklæringen trengs for å vurdere arbeidsavklaringspenger (AAP).`,
    }, { now, partOf: taskId });
    return { patient: patientRef, decision, created: { task: taskId, request: String(request.id) } };
  });
}

/** Runs the transition check for every patient with stored sykmeldinger (at most 1000 status Tasks a run). */
export async function runAapTransitions(system: FhirService, now: Date, config: AapConfig = DEFAULT_AAP_CONFIG): Promise<AapRunResult[]> {
  const result = await system.search({
    ...parseSearch('Task', [['code', `${TASK_CODE_SYSTEM}|${STATUS_TASK_CODE}`], ['_include', 'Task:focus'], ['_count', '1000']], { maxCount: 1000 }),
    total: 'none',
  });
  const qrs = new Map(result.includes.map((r) => [`${r.resourceType}/${r.id}`, JSON.parse(r.content) as Json]));
  const byPatient = new Map<string, TidligereSykmelding[]>();
  for (const m of result.matches) {
    const task = JSON.parse(m.content) as Json;
    const patientRef = (task.for as { reference?: string } | undefined)?.reference;
    const earlier = asEarlier(task, qrs.get(String((task.focus as { reference?: string } | undefined)?.reference)));
    if (!patientRef || !earlier) continue;
    byPatient.set(patientRef, [...(byPatient.get(patientRef) ?? []), earlier]);
  }
  const out: AapRunResult[] = [];
  for (const [patientRef, sykmeldinger] of byPatient) {
    const patient = (await findAll(system, 'Patient', [['_id', patientRef.replace(/^Patient\//, '')]]))[0];
    if (!patient) continue;
    try {
      out.push(await runFor(system, patient, sykmeldinger, now, config));
    } catch (err) {
      // Created by a run at the same moment (the id is the key's): the next run sees it.
      if (!(isFhirError(err) && (err.status === 409 || err.status === 412))) throw err;
    }
  }
  return out;
}
