/**
 * Need-to-know access as data: for each role, which resources it may read and write. The policy is
 * compiled into one SQL condition on a resource row (`AccessFilter`) that the store adds to every
 * search, include, read and history query, so paging, `_include`, `_revinclude`, history and
 * transactions go through the same rule.
 *
 * Patient data is what FHIR's Patient CompartmentDefinition puts in a patient's compartment (a
 * resource refers to the patient through one of the listed search parameters); other resource types
 * (practitioners, organisations, questionnaires, code systems…) form the shared directory.
 */
import { IdentifierSystem } from '../domain/identity/index.ts';
import type { Principal, Role } from '../auth/principal.ts';
import { TASK_CODE_SYSTEM } from '../fhir/helsebro-codes.ts';
import type { SqlParams } from '../store/search/sql-params.ts';
import { isCompartmentType, patientCompartment } from './compartment.ts';

/** Whose patient data a role sees. */
export type PatientScope =
  | 'all'
  /** the citizen's own (every Patient resource with their identity number) */
  | 'self'
  /** the doctor's GP list and the patient of the launch context */
  | 'gp-list-and-launch'
  /** patients of the NAV tasks caseworkers work on */
  | 'open-nav-tasks'
  /** only the launch context's patient (patient-level scopes) */
  | 'launch-only'
  | 'none';

export interface AccessPolicy {
  /** Shared directory types (not patient data): read or not. */
  directory: boolean;
  patients: PatientScope;
  /** Also what this user authored or requested (AUTHORSHIP_PARAMS pointing at their Practitioner). */
  authored: boolean;
  /**
   * Also what this user created themselves (recorded with the resource as its creator): a Patient
   * they registered, off their list; a resource they wrote and later deleted, with its history.
   * The resource alone, not what refers to it.
   */
  created: boolean;
  /** Direct FHIR writes (operations check their own rules). */
  write: 'any' | 'own-patients' | 'none';
  /** A purpose of use must be given. */
  requiresPurpose?: boolean;
  /** Types this role never reads directly (it uses an operation's view instead). */
  hiddenTypes?: string[];
}

export const POLICIES: Record<Role, AccessPolicy> = {
  doctor: { directory: true, patients: 'gp-list-and-launch', authored: true, created: true, write: 'own-patients' },
  // A sykmelding may hold content shielded from the patient: citizens read it through $patient-view.
  citizen: { directory: true, patients: 'self', authored: false, created: false, write: 'none', hiddenTypes: ['QuestionnaireResponse'] },
  // Employers see employer views of sykmeldinger sent to them (an operation), nothing else.
  employer: { directory: false, patients: 'none', authored: false, created: false, write: 'none' },
  caseworker: { directory: true, patients: 'open-nav-tasks', authored: false, created: false, write: 'none', requiresPurpose: true },
  // Systems are limited by their scopes and registration.
  system: { directory: true, patients: 'all', authored: false, created: false, write: 'any' },
  dev: { directory: true, patients: 'all', authored: false, created: false, write: 'any' },
};

/** A SQL condition on a resource row `alias` (columns resource_type, id). */
export interface AccessFilter {
  /**
   * The condition on row `alias`. When the caller knows the row's resource type (a search or read
   * of one type), pass it: the condition is then specialised to that type — a shorter statement
   * that plans in a fraction of the time and probes only that type's compartment parameters.
   */
  sql(alias: string, p: SqlParams, resourceType?: string): string;
  /**
   * The rule for one stored version, history row `alias` (columns resource_type, id, version_id,
   * patients, authors) of type `resourceType`: judged by whom that version was about and who wrote
   * it (src/access/version-subjects.ts), not by the resource's current version. vread and instance
   * history use it.
   */
  versionSql(alias: string, p: SqlParams, resourceType: string): string;
  /**
   * The version rule for a whole type at once: a statement selecting the (id, version_id) of the
   * versions of that type the caller may see, each once, found from their patients and what they
   * wrote (so it costs what they may see, not what the store holds) — or `'true'` / `'false'` when
   * the type is wholly visible or hidden. Type and system history use it.
   */
  visibleVersions(p: SqlParams, resourceType: string): string;
  /** True when nothing is filtered (system, dev). */
  unrestricted: boolean;
}

const MANUAL_TASK = 'manuell-vurdering';

