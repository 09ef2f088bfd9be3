/**
 * The FHIR R4 resources and data types the server builds or reads field by field, as the R4
 * specification defines them (https://hl7.org/fhir/R4/), named as the published R4 TypeScript
 * definitions name them so that either can stand in for the other.
 *
 * Why here and not a type package: the installed `@types/fhir` (3.0.x) describes STU3, whose
 * resources differ from R4 in exactly the places this server uses (QuestionnaireResponse.questionnaire
 * is a Reference there and a canonical here; STU3's Task.requester is a backbone element, R4's a
 * Reference). Only the elements some module reads or writes are declared; the rest of a resource
 * passes through untouched.
 *
 * These are type aliases rather than interfaces on purpose: an alias is assignable to the store's
 * untyped resource (`Record<string, unknown>`), so a typed resource can be written without a cast.
 */
import { isJsonObject } from './json.ts';

type Extension = {
  url: string;
  valueBoolean?: boolean;
  valueCode?: string;
  valueCoding?: Coding;
  valueIdentifier?: Identifier;
  valuePeriod?: Period;
  valueReference?: Reference;
  valueString?: string;
};

type Element = { id?: string; extension?: Extension[] };
type BackboneElement = Element & { modifierExtension?: Extension[] };

export type Coding = Element & { system?: string; version?: string; code?: string; display?: string; userSelected?: boolean };
type CodeableConcept = Element & { coding?: Coding[]; text?: string };
export type Period = Element & { start?: string; end?: string };
type Identifier = Element & {
  use?: 'usual' | 'official' | 'temp' | 'secondary' | 'old';
  type?: CodeableConcept;
  system?: string;
  value?: string;
  period?: Period;
  assigner?: Reference;
};
type Reference = Element & { reference?: string; type?: string; identifier?: Identifier; display?: string };
type Annotation = Element & { authorReference?: Reference; authorString?: string; time?: string; text: string };
type HumanName = Element & {
  use?: 'usual' | 'official' | 'temp' | 'nickname' | 'anonymous' | 'old' | 'maiden';
  text?: string;
  family?: string;
  given?: string[];
  prefix?: string[];
  suffix?: string[];
  period?: Period;
};
type Meta = Element & { versionId?: string; lastUpdated?: string; source?: string; profile?: string[]; security?: Coding[]; tag?: Coding[] };

type Resource = { resourceType: string; id?: string; meta?: Meta; implicitRules?: string; language?: string };
type DomainResource = Resource & { extension?: Extension[]; modifierExtension?: Extension[] };

type TaskParameter = BackboneElement & {
  type: CodeableConcept;
  valueBoolean?: boolean;
  valueCode?: string;
  valueCoding?: Coding;
  valueDate?: string;
  valueIdentifier?: Identifier;
  valueReference?: Reference;
  valueString?: string;
};
export type TaskInput = TaskParameter;
type TaskRestriction = BackboneElement & { repetitions?: number; period?: Period; recipient?: Reference[] };

export type Task = DomainResource & {
  resourceType: 'Task';
  identifier?: Identifier[];
  basedOn?: Reference[];
  partOf?: Reference[];
  status: 'draft' | 'requested' | 'received' | 'accepted' | 'rejected' | 'ready' | 'cancelled' | 'in-progress' | 'on-hold' | 'failed' | 'completed' | 'entered-in-error';
  statusReason?: CodeableConcept;
  businessStatus?: CodeableConcept;
  intent: 'unknown' | 'proposal' | 'plan' | 'order' | 'original-order' | 'reflex-order' | 'filler-order' | 'instance-order' | 'option';
  priority?: 'routine' | 'urgent' | 'asap' | 'stat';
  code?: CodeableConcept;
  description?: string;
  focus?: Reference;
  for?: Reference;
  executionPeriod?: Period;
  authoredOn?: string;
  lastModified?: string;
  requester?: Reference;
  owner?: Reference;
  note?: Annotation[];
  restriction?: TaskRestriction;
  input?: TaskInput[];
  output?: TaskParameter[];
};

