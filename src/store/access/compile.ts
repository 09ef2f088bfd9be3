/**
 * A caller's Visibility (src/fhir/search/visibility.ts, built by src/access/policies.ts) compiled
 * into SQL conditions on resource rows and history rows. The store adds the condition to every
 * search, include, chain, read and history query, so paging, `_include`, `_revinclude`, history
 * and transactions go through the same rule.
 *
 * Patient data is what FHIR's Patient CompartmentDefinition puts in a patient's compartment (a
 * resource refers to the patient through one of the listed search parameters); other resource types
 * (practitioners, organisations, questionnaires, code systems…) form the shared directory.
 */
import { NAMES_DOCTOR_PARAMS, patientCompartment } from '../../fhir/compartment.ts';
import type { HiddenElements, OpenTaskKind, PatientSet, Visibility } from '../../fhir/search/visibility.ts';
import type { SqlParams } from '../search/sql-params.ts';

/**
 * Whether the patient with id `x` (a SQL expression) is in the set. A predicate probed per row
 * through the index tables, never a list of all allowed patients: a GP list of thousands costs
 * nothing until a row refers to one of them. `doctor`: how the condition names the doctor's id
 * arrays (see DoctorIds).
 */
function patientAllowed(set: PatientSet, x: string, p: SqlParams, doctor: DoctorIds): string {
  switch (set.kind) {
    case 'all':
      return 'true';
    case 'identity':
      // The citizen's own Patient resources are few: computed once per statement (an array), then
      // matched per row — the plan does not depend on the planner's row estimates.
      return `${x} = ANY(ARRAY(${identityPatientsSql(set, p)}))`;
    case 'gp-list': {
      const launch = set.launchPatient ? `${x} = ${p.add(set.launchPatient)} OR ` : '';
      return `(${launch}EXISTS (SELECT 1 FROM sp_reference g WHERE g.id = ${x} AND ${onGpListSql('g', doctor)}))`;
    }
    case 'open-tasks':
      return `EXISTS (SELECT 1 FROM sp_reference tp WHERE tp.target_id = ${x} AND ${openTaskSql('tp', set.tasks, p)})`;
    case 'one':
      return `${x} = ${p.add(set.id)}`;
    case 'none':
      return 'false';
  }
}

/** The Patient resources carrying the identity number. */
function identityPatientsSql(set: Extract<PatientSet, { kind: 'identity' }>, p: SqlParams): string {
  return `SELECT s.id FROM sp_token s WHERE s.resource_type = 'Patient' AND s.param = 'identifier'
        AND s.code = ${p.add(set.value)} AND s.system = ANY(${p.add(set.systems)}::text[])`;
}

/** Reference row `g` is a Patient naming the doctor as fastlege, directly or through one of the doctor's fastlege roles. */
function onGpListSql(g: string, doctor: DoctorIds): string {
  return `${g}.resource_type = 'Patient' AND ${g}.param = 'general-practitioner'
        AND ((${g}.target_type = 'Practitioner' AND ${g}.target_id = ANY(${doctor.practitioners})) OR (${g}.target_type = 'PractitionerRole' AND ${g}.target_id = ANY(${doctor.roles})))`;
}

/** Reference row `tp` is a Task of one of these kinds, not closed, pointing at a patient. */
function openTaskSql(tp: string, kinds: OpenTaskKind[], p: SqlParams): string {
  const open = kinds.map((k) => `(EXISTS (SELECT 1 FROM sp_token tc WHERE tc.id = ${tp}.id AND tc.resource_type = 'Task' AND tc.param = 'code'
          AND tc.code = ANY(${p.add(k.codes)}::text[]) AND tc.system = ${p.add(k.system)})
        AND NOT EXISTS (SELECT 1 FROM sp_token ts WHERE ts.id = ${tp}.id AND ts.resource_type = 'Task' AND ts.param = 'status' AND ts.code = ANY(${p.add(k.closed)}::text[])))`);
  return `${tp}.target_type = 'Patient' AND ${tp}.resource_type = 'Task' AND ${tp}.param = 'patient'
        AND (${open.length ? open.join(' OR ') : 'false'})`;
}

/**
 * The ids of the patients in the set, as one statement: the set form of patientAllowed (for
 * 'all', which lists no patients, the caller matches every patient instead).
 */
function patientIdsSql(set: Exclude<PatientSet, { kind: 'all' }>, p: SqlParams, doctor: DoctorIds): string {
  switch (set.kind) {
    case 'identity':
      return identityPatientsSql(set, p);
    case 'gp-list': {
      const list = `SELECT g.id FROM sp_reference g WHERE ${onGpListSql('g', doctor)}`;
      return set.launchPatient ? `${list} UNION SELECT ${p.add(set.launchPatient)}::text` : list;
    }
    case 'open-tasks':
      return `SELECT tp.target_id FROM sp_reference tp WHERE ${openTaskSql('tp', set.tasks, p)}`;
    case 'one':
      return `SELECT ${p.add(set.id)}::text`;
    case 'none':
      return 'SELECT NULL::text WHERE false';
  }
}