/**
 * The search parameters that name who wrote a resource: `author` (QuestionnaireResponse,
 * DocumentReference, Composition…) and `requester` (a Task or request the doctor made, such as the
 * status Task of their sykmelding). A doctor sees what names them through one of these.
 */
export const AUTHORSHIP_PARAMS = ['author', 'requester'];

/**
 * Whether the patient with id `x` (a SQL expression) is one the principal may see. A predicate
 * probed per row through the index tables, never a list of all allowed patients: a GP list of
 * thousands costs nothing until a row refers to one of them. `doctor`: how the condition names the
 * doctor's id arrays (see DoctorIds).
 */
function patientAllowed(principal: Principal, scope: PatientScope, x: string, p: SqlParams, doctor: DoctorIds): string {
  switch (scope) {
    case 'all':
      return 'true';
    case 'self':
      // The citizen's own Patient resources are few: computed once per statement (an array), then
      // matched per row — the plan does not depend on the planner's row estimates.
      return `${x} = ANY(ARRAY(${ownPatientsSql(principal, p)}))`;
    case 'gp-list-and-launch': {
      const launch = principal.patient ? `${x} = ${p.add(principal.patient)} OR ` : '';
      return `(${launch}EXISTS (SELECT 1 FROM sp_reference g WHERE g.id = ${x} AND ${onGpListSql('g', doctor)}))`;
    }
    case 'open-nav-tasks':
      return `EXISTS (SELECT 1 FROM sp_reference tp WHERE tp.target_id = ${x} AND ${openNavTaskSql('tp', p)})`;
    case 'launch-only':
      return `${x} = ${p.add(principal.patient ?? '')}`;
    default:
      return 'false';
  }
}

/** The citizen's own Patient resources: every one carrying their fødselsnummer or D-nummer. */
function ownPatientsSql(principal: Principal, p: SqlParams): string {
  return `SELECT s.id FROM sp_token s WHERE s.resource_type = 'Patient' AND s.param = 'identifier'
        AND s.code = ${p.add(principal.pid ?? '')} AND s.system = ANY(${p.add([IdentifierSystem.FNR, IdentifierSystem.DNR])}::text[])`;
}

/** Reference row `g` is a Patient naming the doctor as fastlege, directly or through one of the doctor's fastlege roles. */
function onGpListSql(g: string, doctor: DoctorIds): string {
  return `${g}.resource_type = 'Patient' AND ${g}.param = 'general-practitioner'
        AND ((${g}.target_type = 'Practitioner' AND ${g}.target_id = ANY(${doctor.practitioners})) OR (${g}.target_type = 'PractitionerRole' AND ${g}.target_id = ANY(${doctor.roles})))`;
}

/** Reference row `tp` is a NAV manual-processing Task, not completed, pointing at a patient. */
function openNavTaskSql(tp: string, p: SqlParams): string {
  return `${tp}.target_type = 'Patient' AND ${tp}.resource_type = 'Task' AND ${tp}.param = 'patient'
        AND EXISTS (SELECT 1 FROM sp_token tc WHERE tc.id = ${tp}.id AND tc.resource_type = 'Task' AND tc.param = 'code'
          AND tc.code = ${p.add(MANUAL_TASK)} AND tc.system = ${p.add(TASK_CODE_SYSTEM)})
        AND NOT EXISTS (SELECT 1 FROM sp_token ts WHERE ts.id = ${tp}.id AND ts.resource_type = 'Task' AND ts.param = 'status' AND ts.code = 'completed')`;
}

/**
 * The ids of the patients the principal may see, as one statement: the set form of patientAllowed
 * (for 'all', which lists no patients, the caller matches every patient instead).
 */
function allowedPatientIdsSql(principal: Principal, scope: Exclude<PatientScope, 'all'>, p: SqlParams, doctor: DoctorIds): string {
  switch (scope) {
    case 'self':
      return ownPatientsSql(principal, p);
    case 'gp-list-and-launch': {
      const list = `SELECT g.id FROM sp_reference g WHERE ${onGpListSql('g', doctor)}`;
      return principal.patient ? `${list} UNION SELECT ${p.add(principal.patient)}::text` : list;
    }
    case 'open-nav-tasks':
      return `SELECT tp.target_id FROM sp_reference tp WHERE ${openNavTaskSql('tp', p)}`;
    case 'launch-only':
      return `SELECT ${p.add(principal.patient ?? '')}::text`;
    case 'none':
      return 'SELECT NULL::text WHERE false';
  }
}

