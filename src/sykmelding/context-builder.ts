/**
 * Gathers what the rules need about a submitted sykmelding QuestionnaireResponse from the hub's own
 * FHIR data: the patient (identity number, birth date), the sykmelder's HPR facts (from the hub's
 * Practitioner with that HPR number, also when the sykmelding names the sykmelder by number alone),
 * and the patient's earlier sykmeldinger with their status Tasks. An identity number is carried by
 * one current Patient and an HPR number by one Practitioner (src/store/national-identity.ts), so
 * what is found by number is the same person's, never a second record made with their number.
 */
import { IdentifierSystem, parseIdent } from '../domain/identity/index.ts';
import type { RuleContext, Sykmelding, TidligereSykmelding } from '../domain/sykmelding/index.ts';
import { toSykmelding } from '../fhir/mapping/questionnaire-response.ts';
import { parseSearch } from '../fhir/search/parse.ts';
import type { FhirService } from '../service/fhir-service.ts';
import { stampOf, type StoredResource } from '../store/repository.ts';
import type { ResolvedParties } from '../parties/parties.ts';
import { behandlerFakta } from '../parties/practitioner-hpr.ts';
import { readStatusTask, STATUS_TASK_CODE, type StatusTaskView } from './status-task.ts';
import { deepFreeze, VersionCache } from './version-cache.ts';
import { TASK_CODE_SYSTEM } from '../fhir/helsebro-codes.ts';
import type { JsonObject } from '../fhir/json.ts';
import { asResource, type Organization, type Patient, type Practitioner, type PractitionerRole, type QuestionnaireResponse, type ResourceTypes, type Task } from '../fhir/r4.ts';

/** Runs a search through the service and returns the parsed matches and includes (of any type). */
export async function searchResources<K extends keyof ResourceTypes>(service: FhirService, type: K, params: Array<[string, string]>): Promise<{ matches: Array<ResourceTypes[K]>; includes: JsonObject[] }> {
  const request = parseSearch(type, params, { maxCount: 1000 });
  const result = await service.search({ ...request, total: 'none' });
  return {
    matches: result.matches.map((m) => asResource(JSON.parse(m.content), type)),
    includes: result.includes.map((m) => JSON.parse(m.content) as JsonObject),
  };
}

type EarlierFacts = Pick<TidligereSykmelding, 'perioder' | 'hoveddiagnoseKode'>;

/**
 * What the rules take from an earlier sykmelding's QuestionnaireResponse, and each status Task as
 * read: a patient on long sick leave has many, and every new submission reads them all. The facts
 * are a few periods and a code (about half a kilobyte), so tens of thousands fit in a few megabytes.
 */
interface Remembered {
  earlierFacts: VersionCache<EarlierFacts | null>;
  statusTaskViews: VersionCache<{ task: Task; view: StatusTaskView }>;
}

/** What is kept for this service's store (each runtime's own: see store-memo.ts). */
function rememberedFor(service: FhirService): Remembered {
  return service.memo.slot<Remembered>('sykmelding.earlier', () => ({
    earlierFacts: new VersionCache(50_000),
    statusTaskViews: new VersionCache(50_000),
  }));
}

/** What the rules take from a sykmelding as an earlier one: a frozen copy, shared by every evaluation. */
function factsOf(sykmelding: Sykmelding): EarlierFacts {
  return deepFreeze({ perioder: structuredClone(sykmelding.perioder), hoveddiagnoseKode: sykmelding.hoveddiagnose?.kode });
}

function mapEarlier(stored: StoredResource): EarlierFacts | null {
  // The identity number only labels the mapped patient; the facts kept do not depend on it.
  const { sykmelding } = toSykmelding(asResource(JSON.parse(stored.content), 'QuestionnaireResponse'), { pasientIdent: '', behandler: {} });
  return sykmelding ? factsOf(sykmelding) : null;
}

/** Keeps what the rules will want from a sykmelding just stored, and its status Task, for the next submission. */
export function rememberStored(service: FhirService, qr: StoredResource, sykmelding: Sykmelding, statusTask: StoredResource): void {
  const { earlierFacts, statusTaskViews } = rememberedFor(service);
  earlierFacts.remember(stampOf(qr), factsOf(sykmelding));
  statusTaskViews.get(statusTask, readTask);
}

function readTask(stored: StoredResource): { task: Task; view: StatusTaskView } {
  const task = deepFreeze(asResource(JSON.parse(stored.content), 'Task'));
  return { task, view: deepFreeze(readStatusTask(task)) };
}