/**
 * How a condition names the doctor's id arrays (SQL expressions of type text[]): bound values
 * looked up before, computed inside the statement from the HPR number, or columns of an earlier
 * step. Parameters are added only when an expression is used, so a condition that does not need
 * them binds nothing unused.
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

/**
 * The doctor's ids as the visibility has them: bound when looked up, computed by the statement
 * itself when not (each use is evaluated once per execution), empty when there is no doctor.
 */
function doctorIds(v: Visibility, p: SqlParams): DoctorIds {
  const doctor = v.doctor;
  if (doctor && !doctor.resources) {
    const practitioners = () => practitionerIdsSql(p.add(doctor.system), p.add(doctor.hpr));
    return {
      get practitioners() { return practitioners(); },
      get roles() { return roleIdsSql(practitioners()); },
    };
  }
  return {
    get practitioners() { return `${p.add(doctor?.resources?.practitioners ?? [])}::text[]`; },
    get roles() { return `${p.add(doctor?.resources?.roles ?? [])}::text[]`; },
  };
}

/** $1 = HPR identifier system, $2 = the doctor's HPR number. */
export const DOCTOR_RESOURCES_SQL = `SELECT ${doctorResourcesColumns('$1', '$2')}`;

/**
 * For a doctor not looked up yet whose patients are their GP list: their DoctorResources and
 * whether one patient is among theirs, in one statement (a search pinned to that patient then needs
 * nothing more). Undefined for anyone else.
 */
export function doctorAndPatientSql(v: Visibility, patientId: string, p: SqlParams): string | undefined {
  if (!v.doctor || v.doctor.resources || v.patients.kind !== 'gp-list') return undefined;
  const columns = doctorResourcesColumns(p.add(v.doctor.system), p.add(v.doctor.hpr));
  const allowed = patientAllowed(v.patients, `${p.add(patientId)}::text`, p, { practitioners: 'd.practitioners', roles: 'd.roles' });
  return `WITH d AS (SELECT ${columns}) SELECT d.practitioners, d.roles, (${allowed}) AS allowed FROM d`;
}

/** Whether the patient id expression `x` is one whose data the caller may see or write. */
export function allowedPatientSql(v: Visibility, x: string, p: SqlParams): string {
  return patientAllowed(v.patients, x, p, doctorIds(v, p));
}

/**
 * The condition on resource row `alias` (columns resource_type, id). When the caller knows the
 * row's resource type (a search or read of one type), pass it: the condition is then specialised
 * to that type — a shorter statement that plans in a fraction of the time and probes only that
 * type's compartment parameters.
 */
export function rowVisibleSql(v: Visibility, r: string, p: SqlParams, resourceType?: string): string {
  if (v.unrestricted) return 'true';
  if (resourceType && v.hiddenTypes.includes(resourceType)) return 'false';
  const ids = doctorIds(v, p);
  const visible = resourceType ? visibleOfType(v, r, p, resourceType, ids) : visibleOfAnyType(v, r, p, ids);
  if (resourceType || !v.hiddenTypes.length) return visible;
  return `(${r}.resource_type <> ALL(${p.add(v.hiddenTypes)}::text[]) AND ${visible})`;
}

/**
 * The rule for one stored version, history row `alias` (columns resource_type, id, version_id,
 * patients, authors) of type `resourceType`: judged by whom that version was about and who wrote
 * it (src/store/version-subjects.ts), not by the resource's current version. vread and instance
 * history use it.
 */
export function versionVisibleSql(v: Visibility, h: string, p: SqlParams, resourceType: string): string {
  if (v.unrestricted) return 'true';
  if (v.hiddenTypes.includes(resourceType)) return 'false';
  return visibleOfType(v, h, p, resourceType, doctorIds(v, p), VERSION);
}

/**
 * The version rule for a whole type at once: a statement selecting the (id, version_id) of the
 * versions of that type the caller may see, each once, found from their patients and what they
 * wrote (so it costs what they may see, not what the store holds) — or `'true'` / `'false'` when
 * the type is wholly visible or hidden. Type and system history use it.
 */
export function visibleVersionsSql(v: Visibility, p: SqlParams, resourceType: string): string {
  if (v.unrestricted) return 'true';
  if (v.hiddenTypes.includes(resourceType)) return 'false';
  return visibleVersionsOfType(v, p, resourceType, doctorIds(v, p));
}