/**
 * The hub's resources that stand for a doctor: every Practitioner carrying their HPR number and every
 * PractitionerRole of those. Looked up once per request (DOCTOR_RESOURCES_SQL, by the repository)
 * and then bound as arrays, so the access condition is a short statement that plans quickly. A
 * doctor's condition built without them grants nothing through the GP list or authorship.
 */
export interface DoctorResources {
  practitioners: string[];
  roles: string[];
}

/**
 * How a condition names the doctor's id arrays (SQL expressions of type text[]): bound values
 * looked up before (boundDoctorIds), computed inside the statement (inlineDoctorIds), or columns of
 * an earlier step. Parameters are added only when an expression is used, so a condition that does
 * not need them binds nothing unused.
 */
interface DoctorIds { readonly practitioners: string; readonly roles: string }

/** The doctor's Practitioner ids, from an HPR system and number (SQL expressions). */
function practitionerIdsSql(system: string, hpr: string): string {
  return `ARRAY(SELECT h.id FROM sp_token h WHERE h.resource_type = 'Practitioner' AND h.param = 'identifier' AND h.system = ${system} AND h.code = ${hpr})`;
}

/** The PractitionerRole ids of the Practitioners in `practitioners` (a text[] expression). */
function roleIdsSql(practitioners: string): string {
  return `ARRAY(SELECT pr.id FROM sp_reference pr WHERE pr.target_type = 'Practitioner' AND pr.target_id = ANY(${practitioners})
    AND pr.resource_type = 'PractitionerRole' AND pr.param = 'practitioner')`;
}

/** The select list computing DoctorResources from an HPR system and number (SQL expressions). */
function doctorResourcesColumns(system: string, hpr: string): string {
  const practitioners = practitionerIdsSql(system, hpr);
  return `${practitioners} AS practitioners, ${roleIdsSql(practitioners)} AS roles`;
}

/** Ids looked up before, bound as arrays; none when not looked up (a doctor without an HPR number). */
function boundDoctorIds(p: SqlParams, doctor?: DoctorResources): DoctorIds {
  return {
    get practitioners() { return `${p.add(doctor?.practitioners ?? [])}::text[]`; },
    get roles() { return `${p.add(doctor?.roles ?? [])}::text[]`; },
  };
}

/** Ids computed by the statement itself from the principal's HPR number (each use is evaluated once per execution). */
function inlineDoctorIds(principal: Principal, p: SqlParams): DoctorIds {
  const practitioners = () => practitionerIdsSql(p.add(IdentifierSystem.HPR), p.add(principal.hpr ?? ''));
  return {
    get practitioners() { return practitioners(); },
    get roles() { return roleIdsSql(practitioners()); },
  };
}

/** $1 = HPR identifier system, $2 = the doctor's HPR number. */
export const DOCTOR_RESOURCES_SQL = `SELECT ${doctorResourcesColumns('$1', '$2')}`;

/**
 * For a doctor whose patients are their GP list and launch patient: their DoctorResources and
 * whether one patient is among theirs, in one statement (a search pinned to that patient then
 * needs nothing more). Undefined for anyone else.
 */
export function doctorAndPatientSql(principal: Principal, patientId: string, p: SqlParams): string | undefined {
  if (!needsDoctorResources(principal) || scopeOf(principal, POLICIES[principal.role]) !== 'gp-list-and-launch') return undefined;
  const columns = doctorResourcesColumns(p.add(IdentifierSystem.HPR), p.add(principal.hpr));
  const allowed = patientAllowed(principal, 'gp-list-and-launch', `${p.add(patientId)}::text`, p, { practitioners: 'd.practitioners', roles: 'd.roles' });
  return `WITH d AS (SELECT ${columns}) SELECT d.practitioners, d.roles, (${allowed}) AS allowed FROM d`;
}

/** Patient-level scopes only (an app launched for one patient): just that patient. */
function scopeOf(principal: Principal, policy: AccessPolicy): PatientScope {
  const patientOnly = principal.scopes.resources.length > 0 && principal.scopes.resources.every((s) => s.context === 'patient');
  if (patientOnly && principal.role !== 'citizen' && policy.patients !== 'none') return principal.patient ? 'launch-only' : 'none';
  return policy.patients;
}

