/**
 * Parses a search query string once into a plain SearchRequest. The SearchParameter's type decides
 * how values, prefixes and modifiers are read; anything unknown or malformed is a 400 naming the
 * parameter (unknown parameters are dropped only with `Prefer: handling=lenient`).
 */
import { badRequest, FhirError } from '../outcome.ts';
import { checkOffset, checkSearchLimits, overLimit, SEARCH_LIMITS } from './limits.ts';
import { commonSearchParams, searchParamsFor, type SearchParamDef } from './registry.ts';
import { allowsModifier, isIndexedType, type IndexedType } from './search-types.ts';
import { dateRange, normaliseString, numberRange, MAX_SEARCH_DECIMALS } from './values.ts';
import type { HiddenElements, Visibility } from './visibility.ts';

export type Prefix = 'eq' | 'ne' | 'lt' | 'gt' | 'le' | 'ge' | 'sa' | 'eb' | 'ap';

export type SearchValue =
  | { type: 'string'; value: string; exact: string }
  | { type: 'token'; system?: string | null; code?: string }
  | { type: 'date'; prefix: Prefix; low: string; high: string }
  | { type: 'number'; prefix: Prefix; value: string; low: string; high: string }
  | { type: 'quantity'; prefix: Prefix; value: string; low: string; high: string; system?: string; code?: string }
  | { type: 'reference'; targetType?: string; id?: string; url?: string }
  | { type: 'uri'; value: string };

export type Filter =
  /** One parameter: values are ORed; `missing` set for `:missing`. */
  | { kind: 'param'; code: string; type: IndexedType; modifier?: string; values: SearchValue[]; missing?: boolean; /** further bounds the same index row must meet (range searches) */ and?: SearchValue[] }
  | { kind: 'id'; values: string[]; not: boolean }
  | { kind: 'lastUpdated'; values: Array<Extract<SearchValue, { type: 'date' }>> }
  /** `ref:Type.param=value` — resources whose reference `ref` points to a target matching `inner`. */
  | { kind: 'chain'; code: string; targetTypes: string[]; inner: Filter }
  /** `_has:Type:ref:param=value` — resources that some `Type` points at (through `ref`) and that matches `inner`. */
  | { kind: 'has'; sourceType: string; code: string; inner: Filter };

export interface IncludeSpec { sourceType: string; code: string | '*'; targetType?: string; iterate: boolean }
export interface SortSpec { code: string; type: IndexedType | 'id' | 'lastUpdated'; descending: boolean }

export interface SearchRequest {
  /** Undefined for a system-level search. */
  resourceType?: string;
  /** `_type` for system-level searches. */
  types?: string[];
  filters: Filter[];
  sort: SortSpec[];
  count: number;
  offset: number;
  total: 'none' | 'estimate' | 'accurate';
  include: IncludeSpec[];
  revinclude: IncludeSpec[];
  summary?: 'true' | 'false' | 'text' | 'data' | 'count';
  elements?: string[];
  /** Parameters as given (minus paging), for self/next links. */
  raw: Array<[string, string]>;
  /** What the caller may see, on each row — returned, joined by a chain or `_has`, or included — added by the access layer (src/access/). */
  access?: Visibility;
  /** Elements hidden from the caller on some resources, added by the access layer: searched, sorted and followed as if absent. */
  hidden?: HiddenElements;
}

interface ParseOptions {
  lenient?: boolean;
  /** Largest `_count` (a larger one is lowered to it); SEARCH_LIMITS.maxCount unless given. */
  maxCount?: number;
  defaultCount?: number;
}

const PREFIXES = new Set<Prefix>(['eq', 'ne', 'lt', 'gt', 'le', 'ge', 'sa', 'eb', 'ap']);
const RESULT_PARAMS = new Set(['_format', '_pretty', '_summary', '_elements', '_count', '_offset', '_total', '_sort', '_include', '_revinclude', '_type']);
const UNSUPPORTED_SPECIAL = new Set(['_text', '_content', '_list', '_query', '_filter', '_contained', '_containedType']);

function fail(code: string, message: string): FhirError {
  return badRequest(`Search parameter '${code.slice(0, 60)}': ${message}`);
}