/**
 * Whether a row of this type that refers (through one of the type's compartment parameters) to a
 * patient in the set is visible for that reason alone — the first branch of visibleOfType. A search
 * pinned to such a patient then needs no per-row condition (src/access/access-repository.ts).
 */
export function patientReferenceSuffices(v: Visibility, resourceType: string): boolean {
  if (v.hiddenTypes.includes(resourceType) || !patientCompartment().get(resourceType)) return false;
  return v.patients.kind !== 'none' && v.patients.kind !== 'all';
}

/** Row `r` of unknown type: directory, patient, compartment member or authored — decided in SQL. */
function visibleOfAnyType(v: Visibility, r: string, p: SqlParams, doctor: DoctorIds): string {
  const ors: string[] = [];
  const set = v.patients;
  if (v.directory) ors.push(`NOT EXISTS (SELECT 1 FROM compartment_param cp WHERE cp.resource_type = ${r}.resource_type)`);
  if (set.kind !== 'none') {
    ors.push(`(${r}.resource_type = 'Patient' AND ${patientAllowed(set, `${r}.id`, p, doctor)})`);
    ors.push(`EXISTS (SELECT 1 FROM sp_reference ca JOIN compartment_param cp ON cp.resource_type = ca.resource_type AND cp.param = ca.param
      WHERE ca.id = ${r}.id AND ca.resource_type = ${r}.resource_type AND ca.target_type = 'Patient' AND ${patientAllowed(set, 'ca.target_id', p, doctor)})`);
  }
  if (v.authored) ors.push(authoredSql(r, p, doctor));
  if (v.createdBy !== undefined) {
    const foreign = `EXISTS (SELECT 1 FROM sp_reference cf JOIN compartment_param cp ON cp.resource_type = cf.resource_type AND cp.param = cf.param
      WHERE cf.id = ${r}.id AND cf.resource_type = ${r}.resource_type AND cf.target_type = 'Patient' AND NOT ${patientAllowed(set, 'cf.target_id', p, doctor)})`;
    ors.push(`(${createdSql(r, `${r}.resource_type`, v.createdBy, p)} AND NOT ${foreign})`);
  }
  return ors.length ? `(${ors.join('\n    OR ')})` : 'false';
}

/**
 * Where a row's patients and authors are read from: the current version's index rows (a resource
 * row), or the version's own `patients` and `authors` columns (a history row, see
 * src/store/version-subjects.ts) — so an old version about another patient stays hidden after the
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
  authoredBy: (h, _p, doctor) => `${h}.authors && ${versionNamesSql(doctor)}`,
};

/**
 * Row `r` of a known type: only the branches that can hold for that type are emitted. A Patient
 * version is its patient's, as the current row is; what the caller created is theirs with its whole
 * history.
 */
function visibleOfType(v: Visibility, r: string, p: SqlParams, type: string, doctor: DoctorIds, subjects = CURRENT): string {
  const params = patientCompartment().get(type);
  if (!params) return v.directory ? 'true' : 'false';
  const ors: string[] = [];
  const set = v.patients;
  if (set.kind !== 'none') {
    const allowed = (x: string) => patientAllowed(set, x, p, doctor);
    if (type === 'Patient') ors.push(allowed(`${r}.id`));
    ors.push(subjects.refersTo(r, p, params, allowed));
  }
  if (v.authored) ors.push(subjects.authoredBy(r, p, doctor));
  // What they created, unless it (this version) is about a patient they may not see: a resource
  // someone else moved to another patient is that patient's.
  if (v.createdBy !== undefined) ors.push(`(${createdSql(r, p.add(type), v.createdBy, p)} AND NOT ${subjects.refersTo(r, p, params, (x) => `NOT ${patientAllowed(set, x, p, doctor)}`)})`);
  return ors.length ? `(${ors.join('\n    OR ')})` : 'false';
}

/**
 * The set form of visibleOfType for history rows (VERSION): the (id, version_id) of the versions
 * of `type` the caller may see, found from their patients (the GIN index on `patients`, probed
 * once per patient), what they wrote (on `authors`) and what they created, each once.
 */