export type QuestionnaireResponseItemAnswer = BackboneElement & {
  valueBoolean?: boolean;
  valueDecimal?: number;
  valueInteger?: number;
  valueDate?: string;
  valueDateTime?: string;
  valueTime?: string;
  valueString?: string;
  valueUri?: string;
  valueCoding?: Coding;
  valueReference?: Reference;
  item?: QuestionnaireResponseItem[];
};
export type QuestionnaireResponseItem = BackboneElement & {
  linkId: string;
  definition?: string;
  text?: string;
  answer?: QuestionnaireResponseItemAnswer[];
  item?: QuestionnaireResponseItem[];
};
export type QuestionnaireResponse = DomainResource & {
  resourceType: 'QuestionnaireResponse';
  identifier?: Identifier;
  basedOn?: Reference[];
  partOf?: Reference[];
  /** A canonical URL in R4 (a Reference in STU3). */
  questionnaire?: string;
  status: 'in-progress' | 'completed' | 'amended' | 'entered-in-error' | 'stopped';
  subject?: Reference;
  encounter?: Reference;
  authored?: string;
  author?: Reference;
  source?: Reference;
  item?: QuestionnaireResponseItem[];
};

type PractitionerQualification = BackboneElement & { identifier?: Identifier[]; code: CodeableConcept; period?: Period; issuer?: Reference };
export type Practitioner = DomainResource & {
  resourceType: 'Practitioner';
  identifier?: Identifier[];
  active?: boolean;
  name?: HumanName[];
  gender?: 'male' | 'female' | 'other' | 'unknown';
  birthDate?: string;
  qualification?: PractitionerQualification[];
};

export type Patient = DomainResource & {
  resourceType: 'Patient';
  identifier?: Identifier[];
  active?: boolean;
  name?: HumanName[];
  gender?: 'male' | 'female' | 'other' | 'unknown';
  birthDate?: string;
  generalPractitioner?: Reference[];
  managingOrganization?: Reference;
};

export type PractitionerRole = DomainResource & {
  resourceType: 'PractitionerRole';
  identifier?: Identifier[];
  active?: boolean;
  practitioner?: Reference;
  organization?: Reference;
  code?: CodeableConcept[];
};

export type Organization = DomainResource & {
  resourceType: 'Organization';
  identifier?: Identifier[];
  active?: boolean;
  name?: string;
  partOf?: Reference;
};

export type ParametersParameter = Element & {
  name: string;
  valueBoolean?: boolean;
  valueCode?: string;
  valueCoding?: Coding;
  valueDate?: string;
  valueDateTime?: string;
  valueIdentifier?: Identifier;
  valueInteger?: number;
  valueString?: string;
  valueUri?: string;
  valueReference?: Reference;
  resource?: Resource;
  part?: ParametersParameter[];
};
export type Parameters = Resource & { resourceType: 'Parameters'; parameter?: ParametersParameter[] };

type CodeSystemConceptProperty = Element & { code: string; valueCode?: string; valueString?: string; valueBoolean?: boolean; valueInteger?: number };
type CodeSystemConcept = BackboneElement & { code: string; display?: string; definition?: string; property?: CodeSystemConceptProperty[]; concept?: CodeSystemConcept[] };
type CodeSystemProperty = BackboneElement & { code: string; uri?: string; description?: string; type: 'code' | 'Coding' | 'string' | 'integer' | 'boolean' | 'dateTime' | 'decimal' };
export type CodeSystem = DomainResource & {
  resourceType: 'CodeSystem';
  url?: string;
  identifier?: Identifier[];
  version?: string;
  name?: string;
  title?: string;
  status: 'draft' | 'active' | 'retired' | 'unknown';
  caseSensitive?: boolean;
  content: 'not-present' | 'example' | 'fragment' | 'complete' | 'supplement';
  count?: number;
  property?: CodeSystemProperty[];
  concept?: CodeSystemConcept[];
};

export interface ResourceTypes {
  CodeSystem: CodeSystem;
  Organization: Organization;
  Parameters: Parameters;
  Patient: Patient;
  Practitioner: Practitioner;
  PractitionerRole: PractitionerRole;
  QuestionnaireResponse: QuestionnaireResponse;
  Task: Task;
}

/**
 * Whether untyped JSON (parsed from the store or a request) claims to be a resource of `type`. The
 * one place JSON becomes a typed resource: only resourceType is checked, so readers still treat
 * every optional element as possibly absent, and input from clients has been validated (or is read
 * defensively) before its fields are trusted.
 */
export function isResource<K extends keyof ResourceTypes>(value: unknown, type: K): value is ResourceTypes[K] {
  return isJsonObject(value) && value.resourceType === type;
}

/** `value` as a resource of `type`; anything else is a programming error (the store returned another type). */
export function asResource<K extends keyof ResourceTypes>(value: unknown, type: K): ResourceTypes[K] {
  if (!isResource(value, type)) throw new TypeError(`Expected a ${type}, got ${isJsonObject(value) ? String(value.resourceType) : typeof value}`);
  return value;
}