export function parseSearch(resourceType: string | undefined, params: Iterable<[string, string]>, options: ParseOptions = {}): SearchRequest {
  const maxCount = options.maxCount ?? SEARCH_LIMITS.maxCount;
  const all = [...params];
  checkSearchLimits(all);
  const request: SearchRequest = {
    resourceType, filters: [], sort: [], count: options.defaultCount ?? 20, offset: 0, total: 'accurate', include: [], revinclude: [], raw: [],
  };
  const typeParam = all.find(([k]) => k === '_type');
  if (!resourceType && typeParam) request.types = typeParam[1].split(',').map((t) => t.trim()).filter(Boolean);
  const defs = resourceType ? searchParamsFor(resourceType) : commonSearchParams();

  for (const [key, value] of all) {
    if (key !== '_offset' && key !== '_count') request.raw.push([key, value]);
    switch (key) {
      case '_count': request.count = Math.min(intValue(key, value), maxCount); continue;
      case '_offset': request.offset = intValue(key, value); checkOffset(request.offset); continue;
      case '_total':
        if (value !== 'none' && value !== 'estimate' && value !== 'accurate') throw fail(key, 'must be none, estimate or accurate');
        request.total = value;
        continue;
      case '_summary':
        if (!['true', 'false', 'text', 'data', 'count'].includes(value)) throw fail(key, 'must be true, false, text, data or count');
        request.summary = value as SearchRequest['summary'];
        continue;
      case '_elements': request.elements = value.split(',').map((e) => e.trim()).filter(Boolean); continue;
      case '_format': case '_pretty': case '_type': continue;
      case '_sort': request.sort = parseSort(resourceType, value); continue;
      case '_include': case '_include:iterate': case '_revinclude': case '_revinclude:iterate': {
        const spec = parseInclude(key, value, resourceType, options.lenient);
        if (spec) (key.startsWith('_include') ? request.include : request.revinclude).push(spec);
        continue;
      }
    }
    const filter = parseFilter(resourceType, defs, key, value, options.lenient ?? false);
    if (filter) request.filters.push(filter);
  }
  return request;
}

function intValue(code: string, value: string): number {
  if (!/^\d{1,9}$/.test(value)) throw fail(code, `'${value.slice(0, 20)}' is not a whole number ≥ 0`);
  return Number(value);
}

function parseFilter(resourceType: string | undefined, defs: ReadonlyMap<string, SearchParamDef>, key: string, value: string, lenient: boolean): Filter | undefined {
  if (key.startsWith('_has:')) return parseHas(resourceType, key, value, lenient);
  const [nameAndModifier, ...chain] = key.split('.');
  const [code, modifier] = splitModifier(nameAndModifier);
  if (UNSUPPORTED_SPECIAL.has(code)) {
    if (lenient) return undefined;
    throw fail(code, 'is not supported by this server');
  }
  if (code === '_id') {
    if (modifier && modifier !== 'not') throw fail(key, `modifier ':${modifier}' is not supported on _id`);
    return { kind: 'id', values: presentValues(key, value), not: modifier === 'not' };
  }
  if (code === '_lastUpdated') {
    if (modifier) throw fail(key, `modifier ':${modifier}' is not supported on _lastUpdated`);
    return { kind: 'lastUpdated', values: presentValues(key, value).map((v) => parseDate(code, v)) };
  }
  const def = defs.get(code);
  if (!def) {
    if (lenient) return undefined;
    throw fail(code, resourceType ? `is not a search parameter of ${resourceType}` : 'is not a search parameter for system-level search');
  }
  if (chain.length > 0) return parseChain(def, modifier, chain.join('.'), value, lenient);
  if (!isIndexedType(def.type)) {
    if (lenient) return undefined;
    throw fail(code, `${def.type} parameters are not supported by this server`);
  }
  if (modifier === 'missing') {
    if (value !== 'true' && value !== 'false') throw fail(key, ':missing takes true or false');
    return { kind: 'param', code, type: def.type, modifier, values: [], missing: value === 'true' };
  }
  if (modifier && def.type === 'reference' && /^[A-Z][A-Za-z]+$/.test(modifier)) {
    if (def.target.length && !def.target.includes(modifier)) throw fail(key, `${modifier} is not a target of ${code}`);
    return { kind: 'param', code, type: 'reference', values: presentValues(key, value).map((v) => parseReferenceValue(v, modifier)) };
  }
  if (modifier && !allowsModifier(def.type, modifier)) throw fail(key, `modifier ':${modifier}' is not supported on ${def.type} parameters`);
  if (modifier === 'of-type') throw fail(key, "modifier ':of-type' is not supported by this server");
  if (modifier === 'identifier') {
    return { kind: 'param', code: `${code}:identifier`, type: 'token', values: presentValues(key, value).map(parseToken) };
  }
  const values = presentValues(key, value).map((v) => parseValue(code, def, v, modifier));
  return { kind: 'param', code, type: def.type, modifier, values };
}

