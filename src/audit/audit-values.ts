/**
 * What may go into an audit row. Every value comes from the request (ids and queries from the URL,
 * names and client ids from a token), so before it is stored it is made safe for the database:
 * valid UTF-16 (lone surrogates become U+FFFD), NUL and other control characters replaced by U+FFFD
 * (the row still shows that something was there), and each field cut to a bounded length. Patient
 * ids must be FHIR ids, since they go into an array the log is searched by; anything else is left
 * out of `patient_ids` (a malformed id names no patient).
 */
import type { AuditEntry } from './audit-log.ts';

/** Longest stored value per field, in UTF-16 code units. */
const AUDIT_LIMITS = {
  id: 128, name: 200, query: 2000, interaction: 64, resourceType: 64, purpose: 100, address: 64, patientIds: 1000,
} as const;

const REPLACEMENT = '\uFFFD';
// C0 controls (NUL included), DEL and the C1 controls.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;
const FHIR_ID = /^[A-Za-z0-9\-.]{1,64}$/;
// A surrogate half without its partner.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** One value made storable: well-formed, without control characters, at most `max` long. */
export function auditText(value: string, max: number): string {
  let text = value.replace(LONE_SURROGATE, REPLACEMENT).replace(CONTROL, REPLACEMENT);
  if (text.length > max) {
    text = text.slice(0, max - 1);
    // Do not end on the first half of a surrogate pair.
    if (/[\uD800-\uDBFF]$/.test(text)) text = text.slice(0, -1);
    text += '…';
  }
  return text;
}

const optional = (value: string | undefined, max: number) => (value === undefined ? undefined : auditText(value, max));

/** The entry as it will be stored. */
export function storableEntry(e: AuditEntry): AuditEntry {
  const L = AUDIT_LIMITS;
  return {
    ...e,
    agentRole: auditText(e.agentRole, L.interaction),
    agentId: auditText(e.agentId, L.id),
    agentName: optional(e.agentName, L.name),
    onBehalfOf: optional(e.onBehalfOf, L.id),
    clientId: optional(e.clientId, L.id),
    interaction: auditText(e.interaction, L.interaction),
    resourceType: optional(e.resourceType, L.resourceType),
    resourceId: optional(e.resourceId, L.id),
    query: optional(e.query, L.query),
    patientIds: [...new Set(e.patientIds.filter((id) => FHIR_ID.test(id)))].slice(0, L.patientIds),
    purpose: optional(e.purpose, L.purpose),
    sourceIp: optional(e.sourceIp, L.address),
    requestId: optional(e.requestId, L.id),
  };
}

/**
 * The last resort for a row the database refused even after `storableEntry`: who, when, what kind
 * of access and its outcome are kept; the request's own free text (id, query, names) is replaced by
 * a note, so the access is still on record.
 */
export function minimalEntry(e: AuditEntry): AuditEntry {
  const ascii = (v: string | undefined) => (v === undefined ? undefined : v.replace(/[^\x20-\x7e]/g, '?').slice(0, 64));
  return {
    recorded: e.recorded, agentRole: ascii(e.agentRole)!, agentId: ascii(e.agentId)!, clientId: ascii(e.clientId), action: e.action,
    interaction: ascii(e.interaction)!, resourceType: ascii(e.resourceType), resourceId: e.resourceId === undefined ? undefined : '(unstorable)',
    query: e.query === undefined ? undefined : '(unstorable)', patientIds: e.patientIds.filter((id) => FHIR_ID.test(id)), status: e.status,
    sourceIp: ascii(e.sourceIp), requestId: ascii(e.requestId), count: e.count,
  };
}
