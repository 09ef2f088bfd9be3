/**
 * The diagnosis code lists (ICPC-2, ICPC-2B, ICD-10) as CodeSystem resources, and an in-memory
 * index of them for the rules, `$lookup` and `$validate-code`. The lists are loaded into the store by
 * `helsebro terminology import`; the server reads them at startup and whenever one is written.
 */
import { DiagnoseSystem } from '../domain/sykmelding/model.ts';
import type { CodeSystem } from '../fhir/r4.ts';

export interface CodeListDefinition {
  /** CodeSystem id in the store. */
  id: string;
  /** Volven OID, as the sykmelding carries it (without `urn:oid:`). */
  oid: string;
  name: string;
  title: string;
  /** File name in the CSV distribution. */
  file: string;
  /** Whether lookups ignore dots (ICD-10: "M54.5" equals "M545"). */
  ignoreDots?: boolean;
  /** Codes of this list must also have their parent (before the ".") in this other list. */
  parentList?: string;
}

export const CODE_LISTS: CodeListDefinition[] = [
  { id: 'icpc2', oid: DiagnoseSystem.ICPC2, name: 'ICPC2', title: 'ICPC-2 (norsk utgave)', file: 'icpc2.csv' },
  { id: 'icpc2b', oid: DiagnoseSystem.ICPC2B, name: 'ICPC2B', title: 'ICPC-2B (norske termer under ICPC-2)', file: 'icpc2b.csv', parentList: 'icpc2' },
  { id: 'icd10', oid: DiagnoseSystem.ICD10, name: 'ICD10', title: 'ICD-10 (norsk utgave)', file: 'icd10.csv', ignoreDots: true },
];

const codeSystemUrl = (def: CodeListDefinition) => `urn:oid:${def.oid}`;

export interface Concept { code: string; display: string; parent?: string }

interface CodeListStatus { id: string; url: string; loaded: boolean; concepts: number; version?: string }

/**
 * The key a code is looked up by. Codes are matched as written (FHIR codes are case-sensitive, and
 * NAV does not upper-case them either: `l03` is not the ICPC-2 code `L03`); ICD-10 ignores dots.
 */
function normalise(def: CodeListDefinition, code: string): string {
  return def.ignoreDots ? code.replace(/\./g, '') : code;
}

/** The same key ignoring letter case, to tell a doctor how a code they wrote is spelled. */
const fold = (def: CodeListDefinition, code: string) => normalise(def, code).toUpperCase();

/** Builds a CodeSystem resource (content complete) for a code list. */
export function toCodeSystem(def: CodeListDefinition, concepts: Concept[], version: string): CodeSystem & { id: string } {
  return {
    resourceType: 'CodeSystem',
    id: def.id,
    url: codeSystemUrl(def),
    identifier: [{ system: 'urn:ietf:rfc:3986', value: codeSystemUrl(def) }],
    version,
    name: def.name,
    title: def.title,
    status: 'active',
    content: 'complete',
    caseSensitive: true,
    count: concepts.length,
    concept: concepts.map((c) => ({
      code: c.code,
      display: c.display,
      ...(c.parent ? { property: [{ code: 'parent', valueCode: c.parent }] } : {}),
    })),
    ...(def.parentList ? { property: [{ code: 'parent', description: 'The ICPC-2 code this term belongs to', type: 'code' }] } : {}),
  };
}

class LoadedList {
  readonly byCode = new Map<string, Concept>();
  private readonly byFoldedCode = new Map<string, Concept>();
  constructor(readonly def: CodeListDefinition, readonly version: string | undefined, concepts: Concept[]) {
    for (const c of concepts) {
      this.byCode.set(normalise(def, c.code), c);
      this.byFoldedCode.set(fold(def, c.code), c);
    }
  }
  get(code: string): Concept | undefined {
    return this.byCode.get(normalise(this.def, code));
  }
  /** The concept whose code differs from `code` only in letter case. */
  getIgnoringCase(code: string): Concept | undefined {
    return this.byFoldedCode.get(fold(this.def, code));
  }
}

export class Terminology {
  private readonly lists = new Map<string, LoadedList>();

  /** Replaces one list from a stored CodeSystem resource. */
  setFromCodeSystem(resource: CodeSystem): boolean {
    const def = CODE_LISTS.find((d) => d.id === resource.id || codeSystemUrl(d) === resource.url);
    if (!def) return false;
    const concepts = (resource.concept ?? []).map((c) => ({
      code: c.code,
      display: c.display ?? '',
      parent: c.property?.find((p) => p.code === 'parent')?.valueCode,
    }));
    this.lists.set(def.id, new LoadedList(def, resource.version, concepts));
    return true;
  }

  definitionFor(system: string): CodeListDefinition | undefined {
    const oid = system.replace(/^urn:oid:/, '');
    return CODE_LISTS.find((d) => d.oid === oid || d.id === system);
  }

  /**
   * Whether a diagnosis code exists: true/false, or undefined when its list is not loaded (the rules
   * then check only the code system). An ICPC-2B code must exist and its parent must be in ICPC-2.
   */
  isKnownCode = (system: string, code: string): boolean | undefined => {
    const def = this.definitionFor(system);
    if (!def) return false;
    const list = this.lists.get(def.id);
    if (!list) return undefined;
    if (!list.get(code)) return false;
    if (!def.parentList) return true;
    const parents = this.lists.get(def.parentList);
    if (!parents) return undefined;
    return parents.get(code.split('.')[0]) !== undefined;
  };

  /**
   * How the code list spells a code that is unknown only because of its letter case (`l03` → `L03`),
   * so the doctor can be told; undefined when the code is known as written, or not at all.
   */
  knownSpelling = (system: string, code: string): string | undefined => {
    const def = this.definitionFor(system);
    const list = def && this.lists.get(def.id);
    if (!list || list.get(code)) return undefined;
    const spelled = list.getIgnoringCase(code)?.code;
    return spelled !== undefined && this.isKnownCode(system, spelled) === true ? spelled : undefined;
  };

  lookup(system: string, code: string): { def: CodeListDefinition; concept?: Concept; loaded: boolean; version?: string } | undefined {
    const def = this.definitionFor(system);
    if (!def) return undefined;
    const list = this.lists.get(def.id);
    return { def, concept: list?.get(code), loaded: !!list, version: list?.version };
  }

  status(): CodeListStatus[] {
    return CODE_LISTS.map((def) => {
      const list = this.lists.get(def.id);
      return { id: def.id, url: codeSystemUrl(def), loaded: !!list, concepts: list?.byCode.size ?? 0, version: list?.version };
    });
  }
}
