/**
 * The EHR sandbox's directory (web/sandbox): which synthetic doctors there are, and for one doctor a
 * few patients of each kind a tester needs (their own GP list, another GP's patient, no GP, a child,
 * earlier sykmeldinger, protected address). An EHR knows its own patients from its own records; the
 * sandbox has no records, and the FHIR API rightly shows a doctor only their own patients, so this
 * small read-only endpoint looks them up with the server's own service instead:
 *   GET /sandbox/api/leger                      the GPs (HPR number, name, office) and the FHIR base
 *   GET /sandbox/api/leger/{hpr}/pasienter      patient categories for that doctor
 * Everything the sandbox then does (signing the doctor in, the Encounter, the launch) goes through
 * the public endpoints like any EHR. Served only with the builtin authorisation server outside
 * production (app.ts), where every person is synthetic.
 */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { EXT } from '../../fhir/helsebro-codes.ts';
import { parseSearch } from '../../fhir/search/parse.ts';
import { IdentifierSystem } from '../../domain/identity/index.ts';
import type { FhirService } from '../../service/fhir-service.ts';

export interface SandboxRoutesOptions {
  /** The server's own, unrestricted service (the sandbox's stand-in for an EHR's patient records). */
  service: FhirService;
  fhirBase: string;
  /** The reference date for "child" (under 13, the age the sick-leave rules ask about). */
  now: () => Date;
}

interface Named { name?: Array<{ given?: string[]; family?: string }> | string; identifier?: Array<{ system?: string; value?: string }> }
interface PatientJson extends Named { id: string; birthDate?: string; generalPractitioner?: Array<{ reference?: string }>; extension?: Array<{ url?: string; valueCode?: string }> }

export interface SandboxPatient { id: string; name: string; identityNumber: string; birthDate?: string; note?: string }
export interface SandboxCategory { key: string; label: string; description: string; patients: SandboxPatient[] }

const PER_CATEGORY = 3;
const GPS_LISTED = 12;

function nameOf(r: Named): string {
  if (typeof r.name === 'string') return r.name;
  const n = r.name?.[0];
  return [...(n?.given ?? []), n?.family].filter(Boolean).join(' ');
}
const identOf = (r: Named, system: string) => r.identifier?.find((i) => i.system === system)?.value;

async function search(service: FhirService, type: string, params: Array<[string, string]>, count: number): Promise<Array<Record<string, unknown> & { id: string }>> {
  const result = await service.search({ ...parseSearch(type, params), count, total: 'none' });
  return result.matches.map((m) => JSON.parse(m.content) as Record<string, unknown> & { id: string });
}

function sandboxPatient(p: PatientJson, note?: string): SandboxPatient {
  const identityNumber = identOf(p, IdentifierSystem.FNR) ?? identOf(p, IdentifierSystem.DNR) ?? '';
  return { id: p.id, name: nameOf(p), identityNumber, birthDate: p.birthDate, ...(note ? { note } : {}) };
}

function isChild(p: PatientJson, now: Date): boolean {
  if (!p.birthDate) return false;
  const thirteen = new Date(now);
  thirteen.setUTCFullYear(thirteen.getUTCFullYear() - 13);
  return p.birthDate > thirteen.toISOString().slice(0, 10);
}

const isProtected = (p: PatientJson) => (p.extension ?? []).some((e) => e.url === EXT.ADRESSEBESKYTTELSE);

export const sandboxRoutes = fp(registerSandboxRoutes, { name: 'helsebro-sandbox-routes', dependencies: ['helsebro-errors'], encapsulate: true });

