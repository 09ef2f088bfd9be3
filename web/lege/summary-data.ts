/**
 * What the summary screen reads, through the SMART client and the launch's token only (the same
 * FHIR API any third-party app uses): the patient, their GP and office, and their sykmeldinger with
 * the status Task beside each (docs/sykmelding.md: one Task per sykmelding, focus = the QR).
 */
import type Client from 'fhirclient/lib/Client';
import { nameOf, identityNumberOf, type HumanName, type Identifier, type Reference } from '../shared/fhir-text.ts';
import { currentSyketilfelle, tidligereSykmelding, type QrItem, type TaskInput } from './syketilfelle.ts';

export interface Sykmelding { id: string; authored?: string; status: string }
export interface Summary {
  name: string;
  identity?: { kind: string; value: string };
  birthDate?: string;
  fastlege?: string;
  legekontor?: string;
  sykmeldinger: Sykmelding[];
  /** The current syketilfelle: start, weeks so far, maksdato; absent when there is none. */
  syketilfelle?: { startdato: string; uker: number; maksdato: string; gjenstaendeDager: number };
}

/** Why the summary could not be shown, for the message to the doctor. */
/** `reason`: the server's own words, when it gave any (shown as a detail below the explanation). */
export type LoadFailure = { kind: 'no-patient' } | { kind: 'refused'; status: number; reason?: string } | { kind: 'error'; message: string };

export class SummaryError extends Error {
  constructor(readonly failure: LoadFailure) {
    super(failure.kind);
  }
}

interface PatientJson { name?: HumanName[]; identifier?: Identifier[]; birthDate?: string; generalPractitioner?: Reference[]; managingOrganization?: Reference }
interface BundleJson {
  entry?: Array<{ resource?: {
    resourceType: string; id: string; authored?: string; focus?: Reference; status?: string; item?: QrItem[]; input?: TaskInput[];
    businessStatus?: { text?: string; coding?: Array<{ code?: string; display?: string }> };
  } }>;
}

const statusOf = (e: unknown) => (e as { status?: number; statusCode?: number }).status ?? (e as { statusCode?: number }).statusCode;

/** A display name of what a reference points to; undefined when it cannot be read (not a reason to fail the screen). */
async function displayOf(client: Client, ref: Reference | undefined): Promise<string | undefined> {
  if (!ref?.reference) return ref?.display;
  try {
    const r = (await client.request(ref.reference)) as { name?: HumanName[] | string };
    return typeof r.name === 'string' ? r.name : nameOf(r.name);
  } catch {
    return ref.display;
  }
}

export async function loadSummary(client: Client): Promise<Summary> {
  const id = client.patient.id;
  if (!id) throw new SummaryError({ kind: 'no-patient' });
  let patient: PatientJson;
  try {
    patient = (await client.request(`Patient/${encodeURIComponent(id)}`)) as PatientJson;
  } catch (err) {
    const status = statusOf(err);
    // 403 and 404 mean the same to the doctor: the hub does not let them see this patient.
    if (status === 401 || status === 403 || status === 404) throw new SummaryError({ kind: 'refused', status });
    throw new SummaryError({ kind: 'error', message: err instanceof Error ? err.message : String(err) });
  }
  const gpRef = patient.generalPractitioner?.find((r) => r.reference?.startsWith('Practitioner/'));
  const [fastlege, legekontor, bundle] = await Promise.all([
    displayOf(client, gpRef),
    displayOf(client, patient.managingOrganization),
    client.request(`QuestionnaireResponse?subject=Patient/${encodeURIComponent(id)}&_revinclude=Task:focus&_count=50`) as Promise<BundleJson>,
  ]);
  const resources = (bundle.entry ?? []).flatMap((e) => (e.resource ? [e.resource] : []));
  const taskByQr = new Map(resources.filter((r) => r.resourceType === 'Task' && r.focus?.reference).map((t) => [t.focus!.reference!, t]));
  const qrs = resources.filter((r) => r.resourceType === 'QuestionnaireResponse');
  const sykmeldinger = qrs
    .map((r) => {
      const task = taskByQr.get(`QuestionnaireResponse/${r.id}`);
      const business = task?.businessStatus?.text ?? task?.businessStatus?.coding?.[0]?.display ?? task?.businessStatus?.coding?.[0]?.code;
      return { id: r.id, authored: r.authored, status: task ? business ?? task.status ?? 'ukjent' : 'uten status' };
    })
    .sort((a, b) => (b.authored ?? '').localeCompare(a.authored ?? ''));
  const identity = identityNumberOf(patient.identifier);
  // Only sykmeldinger with their status Task: without it the hub has not judged them, and the rules do not count them.
  const counted = qrs.flatMap((r) => {
    const task = taskByQr.get(`QuestionnaireResponse/${r.id}`);
    return task ? [tidligereSykmelding(r.id, r.item, task.input, task.businessStatus?.coding?.[0]?.code)] : [];
  });
  const today = new Date().toLocaleDateString('sv-SE');
  const current = identity && patient.birthDate ? currentSyketilfelle(counted, { ident: identity.value, fodselsdato: patient.birthDate }, today) : undefined;
  const syketilfelle = current && { startdato: current.startdato, uker: current.uker, maksdato: current.maksdato, gjenstaendeDager: current.gjenstaendeDager };
  return { name: nameOf(patient.name), identity, birthDate: patient.birthDate, fastlege, legekontor, sykmeldinger, ...(syketilfelle ? { syketilfelle } : {}) };
}
