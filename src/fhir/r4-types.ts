/**
 * FHIR R4 types for the workflow resources we build (Task, CommunicationRequest, Communication),
 * with R4's element names and cardinalities (https://hl7.org/fhir/R4/task.html and
 * communication*.html). Only the elements we use are declared.
 *
 * Why not @types/fhir: the installed version (3.0.2) describes STU3, not R4, and the shapes differ
 * exactly where we write (STU3 Task.requester is a TaskRequester with an `agent`, R4's is a
 * Reference; STU3 has no Communication.about or Task.businessStatus as we use them).
 */
export interface Coding {
  system?: string;
  code?: string;
  display?: string;
}

export interface CodeableConcept {
  coding?: Coding[];
  text?: string;
}

export interface Identifier {
  system?: string;
  value?: string;
}

export interface Reference {
  reference?: string;
  type?: string;
  identifier?: Identifier;
  display?: string;
}

export interface Period {
  start?: string;
  end?: string;
}

export interface Annotation {
  authorString?: string;
  time?: string;
  text: string;
}

export interface Extension {
  url: string;
  valueString?: string;
  valueCode?: string;
  valueCoding?: Coding;
  extension?: Extension[];
}

export type TaskStatus = 'draft' | 'requested' | 'received' | 'accepted' | 'rejected' | 'ready' | 'cancelled' | 'in-progress' | 'on-hold' | 'failed' | 'completed' | 'entered-in-error';

export interface TaskParameter {
  type: CodeableConcept;
  valueString?: string;
  valueDateTime?: string;
  valueReference?: Reference;
}

export interface Task {
  resourceType: 'Task';
  id?: string;
  extension?: Extension[];
  identifier?: Identifier[];
  status: TaskStatus;
  businessStatus?: CodeableConcept;
  intent: 'unknown' | 'proposal' | 'plan' | 'order' | 'original-order' | 'reflex-order' | 'filler-order' | 'instance-order' | 'option';
  code?: CodeableConcept;
  description?: string;
  focus?: Reference;
  for?: Reference;
  /** A reminder Task is part of the request it reminds about. */
  partOf?: Reference[];
  authoredOn?: string;
  lastModified?: string;
  requester?: Reference;
  owner?: Reference;
  note?: Annotation[];
  restriction?: { period?: Period };
  input?: TaskParameter[];
}

export interface CommunicationPayload {
  contentString?: string;
  contentReference?: Reference;
}

export interface CommunicationRequest {
  resourceType: 'CommunicationRequest';
  id?: string;
  identifier?: Identifier[];
  status: 'draft' | 'active' | 'on-hold' | 'revoked' | 'completed' | 'entered-in-error' | 'unknown';
  category?: CodeableConcept[];
  subject?: Reference;
  payload?: CommunicationPayload[];
  authoredOn?: string;
  requester?: Reference;
  recipient?: Reference[];
}

export interface Communication {
  resourceType: 'Communication';
  id?: string;
  extension?: Extension[];
  identifier?: Identifier[];
  basedOn?: Reference[];
  partOf?: Reference[];
  status: 'preparation' | 'in-progress' | 'not-done' | 'on-hold' | 'stopped' | 'completed' | 'entered-in-error' | 'unknown';
  category?: CodeableConcept[];
  subject?: Reference;
  sent?: string;
  received?: string;
  recipient?: Reference[];
  sender?: Reference;
  payload?: CommunicationPayload[];
}