interface EarlierSykmeldinger {
  /** As the rules see them. */
  earlier: TidligereSykmelding[];
  /** Every status Task of the patient's sykmeldinger, by id (a duplicate's is among them). */
  statusTasks: Map<string, Task>;
}

/**
 * The patient's earlier sykmeldinger, found through their status Tasks. The lookup gives each
 * version's stamp; only versions not already known here are read (one more round trip, and none
 * when every one is known), so a long history costs little to read again.
 */
export async function earlierSykmeldinger(service: FhirService, pasientIdent: string, excludeQrId?: string): Promise<EarlierSykmeldinger> {
  const { earlierFacts, statusTaskViews } = rememberedFor(service);
  const system = parseIdent(pasientIdent)?.kind === 'DNR' ? IdentifierSystem.DNR : IdentifierSystem.FNR;
  const linked = await service.findLinkedStamps({
    resourceType: 'Task',
    tag: { param: 'code', system: TASK_CODE_SYSTEM, code: STATUS_TASK_CODE },
    via: { param: 'subject', type: 'Patient', identifier: { system, value: pasientIdent } },
    include: 'focus',
  });
  const rows = linked.map(({ resource, included }) => {
    const focus = included.find((r) => r.resourceType === 'QuestionnaireResponse');
    return { task: resource, focus: focus && focus.id !== excludeQrId ? focus : undefined };
  });
  const tasks = new Map(rows.map((r) => [r.task.id, statusTaskViews.peek(r.task)?.value]));
  const facts = new Map(rows.flatMap((r) => (r.focus ? [[r.focus.id, earlierFacts.peek(r.focus)]] as const : [])));
  const missing = [
    ...rows.filter((r) => !tasks.get(r.task.id)).map((r) => r.task),
    ...rows.flatMap((r) => (r.focus && !facts.get(r.focus.id) ? [r.focus] : [])),
  ];
  // Read as they are now: a version written since the lookup is kept under its own stamp.
  for (const stored of missing.length > 0 ? await service.readMany(missing) : []) {
    if (stored.deleted) continue;
    if (stored.resourceType === 'Task') tasks.set(stored.id, statusTaskViews.get(stored, readTask));
    else facts.set(stored.id, { value: earlierFacts.get(stored, mapEarlier) });
  }
  const earlier: TidligereSykmelding[] = [];
  const statusTasks = new Map<string, Task>();
  for (const { task: stamp, focus } of rows) {
    const read = tasks.get(stamp.id);
    if (!read) continue;
    statusTasks.set(stamp.id, read.task);
    const mapped = focus && facts.get(focus.id)?.value;
    if (!focus || !mapped) continue;
    earlier.push({ id: focus.id, status: read.view.routed, brukerhandling: read.view.state.status, merknader: read.view.merknader, ...mapped });
  }
  return { earlier, statusTasks };
}

interface ContextOptions {
  /** "Now" for this evaluation (ISO instant); the evaluation date is its Norwegian calendar day. */
  now: Date;
  mode?: RuleContext['mode'];
  isKnownCode?: RuleContext['isKnownCode'];
}

/** The calendar date in Norway for an instant. */
const OSLO_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Oslo', year: 'numeric', month: '2-digit', day: '2-digit' });

let lastMinute = Number.NaN;
let lastDate = '';

export function osloDate(at: Date): string {
  // Formatting with a time zone is slow; the day cannot change within a minute (offsets are whole minutes).
  const minute = Math.floor(at.getTime() / 60_000);
  if (minute !== lastMinute) {
    lastDate = OSLO_DATE.format(at);
    lastMinute = minute;
  }
  return lastDate;
}

export function buildContext(sykmelding: Sykmelding, parties: ResolvedParties, earlier: TidligereSykmelding[], options: ContextOptions): RuleContext {
  const signatureDate = sykmelding.signaturDato.slice(0, 10);
  const facts = behandlerFakta(parties.practitioners, signatureDate);
  return {
    evaluationDate: osloDate(options.now),
    mode: options.mode ?? 'NORMAL',
    mottattDato: options.now.toISOString(),
    pasient: { fodselsdato: parties.fodselsdato },
    behandler: { ...facts, fnr: sykmelding.behandler.fnr },
    legekontorOrgnr: parties.legekontorOrgnr,
    tidligereSykmeldinger: earlier,
    isKnownCode: options.isKnownCode,
  };
}
