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
import type { OutcomeIssue } from '../fhir/outcome.ts';
import { parseSearch } from '../fhir/search/parse.ts';
import type { FhirService } from '../service/fhir-service.ts';
import { stampOf, type StoredResource } from '../store/repository.ts';
import { hprFacts } from './practitioner-hpr.ts';
import { readStatusTask, STATUS_TASK_CODE, type StatusTaskView } from './status-task.ts';
import { deepFreeze, VersionCache } from './version-cache.ts';
import { TASK_CODE_SYSTEM } from '../fhir/helsebro-codes.ts';
import type { JsonObject } from '../fhir/json.ts';
import { asResource, type Organization, type Patient, type Practitioner, type PractitionerRole, type QuestionnaireResponse, type ResourceTypes, type Task } from '../fhir/r4.ts';

export interface ResolvedParties {
  patientRef: string;
  pasientIdent: string;
  fodselsdato: string;
  authorRef?: string;
  hpr?: string;
  behandlerNavn?: string;
  practitioners: Practitioner[];
  legekontorOrgnr?: string;
}

const issue = (expression: string, diagnostics: string, code: OutcomeIssue['code'] = 'required'): OutcomeIssue => ({
  severity: 'error', code, diagnostics: `${expression}: ${diagnostics}`, expression: [expression],
});

/** Runs a search through the service and returns the parsed matches and includes (of any type). */
export async function searchResources<K extends keyof ResourceTypes>(service: FhirService, type: K, params: Array<[string, string]>): Promise<{ matches: Array<ResourceTypes[K]>; includes: JsonObject[] }> {
  const request = parseSearch(type, params, { maxCount: 1000 });
  const result = await service.search({ ...request, total: 'none' });
  return {
    matches: result.matches.map((m) => asResource(JSON.parse(m.content), type)),
    includes: result.includes.map((m) => JSON.parse(m.content) as JsonObject),
  };
}

const LITERAL_REFERENCE = /^([A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})$/;

/** The current, non-deleted resource each literal reference points at (one round trip), when of one of its types. */
async function readReferences(service: FhirService, wanted: Array<{ ref: string | undefined; types: string[] }>): Promise<Array<JsonObject | undefined>> {
  const parsed = wanted.map(({ ref, types }) => {
    const m = LITERAL_REFERENCE.exec(ref ?? '');
    return m && types.includes(m[1]) ? { resourceType: m[1], id: m[2] } : undefined;
  });
  const refs = parsed.filter((r): r is { resourceType: string; id: string } => r !== undefined);
  const stored = await service.readMany(refs);
  return parsed.map((r) => {
    const hit = r && stored.find((x) => x.resourceType === r.resourceType && x.id === r.id && !x.deleted);
    return hit ? (JSON.parse(hit.content) as JsonObject) : undefined;
  });
}

async function readReference<K extends keyof ResourceTypes>(service: FhirService, ref: string | undefined, type: K): Promise<ResourceTypes[K] | undefined> {
  const found = (await readReferences(service, [{ ref, types: [type] }]))[0];
  return found && asResource(found, type);
}

function identifierOf(resource: Patient | Practitioner | Organization | undefined, systems: string[]): string | undefined {
  const ids = resource?.identifier ?? [];
  for (const system of systems) {
    const found = ids.find((i) => i.system === system && typeof i.value === 'string');
    if (found) return found.value;
  }
  return undefined;
}

function nameOf(resource: Practitioner | undefined): string | undefined {
  const n = resource?.name?.[0];
  if (!n) return undefined;
  return n.text ?? [...(n.given ?? []), n.family].filter(Boolean).join(' ');
}

