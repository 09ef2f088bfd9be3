/**
 * Search index extraction: for every SearchParameter of the resource's type, evaluate its
 * expression and turn the values into typed rows (see index-rows.ts). One converter per parameter
 * type, chosen from a table.
 */
import { compileExpression, type Evaluator } from './fhirpath-lite.ts';
import { emptyIndexRows, type IndexRows } from './index-rows.ts';
import { COUNTED_ON_WRITE, type OnIndexFailure } from './index-failures.ts';
import { searchParamsFor, type SearchParamDef, type SearchParamType } from './registry.ts';
import { dateRange, normaliseString } from './values.ts';

import type { JsonObject } from '../json.ts';
type Converter = (rows: IndexRows, param: string, value: unknown) => void;

/** Parameters answered from the resource table itself, so they are not indexed again. */
const FROM_RESOURCE_TABLE = new Set(['_id', '_lastUpdated']);

interface Plan { code: string; type: SearchParamType; evaluate: Evaluator }
const plans = new Map<string, Plan[]>();

function planFor(resourceType: string): Plan[] {
  let plan = plans.get(resourceType);
  if (plan) return plan;
  plan = [...searchParamsFor(resourceType).values()]
    .filter((p: SearchParamDef) => p.expression && CONVERTERS[p.type] && !FROM_RESOURCE_TABLE.has(p.code))
    .map((p) => ({ code: p.code, type: p.type, evaluate: compileExpression(p.expression.replace(/^Resource\./, `${resourceType}.`)) }));
  plans.set(resourceType, plan);
  return plan;
}

/**
 * The resource's index rows; a parameter whose expression fails gets none, and `onFailure` is told.
 * The repository's write passes its runtime's counter; other callers (access checks, lookups) read
 * what a write extracts too, where a failure is counted.
 */
export function extractIndexRows(resource: JsonObject, onFailure: OnIndexFailure = COUNTED_ON_WRITE): IndexRows {
  const rows = emptyIndexRows();
  const resourceType = String(resource.resourceType);
  for (const { code, type, evaluate } of planFor(resourceType)) {
    const convert = CONVERTERS[type]!;
    for (const value of valuesOf(evaluate, resource, resourceType, code, onFailure)) convert(rows, code, value);
  }
  return dedupe(rows);
}

function valuesOf(evaluate: Evaluator, resource: JsonObject, resourceType: string, param: string, onFailure: OnIndexFailure): unknown[] {
  try {
    return evaluate(resource);
  } catch (error) {
    onFailure({ resourceType, param, error });
    return [];
  }
}

function str(rows: IndexRows, param: string, value: string): void {
  if (value.length === 0) return;
  rows.string.push({ param, value: normaliseString(value), exact: value });
}

const HUMAN_NAME_PARTS = ['text', 'family', 'given', 'prefix', 'suffix'];
const ADDRESS_PARTS = ['text', 'line', 'city', 'district', 'state', 'postalCode', 'country'];

function stringParts(rows: IndexRows, param: string, value: JsonObject, parts: string[]): void {
  for (const part of parts) {
    const v = value[part];
    if (typeof v === 'string') str(rows, param, v);
    else if (Array.isArray(v)) for (const x of v) if (typeof x === 'string') str(rows, param, x);
  }
}

function token(rows: IndexRows, param: string, system: unknown, code: unknown, display?: unknown): void {
  const c = typeof code === 'string' ? code : typeof code === 'boolean' || typeof code === 'number' ? String(code) : null;
  const s = typeof system === 'string' ? system : null;
  const d = typeof display === 'string' ? normaliseString(display) : null;
  if (c === null && s === null && d === null) return;
  rows.token.push({ param, system: s, code: c, display: d });
}

const CONTACT_SYSTEMS = new Set(['phone', 'fax', 'email', 'pager', 'url', 'sms', 'other']);

