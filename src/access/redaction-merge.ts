/**
 * Writing back a redacted view. A caller who does not see a protected Patient's hidden elements
 * (protection.ts) was served it without them and with the REDACTED label; when they write it back
 * (PUT, PATCH — which applies to the view they were served — or a transaction or batch entry), the
 * elements they could not see are kept from the stored version and the label is never stored. A
 * write that sets a hidden element, or changes the protection itself, is refused: the caller cannot
 * know what it would overwrite. It is refused whatever the value, so the answer never tells whether
 * a guess matched what is stored.
 */
import { EXT } from '../fhir/helsebro-codes.ts';
import { type OutcomeIssue, unprocessable } from '../fhir/outcome.ts';
import type { FhirResource, StoredResource } from '../store/repository.ts';
import { HIDDEN, REDACTED, redactProtected } from './protection.ts';

type Json = Record<string, unknown>;
interface Coding { system?: unknown; code?: unknown }

export interface Unredacted<T> {
  resource: T;
  /** The stored version the hidden elements were taken from, if any (the write must replace that version). */
  restoredFrom?: number;
}

/** The resource as a caller who does not see protected data means it, given the version it replaces. */
export function unredacted<T extends FhirResource>(resource: T, stored: StoredResource | undefined): Unredacted<T> {
  if (resource.resourceType !== 'Patient') return { resource };
  const sent = withoutRedactedLabel(resource);
  if (!stored || stored.deleted || redactProtected(stored.content) === stored.content) return { resource: sent };
  const current = JSON.parse(stored.content) as Json;
  const issues = [...HIDDEN.filter((key) => key in sent).map(hiddenIssue), ...protectionIssues(sent, current)];
  if (issues.length > 0) throw unprocessable(issues);
  const kept = Object.fromEntries(HIDDEN.filter((key) => current[key] !== undefined).map((key) => [key, current[key]]));
  return { resource: withStoredLabels({ ...sent, ...kept }, current), restoredFrom: stored.versionId };
}

/**
 * The stored security labels stay (a caller who may not see what the protection hides may not
 * lift a label that marks it, such as confidentiality R); labels the caller adds are kept too.
 */
function withStoredLabels<T extends FhirResource>(resource: T, current: Json): T {
  const stored = (((current.meta as Json | undefined)?.security as Coding[] | undefined) ?? []).filter((c) => !isRedactedLabel(c));
  if (stored.length === 0) return resource;
  const sent = (resource.meta?.security as Coding[] | undefined) ?? [];
  const same = (a: Coding, b: Coding) => a.system === b.system && a.code === b.code;
  const security = [...stored, ...sent.filter((c) => !stored.some((k) => same(k, c)))];
  return { ...resource, meta: { ...(resource.meta ?? {}), security } };
}

function hiddenIssue(key: string): OutcomeIssue {
  return {
    severity: 'error', code: 'business-rule', expression: [`Patient.${key}`],
    diagnostics: `Patient.${key} is not shown to you (the patient has a protected address), so you cannot set it: leave it out, as it was served to you, and the stored value is kept`,
  };
}

const isRedactedLabel = (c: Coding) => c?.system === REDACTED.system && c?.code === REDACTED.code;

function withoutRedactedLabel<T extends FhirResource>(resource: T): T {
  const security = resource.meta?.security as Coding[] | undefined;
  if (!Array.isArray(security) || !security.some(isRedactedLabel)) return resource;
  const { security: _label, ...meta } = resource.meta as Json;
  const kept = security.filter((c) => !isRedactedLabel(c));
  return { ...resource, meta: kept.length > 0 ? { ...meta, security: kept } : meta };
}

const protection = (resource: Json) => JSON.stringify(((resource.extension as Json[] | undefined) ?? []).filter((e) => e?.url === EXT.ADRESSEBESKYTTELSE));

/** The protection stays as stored: lifting it would show the caller what it hides. */
function protectionIssues(sent: Json, current: Json): OutcomeIssue[] {
  if (protection(sent) === protection(current)) return [];
  return [{
    severity: 'error', code: 'business-rule', expression: ['Patient.extension'],
    diagnostics: 'Patient.extension: the address protection (adressebeskyttelse) cannot be lifted or changed by you; send it as it was served to you',
  }];
}