/** Whether the patient id expression `x` is one whose data the principal may see or write. */
export function allowedPatientSql(principal: Principal, x: string, p: SqlParams, doctor?: DoctorResources): string {
  return patientAllowed(principal, scopeOf(principal, POLICIES[principal.role]), x, p, boundDoctorIds(p, doctor));
}

/** Whether building this principal's condition needs their DoctorResources looked up first. */
export function needsDoctorResources(principal: Principal): boolean {
  return principal.role === 'doctor' && Boolean(principal.hpr);
}

/**
 * `doctor`: the doctor's resources (see DoctorResources), looked up by the caller when
 * needsDoctorResources says so — or `'inline'`, for a statement that computes them itself (one
 * round trip fewer; worth it where the statement is planned once and reused, see src/store/search/plan.ts).
 */
export function accessFilter(principal: Principal, doctor?: DoctorResources | 'inline'): AccessFilter {
  const policy = POLICIES[principal.role];
  const scope = scopeOf(principal, policy);
  if (scope === 'all' && policy.directory) return { unrestricted: true, sql: () => 'true', versionSql: () => 'true', visibleVersions: () => 'true' };
  const idsFor = (p: SqlParams): DoctorIds => (doctor === 'inline' ? inlineDoctorIds(principal, p) : boundDoctorIds(p, doctor));
  return {
    unrestricted: false,
    versionSql(h, p, resourceType) {
      if (policy.hiddenTypes?.includes(resourceType)) return 'false';
      return visibleOfType(principal, policy, scope, h, p, resourceType, idsFor(p), VERSION);
    },
    visibleVersions(p, resourceType) {
      if (policy.hiddenTypes?.includes(resourceType)) return 'false';
      return visibleVersionsOfType(principal, policy, scope, p, resourceType, idsFor(p));
    },
    sql(r, p, resourceType) {
      if (resourceType && policy.hiddenTypes?.includes(resourceType)) return 'false';
      const ids = idsFor(p);
      const visible = resourceType ? visibleOfType(principal, policy, scope, r, p, resourceType, ids) : visibleOfAnyType(principal, policy, scope, r, p, ids);
      if (resourceType || !policy.hiddenTypes?.length) return visible;
      return `(${r}.resource_type <> ALL(${p.add(policy.hiddenTypes)}::text[]) AND ${visible})`;
    },
  };
}

/**
 * Whether, for this principal, a row of this type that refers (through one of the type's compartment
 * parameters) to a patient they may see is visible for that reason alone — the first branch of
 * visibleOfType. A search pinned to such a patient then needs no per-row condition (access-repository.ts).
 */
export function compartmentReferenceSuffices(principal: Principal, resourceType: string): boolean {
  const policy = POLICIES[principal.role];
  if (policy.hiddenTypes?.includes(resourceType) || !patientCompartment().get(resourceType)) return false;
  const scope = scopeOf(principal, policy);
  return scope !== 'none' && scope !== 'all';
}

/**
 * Whether what the user wrote (`authored`) and created (`created`) is theirs to see under this
 * scope: not with patient-level scopes, whose token is for one patient only (an app launched for
 * that patient sees nothing the doctor wrote about anyone else).
 */
function ownWork(principal: Principal, policy: AccessPolicy, scope: PatientScope): { authored: boolean; created: boolean } {
  const whole = scope !== 'launch-only';
  return { authored: whole && policy.authored && Boolean(principal.hpr), created: whole && policy.created };
}

