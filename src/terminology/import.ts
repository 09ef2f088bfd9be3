/**
 * Reads the diagnosis code lists from their two distribution formats and stores them as CodeSystem
 * resources:
 *  - CSV, `#`-separated with a header: `system#code#text` (ICPC-2, ICD-10) and
 *    `system#code#text#parent_code#parent_text` (ICPC-2B); the file's first column names the list;
 *  - the Norwegian directorate's JSON download: an array of entries with `Kode`,
 *    `Tekst_uten_lengdebegrensning`, `Kodeverk` (ICPC-2, ICPC-2B, ICD-10), `Gyldig_til`, `Foreldrekode`.
 *    Expired codes and ICPC-2 process codes (those starting with "-") are left out.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { FhirService } from '../service/fhir-service.ts';
import { asResource, type CodeSystem } from '../fhir/r4.ts';
import { CODE_LISTS, toCodeSystem, type CodeListDefinition, type Concept } from './code-lists.ts';

export class TerminologyFormatError extends Error {}

const CSV_SYSTEMS: Record<string, string> = { ICPC2: 'icpc2', ICPC2B: 'icpc2b', ICD10: 'icd10' };
const JSON_SYSTEMS: Record<string, string> = { 'ICPC-2': 'icpc2', 'ICPC-2B': 'icpc2b', 'ICD-10': 'icd10' };

export function parseCsv(text: string, source = 'input'): Map<string, Concept[]> {
  const lines = text.split(/\r?\n/);
  const header = lines[0]?.split('#') ?? [];
  if (header[0] !== 'system' || header[1] !== 'code' || header[2] !== 'text') {
    throw new TerminologyFormatError(`${source}: expected a header 'system#code#text…', found '${(lines[0] ?? '').slice(0, 60)}'`);
  }
  const out = new Map<string, Concept[]>();
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i];
    if (line.trim() === '') continue;
    const cols = line.split('#');
    const listId = CSV_SYSTEMS[cols[0]];
    if (!listId) throw new TerminologyFormatError(`${source} line ${i + 1}: unknown system '${cols[0].slice(0, 20)}'`);
    if (!cols[1]) throw new TerminologyFormatError(`${source} line ${i + 1}: the code is empty`);
    const concept: Concept = { code: cols[1].trim(), display: (cols[2] ?? '').trim() };
    if (cols[3]) concept.parent = cols[3].trim();
    const list = out.get(listId) ?? [];
    list.push(concept);
    out.set(listId, list);
  }
  return out;
}

interface DirectorateEntry { Kode?: string; Tekst_uten_lengdebegrensning?: string; Kodeverk?: string; Gyldig_til?: string | null; Foreldrekode?: string }

export function parseDirectorateJson(data: unknown, today: string, source = 'input'): Map<string, Concept[]> {
  if (!Array.isArray(data)) throw new TerminologyFormatError(`${source}: expected a JSON array of code entries`);
  const out = new Map<string, Concept[]>();
  for (const [i, raw] of data.entries()) {
    const e = raw as DirectorateEntry;
    if (!e || typeof e.Kode !== 'string' || typeof e.Kodeverk !== 'string') throw new TerminologyFormatError(`${source} entry ${i}: needs 'Kode' and 'Kodeverk'`);
    const listId = JSON_SYSTEMS[e.Kodeverk];
    if (!listId) continue;
    if (e.Gyldig_til && e.Gyldig_til.slice(0, 10) < today) continue;
    if (listId === 'icpc2' && e.Kode.startsWith('-')) continue;
    const concept: Concept = { code: e.Kode, display: e.Tekst_uten_lengdebegrensning ?? '' };
    if (listId === 'icpc2b' && e.Foreldrekode) concept.parent = e.Foreldrekode;
    out.set(listId, [...(out.get(listId) ?? []), concept]);
  }
  // ICPC-2B terms count only under an ICPC-2 code in the same download.
  const parents = new Set((out.get('icpc2') ?? []).map((c) => c.code));
  if (out.has('icpc2b') && parents.size > 0) out.set('icpc2b', out.get('icpc2b')!.filter((c) => c.parent && parents.has(c.parent)));
  return out;
}

export function readCodeListFile(path: string, today: string): Map<string, Concept[]> {
  const text = readFileSync(path, 'utf8');
  if (path.endsWith('.json')) {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (err) {
      throw new TerminologyFormatError(`${basename(path)}: not valid JSON (${(err as Error).message})`);
    }
    return parseDirectorateJson(data, today, basename(path));
  }
  return parseCsv(text, basename(path));
}

/** Stores each list as CodeSystem/<id> (a new version when it exists). */
export async function storeCodeLists(service: FhirService, lists: Map<string, Concept[]>, version: string): Promise<Array<{ def: CodeListDefinition; concepts: number }>> {
  const stored: Array<{ def: CodeListDefinition; concepts: number }> = [];
  for (const def of CODE_LISTS) {
    const concepts = lists.get(def.id);
    if (!concepts?.length) continue;
    const unique = [...new Map(concepts.map((c) => [c.code, c])).values()];
    const resource = toCodeSystem(def, unique, version);
    await service.update('CodeSystem', def.id, resource);
    stored.push({ def, concepts: unique.length });
  }
  return stored;
}

/** Loads whatever code lists the store holds into the in-memory index. */
export async function loadStoredCodeLists(service: FhirService, terminology: { setFromCodeSystem(r: CodeSystem): boolean }): Promise<number> {
  let n = 0;
  for (const def of CODE_LISTS) {
    const stored = await service.readIfExists('CodeSystem', def.id);
    if (stored && !stored.deleted && terminology.setFromCodeSystem(asResource(JSON.parse(stored.content), 'CodeSystem'))) n++;
  }
  return n;
}
