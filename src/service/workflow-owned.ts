/**
 * Resources whose state belongs to a domain workflow (a sykmelding's status Task, a submitted
 * sykmelding, NAV's manual-processing Task): they change only through that workflow's operations,
 * never by a plain create, update, patch or delete — alone or inside a Bundle. The owners are
 * declared as data, in one list (write-hooks.ts), and FhirService checks every write against them.
 * The operations themselves write through the repository, below this check.
 */
import { businessRule, FhirError } from '../fhir/outcome.ts';
import type { FhirResource } from '../store/repository.ts';

export interface WorkflowOwner {
  /** What the workflow is, in a few words, for the message (e.g. "a sykmelding's status"). */
  name: string;
  resourceType: string;
  /** Whether this resource (stored, or about to be) belongs to the workflow. */
  owns(resource: FhirResource): boolean;
  /**
   * Whether a plain write may bring a resource into the workflow: a sykmelding is submitted by
   * writing it (its write hook then runs the intake and refuses changes to one already submitted).
   */
  submittedByWrite?: boolean;
  /** Which operations change it instead, e.g. "$cancel (the patient), $decide (NAV)". */
  operations: string;
}

export type WriteKind = 'create' | 'update' | 'delete';

function refusal(owner: WorkflowOwner, kind: WriteKind, resource: FhirResource): FhirError {
  const what = `${resource.resourceType}${resource.id ? `/${resource.id}` : ''}`;
  const verb = kind === 'delete' ? 'deleted' : kind === 'create' ? 'created' : 'changed';
  return businessRule(`${what} holds ${owner.name} and cannot be ${verb} directly; use ${owner.operations}`);
}

/**
 * Refuses a write that would bypass a workflow. `incoming` is what would be stored (none for a
 * delete); `current` the stored version it replaces (none for a create).
 */
export function checkWorkflowWrite(owners: readonly WorkflowOwner[], kind: WriteKind, incoming: FhirResource | undefined, current: FhirResource | undefined): void {
  const type = (incoming ?? current)?.resourceType;
  for (const owner of owners) {
    if (owner.resourceType !== type) continue;
    const incomingOwned = incoming !== undefined && owner.owns(incoming);
    const currentOwned = current !== undefined && owner.owns(current);
    if (kind === 'delete') {
      if (currentOwned) throw refusal(owner, kind, current!);
      continue;
    }
    // A submission (owned in, by a workflow that takes writes) is the workflow's own way in.
    if (incomingOwned && owner.submittedByWrite) continue;
    if (incomingOwned) throw refusal(owner, current ? 'update' : 'create', incoming!);
    if (currentOwned) throw refusal(owner, 'update', current!);
  }
}