async function registerSandboxRoutes(app: FastifyInstance, options: SandboxRoutesOptions): Promise<void> {
  const { service } = options;
  // Lists of people: never kept by a browser or a proxy.
  app.addHook('onSend', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
  });

  app.get('/sandbox/api/leger', async () => {
    const roles = await search(service, 'PractitionerRole', [], GPS_LISTED);
    const refs = roles.flatMap((r) => {
      const practitioner = (r.practitioner as { reference?: string } | undefined)?.reference;
      const organization = (r.organization as { reference?: string } | undefined)?.reference;
      return practitioner ? [{ practitioner, organization }] : [];
    });
    const split = (ref: string) => ({ resourceType: ref.split('/')[0], id: ref.split('/')[1] });
    const stored = await service.readMany([...refs.map((r) => split(r.practitioner)), ...refs.flatMap((r) => (r.organization ? [split(r.organization)] : []))]);
    const byRef = new Map(stored.map((s) => [`${s.resourceType}/${s.id}`, JSON.parse(s.content) as Named]));
    const leger = refs.flatMap(({ practitioner, organization }) => {
      const p = byRef.get(practitioner);
      const hpr = p && identOf(p, IdentifierSystem.HPR);
      if (!p || !hpr) return [];
      const office = organization ? byRef.get(organization) : undefined;
      return [{ hpr, name: nameOf(p), practitioner, office: office ? nameOf(office) : undefined }];
    });
    return { fhirBase: options.fhirBase, leger };
  });

  app.get<{ Params: { hpr: string } }>('/sandbox/api/leger/:hpr/pasienter', async (request, reply) => {
    const hpr = request.params.hpr;
    const [practitioner] = /^\d{1,12}$/.test(hpr) ? await search(service, 'Practitioner', [['identifier', `${IdentifierSystem.HPR}|${hpr}`]], 1) : [];
    if (!practitioner) return reply.code(404).send({ error: `Ingen lege med HPR-nummer ${hpr.slice(0, 12)}` });
    const me = `Practitioner/${practitioner.id}`;
    const now = options.now();
    const own = (await search(service, 'Patient', [['general-practitioner', me]], 1000)) as PatientJson[];
    // The first patients of the hub: enough to find someone without a GP and someone on another list.
    const others = ((await search(service, 'Patient', [], 400)) as PatientJson[]).filter((p) => !own.some((o) => o.id === p.id));
    const authored = await search(service, 'QuestionnaireResponse', [['author', me]], 50);
    const withSykmeldinger = [...new Set(authored.map((qr) => (qr.subject as { reference?: string } | undefined)?.reference).filter((r): r is string => !!r?.startsWith('Patient/')))];
    const sykmeldt = withSykmeldinger.length ? (await service.readMany(withSykmeldinger.slice(0, PER_CATEGORY).map((r) => ({ resourceType: 'Patient', id: r.slice(8) })))).map((s) => JSON.parse(s.content) as PatientJson) : [];
    const ordinary = own.filter((p) => !isChild(p, now) && !isProtected(p));
    const categories: SandboxCategory[] = [
      { key: 'egen-liste', label: 'På legens fastlegeliste', description: 'Voksne pasienter på denne legens liste.', patients: ordinary.slice(0, PER_CATEGORY).map((p) => sandboxPatient(p)) },
      { key: 'barn', label: 'Barn under 13 år', description: 'Barn på legens liste (sykmelding gis ikke til barn under 13).', patients: own.filter((p) => isChild(p, now)).slice(0, PER_CATEGORY).map((p) => sandboxPatient(p)) },
      { key: 'fortrolig-adresse', label: 'Fortrolig eller strengt fortrolig adresse', description: 'Adressen vises ikke for legen.', patients: own.filter(isProtected).slice(0, PER_CATEGORY).map((p) => sandboxPatient(p, p.extension?.find((e) => e.url === EXT.ADRESSEBESKYTTELSE)?.valueCode)) },
      { key: 'tidligere-sykmeldinger', label: 'Med tidligere sykmeldinger', description: 'Pasienter legen har skrevet sykmelding for.', patients: sykmeldt.map((p) => sandboxPatient(p)) },
      { key: 'annen-fastlege', label: 'En annen fastleges pasient', description: 'Helsebro kjenner ikke til noe behandlingsforhold: konsultasjonen og oppstarten avvises.', patients: others.filter((p) => (p.generalPractitioner ?? []).length > 0).slice(0, PER_CATEGORY).map((p) => sandboxPatient(p)) },
      { key: 'uten-fastlege', label: 'Uten fastlege', description: 'Pasienter som ikke står på noen fastlegeliste.', patients: others.filter((p) => (p.generalPractitioner ?? []).length === 0).slice(0, PER_CATEGORY).map((p) => sandboxPatient(p)) },
    ];
    return { lege: { hpr, name: nameOf(practitioner as Named), practitioner: me }, categories };
  });
}