function visibleVersionsOfType(v: Visibility, p: SqlParams, type: string, doctor: DoctorIds): string {
  const params = patientCompartment().get(type);
  if (!params) return v.directory ? 'true' : 'false';
  // Nothing of this type can be theirs: answered before binding anything the statement would not use.
  if (v.patients.kind === 'none' && !v.authored && v.createdBy === undefined) return 'false';
  const t = p.add(type);
  const ofType = (alias: string) => `${alias}.resource_type = ${t}`;
  const parts: string[] = [];
  const set = v.patients;
  if (set.kind !== 'none') {
    // Every patient for 'all' (no list to match), otherwise the caller's.
    const patients = set.kind === 'all' ? undefined : patientIdsSql(set, p, doctor);
    if (type === 'Patient') parts.push(`SELECT v.id, v.version_id FROM resource_history v WHERE ${ofType('v')}${patients ? ` AND v.id IN (${patients})` : ''}`);
    // One index probe per patient (`@>` one id), then the type: an overlap (`&&`) with a whole GP
    // list tests every candidate version against every patient on it, and a join may be planned as
    // that too when the list is underestimated, or combine the probe with the type's whole history —
    // so the probe is a LATERAL subquery kept apart (OFFSET 0), run per patient.
    parts.push(patients
      ? `SELECT v.id, v.version_id FROM (${patients}) AS ap(id), LATERAL (SELECT v.resource_type, v.id, v.version_id FROM resource_history v WHERE v.patients @> ARRAY[ap.id] OFFSET 0) v WHERE ${ofType('v')}`
      : `SELECT v.id, v.version_id FROM resource_history v WHERE ${ofType('v')} AND cardinality(v.patients) > 0`);
  }
  if (v.authored) parts.push(`SELECT v.id, v.version_id FROM resource_history v WHERE ${ofType('v')} AND v.authors && ${versionNamesSql(doctor)}`);
  if (v.createdBy !== undefined) {
    parts.push(`SELECT v.id, v.version_id FROM resource cb JOIN resource_history v ON v.resource_type = cb.resource_type AND v.id = cb.id
      WHERE cb.created_by = ${p.add(v.createdBy)} AND ${ofType('cb')}
        AND NOT EXISTS (SELECT 1 FROM unnest(v.patients) AS vf(id) WHERE NOT ${patientAllowed(set, 'vf.id', p, doctor)})`);
  }
  if (parts.length === 0) return 'false';
  // UNION removes repeats between parts; a part alone is made distinct itself.
  return parts.length > 1 ? parts.join('\n  UNION ') : `SELECT DISTINCT x.id, x.version_id FROM (${parts[0]}) x`;
}

/**
 * What names the doctor: a reference through NAMES_DOCTOR_PARAMS (what they wrote or requested,
 * what is addressed to them or sent by them) to one of their Practitioner or PractitionerRole
 * resources, probed per row through the owner index (an IN-subquery would be hashed over every
 * reference to the practitioner — their whole GP list).
 */
function authoredSql(r: string, p: SqlParams, doctor: DoctorIds): string {
  return `EXISTS (SELECT 1 FROM sp_reference au WHERE au.id = ${r}.id AND au.resource_type = ${r}.resource_type
      AND au.param = ANY(${p.add(NAMES_DOCTOR_PARAMS)}::text[])
      AND ((au.target_type = 'Practitioner' AND au.target_id = ANY(${doctor.practitioners})) OR (au.target_type = 'PractitionerRole' AND au.target_id = ANY(${doctor.roles}))))`;
}

/** The doctor's resources as a version's `authors` column records them (version-subjects.ts: roles with their type). */
function versionNamesSql(doctor: DoctorIds): string {
  return `(${doctor.practitioners} || ARRAY(SELECT 'PractitionerRole/' || vr.id FROM unnest(${doctor.roles}) AS vr(id)))`;
}

/** What the user created: row `r` (of type `type`, a SQL expression) carries them as its creator. Deleted resources keep it. */
function createdSql(r: string, type: string, createdBy: string, p: SqlParams): string {
  return `EXISTS (SELECT 1 FROM resource cb WHERE cb.resource_type = ${type} AND cb.id = ${r}.id AND cb.created_by = ${p.add(createdBy)})`;
}

/**
 * A current Patient (its id the SQL expression `id`) the caller registered: for a visibility that
 * includes what the user created, writes about such a patient are theirs to make (the same
 * relationship grants them a launch for the patient, src/service/launch-context.ts); reads of
 * others' data about the patient still need the launch.
 */
export function registeredPatientSql(v: Visibility, id: string, p: SqlParams): string {
  if (v.createdBy === undefined) return 'false';
  return `EXISTS (SELECT 1 FROM resource rp WHERE rp.resource_type = 'Patient' AND rp.id = ${id} AND NOT rp.deleted AND rp.created_by = ${p.add(v.createdBy)})`;
}

/**
 * Index row `a` (columns resource_type, id, param) holds an element hidden from the caller: a
 * hidden parameter on a resource whose stored content carries the marker (the same test the
 * redaction of the served content makes).
 */
export function hiddenRowSql(hidden: HiddenElements, a: string, p: SqlParams): string {
  const type = p.add(hidden.resourceType);
  return `(${a}.resource_type = ${type} AND ${a}.param = ANY(${p.add(hidden.params)}::text[])
    AND EXISTS (SELECT 1 FROM resource protected_row WHERE protected_row.resource_type = ${type} AND protected_row.id = ${a}.id
      AND strpos(protected_row.content, ${p.add(hidden.marker)}) > 0))`;
}