const CONVERTERS: Partial<Record<SearchParamType, Converter>> = {
  string(rows, param, value) {
    if (typeof value === 'string') return str(rows, param, value);
    if (!value || typeof value !== 'object') return;
    const v = value as JsonObject;
    if ('family' in v || 'given' in v) return stringParts(rows, param, v, HUMAN_NAME_PARTS);
    if ('line' in v || 'city' in v || 'postalCode' in v || 'country' in v || 'district' in v) return stringParts(rows, param, v, ADDRESS_PARTS);
    if (typeof v.text === 'string') str(rows, param, v.text);
  },
  token(rows, param, value) {
    if (typeof value === 'string' || typeof value === 'boolean' || typeof value === 'number') return token(rows, param, null, value);
    if (!value || typeof value !== 'object') return;
    const v = value as JsonObject;
    if (Array.isArray(v.coding) || ('text' in v && !('value' in v) && !('code' in v))) {
      for (const c of (v.coding as JsonObject[] | undefined) ?? []) token(rows, param, c.system, c.code, c.display);
      if (typeof v.text === 'string') token(rows, param, null, null, v.text);
      return;
    }
    if ('value' in v) {
      // ContactPoint (system is a short code) or Identifier (system is a URI)
      const system = typeof v.system === 'string' && CONTACT_SYSTEMS.has(v.system) ? null : v.system;
      return token(rows, param, system, v.value, (v.type as JsonObject | undefined)?.text);
    }
    if ('code' in v || 'system' in v) token(rows, param, v.system, v.code, v.display);
  },
  date(rows, param, value) {
    if (typeof value === 'string') {
      const r = dateRange(value);
      if (r) rows.date.push({ param, low: r[0], high: r[1] });
      return;
    }
    if (!value || typeof value !== 'object') return;
    const v = value as JsonObject;
    if ('start' in v || 'end' in v) {
      const lo = typeof v.start === 'string' ? dateRange(v.start)?.[0] : undefined;
      const hi = typeof v.end === 'string' ? dateRange(v.end)?.[1] : undefined;
      rows.date.push({ param, low: lo ?? '-infinity', high: hi ?? 'infinity' });
      return;
    }
    if (Array.isArray(v.event)) for (const e of v.event) CONVERTERS.date!(rows, param, e);
    const bounds = (v.repeat as JsonObject | undefined)?.boundsPeriod;
    if (bounds) CONVERTERS.date!(rows, param, bounds);
  },
  number(rows, param, value) {
    if (typeof value !== 'number' || !Number.isFinite(value)) return;
    const s = String(value);
    rows.number.push({ param, value: s, low: s, high: s });
  },
  quantity(rows, param, value) {
    if (!value || typeof value !== 'object') return;
    const v = value as JsonObject;
    if (typeof v.value !== 'number' || !Number.isFinite(v.value)) return;
    const s = String(v.value);
    rows.quantity.push({
      param, value: s, low: s, high: s,
      system: typeof v.system === 'string' ? v.system : null,
      code: typeof v.code === 'string' ? v.code : null,
      unit: typeof v.unit === 'string' ? v.unit : typeof v.currency === 'string' ? v.currency : null,
    });
  },
  reference(rows, param, value) {
    if (typeof value === 'string') {
      rows.reference.push({ param, targetType: null, targetId: null, url: value });
      return;
    }
    if (!value || typeof value !== 'object') return;
    const v = value as JsonObject;
    if (v.identifier && typeof v.identifier === 'object') {
      const i = v.identifier as JsonObject;
      token(rows, `${param}:identifier`, i.system, i.value);
    }
    if (typeof v.reference !== 'string' || v.reference.startsWith('#')) return;
    const target = parseReference(v.reference);
    rows.reference.push({ param, targetType: target?.type ?? null, targetId: target?.id ?? null, url: target ? null : v.reference });
  },
  uri(rows, param, value) {
    if (typeof value === 'string' && value.length > 0) rows.uri.push({ param, value });
  },
};

const RELATIVE = /^([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/[A-Za-z0-9\-.]+)?$/;
const ABSOLUTE = /\/([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/[A-Za-z0-9\-.]+)?$/;

/** `Patient/1`, `Patient/1/_history/2`, or an absolute URL ending in `/Patient/1`. */
function parseReference(reference: string): { type: string; id: string } | undefined {
  const m = RELATIVE.exec(reference) ?? (/^https?:\/\//.test(reference) ? ABSOLUTE.exec(reference) : null);
  return m ? { type: m[1], id: m[2] } : undefined;
}

function dedupe(rows: IndexRows): IndexRows {
  for (const key of Object.keys(rows) as Array<keyof IndexRows>) {
    const list = rows[key] as unknown[];
    if (list.length < 2) continue;
    const seen = new Set<string>();
    (rows as unknown as Record<string, unknown[]>)[key] = list.filter((r) => {
      const k = JSON.stringify(r);
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
  }
  return rows;
}
