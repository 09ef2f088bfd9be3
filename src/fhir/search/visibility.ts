/**
 * What a caller may see, as plain data carried by a search or history query. The access layer
 * (src/access/policies.ts) builds it from the caller's role, token and identity; the store
 * (src/store/access/compile.ts) compiles it into the SQL condition on every row a query reads. Data
 * rather than a function, so a query can be logged, compared and evaluated elsewhere, and so the
 * policy never writes SQL.
 */

/** Whose patient data the caller sees. */
export type PatientSet =
  | { kind: 'all' }
  | { kind: 'none' }
  /** One patient (an app launched for that patient). */
  | { kind: 'one'; id: string }
  /** Every Patient carrying this identity number under one of these identifier systems (a citizen's own). */
  | { kind: 'identity'; value: string; systems: string[] }
  /** The patients listing the doctor (Visibility.doctor) as their GP, and the launch context's patient. */
  | { kind: 'gp-list'; launchPatient?: string }
  /** The patients of the open Tasks of these kinds (the NAV tasks a caseworker works on). */
  | { kind: 'open-tasks'; tasks: OpenTaskKind[] };

/**
 * A kind of Task whose patients a caseworker works on: a Task with one of `codes` in `system`, while
 * its status is none of `closed`.
 */
export interface OpenTaskKind {
  system: string;
  codes: string[];
  closed: string[];
}

/**
 * The store's resources that stand for a doctor: every Practitioner carrying their HPR number and
 * every PractitionerRole of those, looked up once per request and then bound as arrays.
 */
export interface DoctorResources {
  practitioners: string[];
  roles: string[];
}

/** The doctor a visibility is about: their HPR identifier, and their resources once looked up. */
export interface VisibleDoctor {
  system: string;
  hpr: string;
  /** When absent, a statement computes them itself (one round trip fewer where it is planned once and reused). */
  resources?: DoctorResources;
}

export interface Visibility {
  /** Sees every resource: nothing is filtered. */
  unrestricted: boolean;
  /** Sees the shared directory (resource types outside the Patient compartment). */
  directory: boolean;
  patients: PatientSet;
  /** Set for a doctor with an HPR number; without it, their GP list and authorship grant nothing. */
  doctor?: VisibleDoctor;
  /**
   * Also sees what names the doctor: what they wrote or requested, what is addressed to them or sent
   * by them (NAMES_DOCTOR_PARAMS in fhir/compartment.ts, to one of their Practitioners or PractitionerRoles).
   */
  authored: boolean;
  /** Also sees what this user (`sub`) created, the resource alone, unless it is about a patient outside `patients`. */
  createdBy?: string;
  /** Types never read directly (an operation's view serves them instead). */
  hiddenTypes: string[];
}

/**
 * Elements some resources hide from the caller (a protected address): index rows of `params` on a
 * `resourceType` whose stored content carries the `marker` extension are searched, sorted and
 * followed as if absent.
 */
export interface HiddenElements {
  resourceType: string;
  params: string[];
  marker: string;
}

/** Whether index rows of search parameter `code` may hold a hidden element (`'*'`: any parameter, as in `_include=*`). */
export function hides(hidden: HiddenElements, code: string): boolean {
  return code === '*' || hidden.params.includes(code);
}