/** Resolves subject and author; missing or unknown parties are intake errors. */
export async function resolveParties(service: FhirService, qr: QuestionnaireResponse): Promise<{ parties?: ResolvedParties; issues: OutcomeIssue[] }> {
  const issues: OutcomeIssue[] = [];
  const subject = qr.subject;
  let pasientIdent: string | undefined;
  let birthDate: string | undefined;
  const author = qr.author;
  // The patient and the author (a Practitioner, or a PractitionerRole naming one) in one round trip.
  const read = await readReferences(service, [{ ref: subject?.reference, types: ['Patient'] }, { ref: author?.reference, types: ['Practitioner', 'PractitionerRole'] }]);
  let patient = read[0] && asResource(read[0], 'Patient');
  const logical = subject?.identifier;
  if (!patient && logical?.value && [IdentifierSystem.FNR, IdentifierSystem.DNR].includes(logical.system as never)) {
    // A logical reference by identity number: the patient must be known to the hub.
    const found = (await service.findByIdentifier('Patient', { system: logical.system!, value: logical.value }))[0];
    patient = found && asResource(JSON.parse(found.content), 'Patient');
  }
  if (patient) {
    pasientIdent = identifierOf(patient, [IdentifierSystem.FNR, IdentifierSystem.DNR]);
    birthDate = typeof patient.birthDate === 'string' ? patient.birthDate : undefined;
  }
  const patientRef = patient ? `Patient/${String(patient.id)}` : '';
  if (!subject) issues.push(issue('QuestionnaireResponse.subject', 'the patient (subject) is required'));
  else if (!pasientIdent) {
    issues.push(issue('QuestionnaireResponse.subject', patient
      ? 'the patient has no fødselsnummer or D-nummer identifier'
      : `the patient '${String(subject.reference ?? subject.identifier?.value ?? '').slice(0, 80)}' is not known to the hub`, patient ? 'required' : 'not-found'));
  }
  const parsed = pasientIdent ? parseIdent(pasientIdent) : undefined;
  if (pasientIdent && !parsed) issues.push(issue('QuestionnaireResponse.subject', 'the patient identity number is not a valid fødselsnummer or D-nummer', 'value'));
  const fodselsdato = (birthDate ?? parsed?.birthDate)?.slice(0, 10);

  const role: PractitionerRole | undefined = read[1]?.resourceType === 'PractitionerRole' ? asResource(read[1], 'PractitionerRole') : undefined;
  const practitioner = role ? await readReference(service, role.practitioner?.reference, 'Practitioner') : read[1] && asResource(read[1], 'Practitioner');
  const hpr = identifierOf(practitioner, [IdentifierSystem.HPR]) ?? (author?.identifier?.system === IdentifierSystem.HPR ? author.identifier.value : undefined);
  if (!author) issues.push(issue('QuestionnaireResponse.author', 'the sykmelder (author) is required'));
  else if (!practitioner && !hpr) issues.push(issue('QuestionnaireResponse.author', `the sykmelder '${String(author.reference ?? '').slice(0, 80)}' is not known to the hub`, 'not-found'));
  else if (!hpr) issues.push(issue('QuestionnaireResponse.author', 'the sykmelder has no HPR-number identifier'));

  if (issues.length > 0 || !pasientIdent || !fodselsdato) return { issues };
  // The hub's Practitioner with the HPR number (with qualifications), when the author did not lead to it.
  const registry = hpr ? (await service.findByIdentifier('Practitioner', { system: IdentifierSystem.HPR, value: hpr })).map((p) => asResource(JSON.parse(p.content), 'Practitioner')) : [];
  const practitioners = [...(practitioner ? [practitioner] : []), ...registry.filter((p) => p.id !== practitioner?.id)];
  const org = await readReference(service, role?.organization?.reference, 'Organization');
  return {
    issues,
    parties: {
      patientRef, pasientIdent, fodselsdato, hpr, practitioners,
      authorRef: author?.reference,
      behandlerNavn: nameOf(practitioner),
      legekontorOrgnr: identifierOf(org, [IdentifierSystem.ORGNR]),
    },
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
  const facts = mergeHpr(parties.practitioners, signatureDate);
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

function mergeHpr(practitioners: Practitioner[], signatureDate: string): ReturnType<typeof hprFacts> {
  const all = practitioners.map((p) => hprFacts(p, signatureDate));
  return {
    finnesIHpr: all.length > 0,
    suspendert: all.some((f) => f.suspendert),
    godkjenninger: all.flatMap((f) => f.godkjenninger),
  };
}
