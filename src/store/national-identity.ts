/**
 * National identifiers name one person or one health worker: among the current resources of a type,
 * at most one carries a given fødselsnummer or D-nummer (Patient) or HPR number (Practitioner). The
 * store enforces it with a unique index over those identifier index rows (migration
 * 009_national_identity.sql, which names the same systems), so the check is part of the write itself
 * and holds under concurrent writers. This module names what the index covers, keeps one index row
 * per number (a resource may list its own number twice), and turns a violation into an
 * OperationOutcome that says no more than that the number is taken.
 */
import { IdentifierSystem } from '../domain/identity/index.ts';
import { duplicate, FhirError } from '../fhir/outcome.ts';
import type { IndexRows } from '../fhir/search/index-rows.ts';

/** The identifier systems unique within each resource type, with what a reader calls them. */
export const NATIONAL_IDENTIFIERS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  Patient: { [IdentifierSystem.FNR]: 'fødselsnummer', [IdentifierSystem.DNR]: 'D-nummer' },
  Practitioner: { [IdentifierSystem.HPR]: 'HPR number' },
};

export const NATIONAL_IDENTITY_INDEX = 'sp_token_national_identity';

/** What the EHR does when the number is taken, by resource type. */
const WHAT_TO_DO: Readonly<Record<string, string>> = {
  Patient: 'the hub keeps one Patient per person. Use that one: if you may see it, a search by identifier finds it '
    + '(and a create with If-None-Exist: identifier=<system>|<value> answers with it); if not, the EHR registers your '
    + 'consultation with the patient (an Encounter naming you), which lets you see it',
  Practitioner: 'the hub keeps one Practitioner per HPR number; update that one instead',
};

/** The index rows with each national identifier once (the unique index would take a repeat for a second resource). */
export function oneRowPerNationalIdentifier(resourceType: string, rows: IndexRows): IndexRows {
  const systems = NATIONAL_IDENTIFIERS[resourceType];
  if (!systems) return rows;
  const seen = new Set<string>();
  const token = rows.token.filter((t) => {
    if (t.param !== 'identifier' || !t.system || !(t.system in systems)) return true;
    const key = `${t.system}|${t.code}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return token.length === rows.token.length ? rows : { ...rows, token };
}

/**
 * The OperationOutcome for a write refused because another resource carries the number, when that is
 * why `err` (a database error) was raised. It names neither that resource nor anything in it.
 */
export function nationalIdentifierTaken(err: unknown): FhirError | undefined {
  const e = err as { code?: string; constraint?: string; detail?: string };
  if (e?.code !== '23505' || e.constraint !== NATIONAL_IDENTITY_INDEX) return undefined;
  const m = /\(resource_type, system, code\)=\(([^,]+), ([^,]+), /.exec(e.detail ?? '');
  const type = m?.[1] ?? 'resource';
  const name = (m && NATIONAL_IDENTIFIERS[m[1]]?.[m[2]]) ?? 'national identifier';
  return duplicate(`Another ${type} already carries this ${name}: ${WHAT_TO_DO[type] ?? 'use that one instead'}.`, `${type}.identifier`);
}