/** Row `r` of unknown type: directory, patient, compartment member or authored — decided in SQL. */
function visibleOfAnyType(principal: Principal, policy: AccessPolicy, scope: PatientScope, r: string, p: SqlParams, doctor: DoctorIds): string {
  const ors: string[] = [];
  if (policy.directory) ors.push(`NOT EXISTS (SELECT 1 FROM compartment_param cp WHERE cp.resource_type = ${r}.resource_type)`);
  if (scope !== 'none') {
    ors.push(`(${r}.resource_type = 'Patient' AND ${patientAllowed(principal, scope, `${r}.id`, p, doctor)})`);
    ors.push(`EXISTS (SELECT 1 FROM sp_reference ca JOIN compartment_param cp ON cp.resource_type = ca.resource_type AND cp.param = ca.param
      WHERE ca.id = ${r}.id AND ca.resource_type = ${r}.resource_type AND ca.target_type = 'Patient' AND ${patientAllowed(principal, scope, 'ca.target_id', p, doctor)})`);
  }
  const own = ownWork(principal, policy, scope);
  if (own.authored) ors.push(authoredSql(r, p, doctor));
  if (own.created) {
    const foreign = `EXISTS (SELECT 1 FROM sp_reference cf JOIN compartment_param cp ON cp.resource_type = cf.resource_type AND cp.param = cf.param
      WHERE cf.id = ${r}.id AND cf.resource_type = ${r}.resource_type AND cf.target_type = 'Patient' AND NOT ${patientAllowed(principal, scope, 'cf.target_id', p, doctor)})`;
    ors.push(`(${createdSql(r, `${r}.resource_type`, principal, p)} AND NOT ${foreign})`);
  }
  return ors.length ? `(${ors.join('\n    OR ')})` : 'false';
}

/**
 * Where a row's patients and authors are read from: the current version's index rows (a resource
 * row), or the version's own `patients` and `authors` columns (a history row, see
 * src/access/version-subjects.ts) — so an old version about another patient stays hidden after the
 * resource moved, and a new one after it moved away.
 */
interface RowSubjects {
  /** Row `r` (of type `params`' type) refers to a patient for whom `allowed(x)` holds. */
  refersTo(r: string, p: SqlParams, params: string[], allowed: (x: string) => string): string;
  authoredBy(r: string, p: SqlParams, doctor: DoctorIds): string;
}

const CURRENT: RowSubjects = {
  refersTo: (r, p, params, allowed) => `EXISTS (SELECT 1 FROM sp_reference ca WHERE ca.id = ${r}.id AND ca.resource_type = ${r}.resource_type AND ca.param = ANY(${p.add(params)}::text[])
      AND ca.target_type = 'Patient' AND ${allowed('ca.target_id')})`,
  authoredBy: authoredSql,
};

const VERSION: RowSubjects = {
  refersTo: (h, _p, _params, allowed) => `EXISTS (SELECT 1 FROM unnest(${h}.patients) AS vp(id) WHERE ${allowed('vp.id')})`,
  authoredBy: (h, _p, doctor) => `${h}.authors && ${doctor.practitioners}`,
};

/**
 * Row `r` of a known type: only the branches that can hold for that type are emitted. A Patient
 * version is its patient's, as the current row is; what the caller created is theirs with its whole
 * history.
 */
function visibleOfType(principal: Principal, policy: AccessPolicy, scope: PatientScope, r: string, p: SqlParams, type: string, doctor: DoctorIds, subjects = CURRENT): string {
  const params = patientCompartment().get(type);
  if (!params) return policy.directory ? 'true' : 'false';
  const ors: string[] = [];
  if (scope !== 'none') {
    const allowed = (x: string) => patientAllowed(principal, scope, x, p, doctor);
    if (type === 'Patient') ors.push(allowed(`${r}.id`));
    ors.push(subjects.refersTo(r, p, params, allowed));
  }
  const own = ownWork(principal, policy, scope);
  if (own.authored) ors.push(subjects.authoredBy(r, p, doctor));
  // What they created, unless it (this version) is about a patient they may not see: a resource
  // someone else moved to another patient is that patient's.
  if (own.created) ors.push(`(${createdSql(r, p.add(type), principal, p)} AND NOT ${subjects.refersTo(r, p, params, (x) => `NOT ${patientAllowed(principal, scope, x, p, doctor)}`)})`);
  return ors.length ? `(${ors.join('\n    OR ')})` : 'false';
}

/**
 * The set form of visibleOfType for history rows (VERSION): the (id, version_id) of the versions
 * of `type` the principal may see, found from their patients (the GIN index on `patients`, probed
 * once per patient), what they wrote (on `authors`) and what they created, each once.
 */