/** A parameter's comma-separated values; a parameter given without any is refused. */
function presentValues(key: string, value: string): string[] {
  const values = splitValues(value);
  if (values.length === 0) throw fail(key, 'has no value');
  return values;
}

function parseValue(code: string, def: SearchParamDef, v: string, modifier?: string): SearchValue {
  switch (def.type) {
    case 'string':
      return { type: 'string', value: normaliseString(v), exact: v };
    case 'token':
      return modifier === 'text' ? { type: 'token', code: normaliseString(v) } : parseToken(v);
    case 'date':
      return parseDate(code, v);
    case 'number': {
      const { prefix, rest } = splitPrefix(code, v);
      const range = numberRange(rest);
      if (!range) throw fail(code, `'${v.slice(0, 40)}' is not a number (finite, at most ${MAX_SEARCH_DECIMALS} decimals)`);
      return { type: 'number', prefix, value: rest, low: range[0], high: range[1] };
    }
    case 'quantity': {
      const [num, system, unitCode] = v.split('|');
      const { prefix, rest } = splitPrefix(code, num);
      const range = numberRange(rest);
      if (!range) throw fail(code, `'${v.slice(0, 40)}' is not a quantity (number|system|code; a finite number with at most ${MAX_SEARCH_DECIMALS} decimals)`);
      return { type: 'quantity', prefix, value: rest, low: range[0], high: range[1], system: system || undefined, code: unitCode || undefined };
    }
    case 'reference':
      return parseReferenceValue(v);
    case 'uri':
      return { type: 'uri', value: v };
    default:
      throw fail(code, `${def.type} parameters are not supported`);
  }
}

function parseToken(v: string): Extract<SearchValue, { type: 'token' }> {
  const bar = v.indexOf('|');
  if (bar < 0) return { type: 'token', code: v };
  const system = v.slice(0, bar);
  const code = v.slice(bar + 1);
  return { type: 'token', system: system === '' ? null : system, code: code === '' ? undefined : code };
}

function parseDate(code: string, v: string): Extract<SearchValue, { type: 'date' }> {
  const { prefix, rest } = splitPrefix(code, v);
  const range = dateRange(rest);
  if (!range) throw fail(code, `'${v.slice(0, 40)}' is not a date (YYYY, YYYY-MM, YYYY-MM-DD or a dateTime)`);
  return { type: 'date', prefix, low: range[0], high: range[1] };
}

function parseReferenceValue(v: string, typeModifier?: string): Extract<SearchValue, { type: 'reference' }> {
  if (/^https?:\/\//.test(v)) {
    const m = /\/([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})$/.exec(v);
    return m ? { type: 'reference', targetType: m[1], id: m[2], url: v } : { type: 'reference', url: v };
  }
  const m = /^([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})$/.exec(v);
  if (m) return { type: 'reference', targetType: m[1], id: m[2] };
  if (/^[A-Za-z0-9\-.]{1,64}$/.test(v)) return { type: 'reference', targetType: typeModifier, id: v };
  return { type: 'reference', url: v };
}

function splitPrefix(code: string, v: string): { prefix: Prefix; rest: string } {
  const m = /^([a-z]{2})(.*)$/.exec(v);
  if (m && PREFIXES.has(m[1] as Prefix)) return { prefix: m[1] as Prefix, rest: m[2] };
  if (m && /^[a-z]{2}/.test(v) && !/^\d/.test(v)) throw fail(code, `unknown prefix '${m[1]}' (use eq, ne, lt, gt, le, ge, sa, eb or ap)`);
  return { prefix: 'eq', rest: v };
}

function splitModifier(s: string): [string, string | undefined] {
  const i = s.indexOf(':');
  return i < 0 ? [s, undefined] : [s.slice(0, i), s.slice(i + 1)];
}

/** Comma separates OR values; `\,` is a literal comma. */
function splitValues(value: string): string[] {
  return value.split(/(?<!\\),/).map((v) => v.replace(/\\,/g, ',')).filter((v) => v.length > 0);
}

