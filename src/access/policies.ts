/**
 * Need-to-know access as data: for each role, which resources it may read and write. A caller's
 * policy, token and identity make their Visibility (src/fhir/search/visibility.ts), plain data that
 * the store compiles into the condition on every row a query reads (src/store/access/compile.ts),
 * so paging, `_include`, `_revinclude`, history and transactions go through the same rule. No SQL
 * here: adding a role or a scope means adding data, and the store decides how to find it.
 */
import { IdentifierSystem } from '../domain/identity/index.ts';
import type { Principal, Role } from './principal.ts';
import { DIALOG, TASK_CODE_SYSTEM } from '../fhir/helsebro-codes.ts';
import type { OpenTaskKind, PatientSet, Visibility } from '../fhir/search/visibility.ts';
import { REQUEST_KINDS } from '../domain/dialog/kinds.ts';

/** Whose patient data a role sees. */
export type PatientScope =
  | 'all'
  /** the citizen's own (every Patient resource with their identity number) */
  | 'self'
  /** the doctor's GP list and the patient of the launch context */
  | 'gp-list-and-launch'
  /** patients of the NAV tasks caseworkers work on */
  | 'open-nav-tasks'
  | 'none';

export interface AccessPolicy {
  /** Shared directory types (not patient data): read or not. */
  directory: boolean;
  patients: PatientScope;
  /**
   * Also what names this user (a doctor): what they authored or requested, what is addressed to them
   * (a Task's owner, a CommunicationRequest's recipient) and what they sent (ADDRESSEE_PARAMS).
   */
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
  // A Binary is not patient data by type (no compartment), yet an answer's attachment is: it is read
  // through a system client, never by id from the directory.
  doctor: { directory: true, patients: 'gp-list-and-launch', authored: true, created: true, write: 'own-patients', hiddenTypes: ['Binary'] },
  // A sykmelding may hold content shielded from the patient: citizens read it through $patient-view.
  // The dialogue between NAV and the doctor (question, answer, attachments) may hold what the patient
  // should not see (tilbakeholdInnhold): the citizen sees the request Task only — what was asked
  // about them, when, by when and to whom — never its content.
  citizen: { directory: true, patients: 'self', authored: false, created: false, write: 'none', hiddenTypes: ['QuestionnaireResponse', 'CommunicationRequest', 'Communication', 'DocumentReference', 'Binary'] },
  // Employers see employer views of sykmeldinger sent to them (an operation), nothing else.
  employer: { directory: false, patients: 'none', authored: false, created: false, write: 'none' },
  caseworker: { directory: true, patients: 'open-nav-tasks', authored: false, created: false, write: 'none', requiresPurpose: true, hiddenTypes: ['Binary'] },
  // Systems are limited by their scopes and registration.
  system: { directory: true, patients: 'all', authored: false, created: false, write: 'any' },
  dev: { directory: true, patients: 'all', authored: false, created: false, write: 'any' },
};

/**
 * The NAV Tasks whose patients a caseworker works on: the manual assessment of a sykmelding until it
 * is decided, the transition to AAP until it is done, and NAV's dialogue requests to a doctor until cancelled — an answered request stays,
 * since reading and acting on the answer is NAV's work (its case closes outside the hub).
 */
const NAV_TASKS: OpenTaskKind[] = [
  { system: TASK_CODE_SYSTEM, codes: ['manuell-vurdering', 'aap-overgang'], closed: ['completed', 'cancelled'] },
  { system: DIALOG.KIND_SYSTEM, codes: Object.keys(REQUEST_KINDS), closed: ['cancelled'] },
];

/** The role's patients, for this principal. */
function patientSet(principal: Principal, scope: PatientScope): PatientSet {
  switch (scope) {
    case 'all':
      return { kind: 'all' };
    case 'self':
      return { kind: 'identity', value: principal.pid ?? '', systems: [IdentifierSystem.FNR, IdentifierSystem.DNR] };
    case 'gp-list-and-launch':
      return principal.patient ? { kind: 'gp-list', launchPatient: principal.patient } : { kind: 'gp-list' };
    case 'open-nav-tasks':
      return { kind: 'open-tasks', tasks: NAV_TASKS };
    case 'none':
      return { kind: 'none' };
  }
}

/**
 * Patient-level scopes only (an app launched for one patient): just that patient — and nothing the
 * user wrote or created about anyone else, since the token is for that patient alone.
 */
function launchedForOnePatient(principal: Principal, policy: AccessPolicy): boolean {
  const resources = principal.scopes.resources;
  return resources.length > 0 && resources.every((s) => s.context === 'patient') && principal.role !== 'citizen' && policy.patients !== 'none';
}

/** What this principal may see. */
export function visibilityFor(principal: Principal): Visibility {
  const policy = POLICIES[principal.role];
  const hiddenTypes = policy.hiddenTypes ?? [];
  // Named even where it grants no reads (a launched app): a doctor writes in their own name only,
  // checked against these resources (src/access/access-repository.ts).
  const doctor = principal.role === 'doctor' && principal.hpr ? { doctor: { system: IdentifierSystem.HPR, hpr: principal.hpr } } : {};
  if (launchedForOnePatient(principal, policy)) {
    return { unrestricted: false, directory: policy.directory, patients: principal.patient ? { kind: 'one', id: principal.patient } : { kind: 'none' }, ...doctor, authored: false, hiddenTypes };
  }
  if (policy.patients === 'all' && policy.directory) return { unrestricted: true, directory: true, patients: { kind: 'all' }, authored: false, hiddenTypes };
  return {
    unrestricted: false,
    directory: policy.directory,
    patients: patientSet(principal, policy.patients),
    ...doctor,
    authored: policy.authored && 'doctor' in doctor,
    ...(policy.created ? { createdBy: principal.sub } : {}),
    hiddenTypes,
  };
}
