/**
 * The access layer's questions to the store, each one statement compiled from the caller's
 * Visibility (compile.ts): may they see this resource, this version, this patient; which of these
 * patients may they write about; who is this doctor in the store.
 */
import { createHash } from 'node:crypto';
import type { DoctorResources, Visibility, VisibleDoctor } from '../../fhir/search/visibility.ts';
import type { Queryable } from '../database.ts';
import { SqlParams } from '../search/sql-params.ts';
import { allowedPatientSql, DOCTOR_RESOURCES_SQL, doctorAndPatientSql, registeredPatientSql, rowVisibleSql, versionVisibleSql } from './compile.ts';

/** The doctor's Practitioner and PractitionerRole ids (see DoctorResources). */
export async function lookUpDoctor(q: Queryable, doctor: VisibleDoctor): Promise<DoctorResources | undefined> {
  const res = await q.query<DoctorResources>(DOCTOR_RESOURCES_SQL, [doctor.system, doctor.hpr], { prepare: 'doctor-resources' });
  return res.rows[0];
}

/** Whether the current version of one resource is visible. */
export async function currentVisible(q: Queryable, v: Visibility, resourceType: string, id: string): Promise<boolean> {
  if (v.unrestricted) return true;
  const p = new SqlParams();
  const cond = rowVisibleSql(v, 'r', p, resourceType);
  const res = await q.query(`SELECT 1 FROM resource r WHERE r.resource_type = ${p.add(resourceType)} AND r.id = ${p.add(id)} AND ${cond}`, p.values);
  return res.rows.length > 0;
}

/**
 * Whether one stored version (or, without `versionId`, any version) of a resource is visible;
 * undefined when there is no such version.
 */
export async function versionVisible(q: Queryable, v: Visibility, resourceType: string, id: string, versionId?: number): Promise<boolean | undefined> {
  if (v.unrestricted) return true;
  const p = new SqlParams();
  const where = [`h.resource_type = ${p.add(resourceType)}`, `h.id = ${p.add(id)}`, ...(versionId === undefined ? [] : [`h.version_id = ${p.add(versionId)}`])];
  const visible = versionVisibleSql(v, 'h', p, resourceType);
  const res = await q.query<{ visible: boolean }>(`SELECT (${visible}) AS visible FROM resource_history h WHERE ${where.join(' AND ')} ORDER BY 1 DESC LIMIT 1`, p.values);
  return res.rows[0]?.visible;
}

/**
 * Whether one patient is in the visibility's patient set. A doctor not looked up yet gets their
 * resources with the answer (`doctor`), in the same statement. Planned once per connection: the
 * statement's text names it.
 */
export async function patientVisible(q: Queryable, v: Visibility, patientId: string): Promise<{ allowed: boolean; doctor?: DoctorResources }> {
  const p = new SqlParams();
  const combined = doctorAndPatientSql(v, patientId, p);
  const text = combined ?? `SELECT (${allowedPatientSql(v, `${p.add(patientId)}::text`, p)}) AS allowed`;
  const res = await q.query<DoctorResources & { allowed: boolean }>(text, p.values, { prepare: `patient-allowed-${createHash('sha256').update(text).digest('hex').slice(0, 16)}` });
  const row = res.rows[0];
  return { allowed: row?.allowed === true, ...(combined && row ? { doctor: { practitioners: row.practitioners, roles: row.roles } } : {}) };
}

/** Those of the patient ids the caller may write about: patients they may see, or registered themselves. */
export async function writablePatients(q: Queryable, v: Visibility, ids: string[]): Promise<string[]> {
  const p = new SqlParams();
  const list = p.add(ids);
  const res = await q.query<{ id: string }>(`SELECT x.id FROM unnest(${list}::text[]) AS x(id) WHERE ${allowedPatientSql(v, 'x.id', p)} OR ${registeredPatientSql(v, 'x.id', p)}`, p.values);
  return res.rows.map((r) => r.id);
}
