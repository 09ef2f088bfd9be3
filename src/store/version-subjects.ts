/**
 * Whom one version of a resource is about and who wrote it, from that version's own index rows: the
 * patients its compartment references name and the practitioners its authorship references name.
 * Stored with the version in `resource_history` (migration 010), so vread and history judge every
 * version by what it said, not by what the resource says now.
 */
import { NAMES_DOCTOR_PARAMS, patientCompartment, roleSubject } from '../fhir/compartment.ts';
import type { IndexRows } from '../fhir/search/index-rows.ts';

export interface VersionSubjects {
  /** Patients the version refers to through its type's compartment parameters. */
  patients: string[];
  /**
   * Practitioners named through a parameter that names a doctor (NAMES_DOCTOR_PARAMS: author,
   * requester, owner, recipient, sender), and PractitionerRoles so named as `PractitionerRole/<id>`.
   */
  authors: string[];
}

export function versionSubjects(resourceType: string, index: IndexRows): VersionSubjects {
  const compartment = new Set(patientCompartment().get(resourceType) ?? []);
  return {
    patients: targets(index, (r) => compartment.has(r.param) && r.targetType === 'Patient'),
    authors: [
      ...targets(index, (r) => NAMES_DOCTOR_PARAMS.includes(r.param) && r.targetType === 'Practitioner'),
      ...targets(index, (r) => NAMES_DOCTOR_PARAMS.includes(r.param) && r.targetType === 'PractitionerRole').map(roleSubject),
    ],
  };
}

function targets(index: IndexRows, keep: (row: IndexRows['reference'][number]) => boolean): string[] {
  return [...new Set(index.reference.filter((r) => keep(r) && r.targetId).map((r) => r.targetId!))];
}