function parseChain(def: SearchParamDef, modifier: string | undefined, rest: string, value: string, lenient: boolean): Filter | undefined {
  if (def.type !== 'reference') throw fail(def.code, 'only reference parameters can be chained');
  const depth = rest.split('.').length;
  if (depth > SEARCH_LIMITS.maxChainDepth) {
    throw overLimit('maxChainDepth', SEARCH_LIMITS.maxChainDepth, `The chain '${`${def.code}.${rest}`.slice(0, 80)}' has ${depth} links`);
  }
  const targetTypes = modifier ? [modifier] : def.target;
  if (modifier && def.target.length && !def.target.includes(modifier)) throw fail(def.code, `${modifier} is not a target of ${def.code}`);
  const usable = targetTypes.filter((t) => searchParamsFor(t).has(splitModifier(rest)[0]));
  if (usable.length === 0) throw fail(`${def.code}.${rest}`, `no target of ${def.code} has a parameter '${rest}'`);
  const inner = parseFilter(usable[0], searchParamsFor(usable[0]), rest, value, lenient);
  return inner && { kind: 'chain', code: def.code, targetTypes: usable, inner };
}

function parseHas(resourceType: string | undefined, key: string, value: string, lenient: boolean): Filter | undefined {
  const m = /^_has:([A-Z][A-Za-z]+):([a-z][a-z0-9-]*):(.+)$/.exec(key);
  if (!m) throw fail(key, 'use _has:Type:reference:parameter=value');
  const [, sourceType, code, innerKey] = m;
  const sourceDefs = searchParamsFor(sourceType);
  const ref = sourceDefs.get(code);
  if (!ref || ref.type !== 'reference') throw fail(key, `${code} is not a reference parameter of ${sourceType}`);
  if (resourceType && ref.target.length && !ref.target.includes(resourceType)) throw fail(key, `${sourceType}.${code} does not point to ${resourceType}`);
  if (innerKey.startsWith('_has:')) throw fail(key, 'nested _has is not supported');
  const inner = parseFilter(sourceType, sourceDefs, innerKey, value, lenient);
  return inner && { kind: 'has', sourceType, code, inner };
}

function parseSort(resourceType: string | undefined, value: string): SortSpec[] {
  return value.split(',').filter(Boolean).map((key) => {
    const descending = key.startsWith('-');
    const code = descending ? key.slice(1) : key;
    if (code === '_id') return { code, type: 'id', descending };
    if (code === '_lastUpdated') return { code, type: 'lastUpdated', descending };
    const def = resourceType ? searchParamsFor(resourceType).get(code) : undefined;
    if (!def || !isIndexedType(def.type)) {
      throw fail('_sort', `cannot sort by '${code.slice(0, 40)}'`);
    }
    return { code, type: def.type, descending };
  });
}

function parseInclude(key: string, value: string, resourceType: string | undefined, lenient?: boolean): IncludeSpec | undefined {
  const iterate = key.endsWith(':iterate');
  if (value === '*') return { sourceType: resourceType ?? '*', code: '*', iterate };
  const [sourceType, code, targetType] = value.split(':');
  const def = sourceType ? searchParamsFor(sourceType).get(code ?? '') : undefined;
  if (!def || def.type !== 'reference') {
    if (lenient) return undefined;
    throw fail(key, `'${value.slice(0, 60)}' must be Type:reference-parameter[:TargetType]`);
  }
  if (key.startsWith('_include') && !iterate && resourceType && sourceType !== resourceType) {
    throw fail(key, `${sourceType} is not the searched type ${resourceType} (use :iterate)`);
  }
  return { sourceType, code, targetType, iterate };
}

const PAGING = new Set(['_count', '_offset']);

/** The canonical query string of a request (for self/next/previous links). */
export function serializeSearch(request: SearchRequest, overrides: { offset?: number } = {}): string {
  const p = new URLSearchParams(request.raw.filter(([k]) => !PAGING.has(k)));
  p.set('_count', String(request.count));
  const offset = overrides.offset ?? request.offset;
  if (offset > 0) p.set('_offset', String(offset));
  return p.toString();
}

/**
 * The patient a search is pinned to: its first reference filter with one value naming one Patient
 * by id (`subject=Patient/x`, `subject:Patient=x`), optionally only among `params`. Such a search
 * can match only what refers to that patient.
 */
export function pinnedPatient(request: SearchRequest, params?: readonly string[]): { filter: Extract<Filter, { kind: 'param' }>; patientId: string } | undefined {
  for (const f of request.filters) {
    if (f.kind !== 'param' || f.type !== 'reference' || f.missing !== undefined || f.values.length !== 1 || f.and) continue;
    if (f.modifier !== undefined && f.modifier !== 'Patient') continue;
    if (params && !params.includes(f.code)) continue;
    const v = f.values[0];
    if (v.type === 'reference' && v.targetType === 'Patient' && v.id && !v.url) return { filter: f, patientId: v.id };
  }
  return undefined;
}