function visibleVersionsOfType(principal: Principal, policy: AccessPolicy, scope: PatientScope, p: SqlParams, type: string, doctor: DoctorIds): string {
  const params = patientCompartment().get(type);
  if (!params) return policy.directory ? 'true' : 'false';
  const t = p.add(type);
  const ofType = (alias: string) => `${alias}.resource_type = ${t}`;
  const parts: string[] = [];
  if (scope !== 'none') {
    // Every patient for 'all' (no list to match), otherwise the principal's.
    const patients = scope === 'all' ? undefined : allowedPatientIdsSql(principal, scope, p, doctor);
    if (type === 'Patient') parts.push(`SELECT v.id, v.version_id FROM resource_history v WHERE ${ofType('v')}${patients ? ` AND v.id IN (${patients})` : ''}`);
    // One index probe per patient (`@>` one id), then the type: an overlap (`&&`) with a whole GP
    // list tests every candidate version against every patient on it, and a join may be planned as
    // that too when the list is underestimated, or combine the probe with the type's whole history —
    // so the probe is a LATERAL subquery kept apart (OFFSET 0), run per patient.
    parts.push(patients
      ? `SELECT v.id, v.version_id FROM (${patients}) AS ap(id), LATERAL (SELECT v.resource_type, v.id, v.version_id FROM resource_history v WHERE v.patients @> ARRAY[ap.id] OFFSET 0) v WHERE ${ofType('v')}`
      : `SELECT v.id, v.version_id FROM resource_history v WHERE ${ofType('v')} AND cardinality(v.patients) > 0`);
  }
  const own = ownWork(principal, policy, scope);
  if (own.authored) parts.push(`SELECT v.id, v.version_id FROM resource_history v WHERE ${ofType('v')} AND v.authors && ${doctor.practitioners}`);
  if (own.created) {
    parts.push(`SELECT v.id, v.version_id FROM resource cb JOIN resource_history v ON v.resource_type = cb.resource_type AND v.id = cb.id
      WHERE cb.created_by = ${p.add(principal.sub)} AND ${ofType('cb')}
        AND NOT EXISTS (SELECT 1 FROM unnest(v.patients) AS vf(id) WHERE NOT ${patientAllowed(principal, scope, 'vf.id', p, doctor)})`);
  }
  if (parts.length === 0) return 'false';
  // UNION removes repeats between parts; a part alone is made distinct itself.
  return parts.length > 1 ? parts.join('\n  UNION ') : `SELECT DISTINCT x.id, x.version_id FROM (${parts[0]}) x`;
}

/**
 * What the doctor wrote: an authorship reference (AUTHORSHIP_PARAMS) to one of their Practitioner resources, probed per row
 * through the owner index (an IN-subquery would be hashed over every reference to the practitioner —
 * their whole GP list).
 */
function authoredSql(r: string, p: SqlParams, doctor: DoctorIds): string {
  return `EXISTS (SELECT 1 FROM sp_reference au WHERE au.id = ${r}.id AND au.resource_type = ${r}.resource_type
      AND au.param = ANY(${p.add(AUTHORSHIP_PARAMS)}::text[]) AND au.target_type = 'Practitioner' AND au.target_id = ANY(${doctor.practitioners}))`;
}

/** What the caller created: row `r` (of type `type`, a SQL expression) carries them as its creator. Deleted resources keep it. */
function createdSql(r: string, type: string, principal: Principal, p: SqlParams): string {
  return `EXISTS (SELECT 1 FROM resource cb WHERE cb.resource_type = ${type} AND cb.id = ${r}.id AND cb.created_by = ${p.add(principal.sub)})`;
}

/**
 * A current Patient (its id the SQL expression `id`) the caller registered: for roles with the
 * `created` policy, writes about such a patient are theirs to make (the same relationship grants
 * them a launch for the patient, src/service/launch-context.ts); reads of others' data about the
 * patient still need the launch.
 */
export function registeredPatientSql(principal: Principal, id: string, p: SqlParams): string {
  const policy = POLICIES[principal.role];
  if (!ownWork(principal, policy, scopeOf(principal, policy)).created) return 'false';
  return `EXISTS (SELECT 1 FROM resource rp WHERE rp.resource_type = 'Patient' AND rp.id = ${id} AND NOT rp.deleted AND rp.created_by = ${p.add(principal.sub)})`;
}

/** Whether a resource type is patient data (in the Patient compartment) rather than directory data. */
export function isPatientData(resourceType: string): boolean {
  return isCompartmentType(resourceType);
}
