/**
 * The FHIR R4 resources and data types the server builds or reads field by field, from the
 * maintained R4 definitions (`@types/fhir`, its `r4` module), gathered here so the code names one
 * place, and with the one checked step from untyped JSON to a typed resource (asResource).
 */
import type * as R4 from 'fhir/r4.js';
import { isJsonObject } from './json.ts';

/**
 * A resource type as an anonymous object type: the package declares interfaces, which TypeScript
 * does not let stand in for the store's untyped resource (`Record<string, unknown>`); the same
 * members as a mapped type may, so a typed resource is written without a cast.
 */
type Plain<T> = { [K in keyof T]: T[K] };

export type Coding = R4.Coding;
export type CodeableConcept = R4.CodeableConcept;
export type Extension = R4.Extension;
export type Identifier = R4.Identifier;
export type Reference = R4.Reference;
export type TaskStatus = R4.Task['status'];
export type Communication = Plain<R4.Communication>;
export type CommunicationRequest = Plain<R4.CommunicationRequest>;
export type Meta = Plain<R4.Meta>;
export type Period = R4.Period;
export type TaskInput = R4.TaskInput;
export type Task = Plain<R4.Task>;
export type QuestionnaireResponseItemAnswer = R4.QuestionnaireResponseItemAnswer;
export type QuestionnaireResponseItem = R4.QuestionnaireResponseItem;
export type QuestionnaireResponse = Plain<R4.QuestionnaireResponse>;
export type Practitioner = Plain<R4.Practitioner>;
export type Patient = Plain<R4.Patient>;
export type PractitionerRole = Plain<R4.PractitionerRole>;
export type Organization = Plain<R4.Organization>;
export type ParametersParameter = R4.ParametersParameter;
export type Parameters = Plain<R4.Parameters>;
export type CodeSystem = Plain<R4.CodeSystem>;

export interface ResourceTypes {
  CodeSystem: CodeSystem;
  Organization: Organization;
  Parameters: Parameters;
  Patient: Patient;
  Practitioner: Practitioner;
  PractitionerRole: PractitionerRole;
  QuestionnaireResponse: QuestionnaireResponse;
  Task: Task;
  Communication: Communication;
  CommunicationRequest: CommunicationRequest;
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
