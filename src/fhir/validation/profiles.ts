/**
 * Profiles from our implementation guide (StructureDefinitions with derivation = constraint in
 * `fhir/`). We apply their differential: tighter cardinality, fixed and pattern values, required
 * bindings, and their FHIRPath constraints (which may use the Norwegian identifier functions).
 */
import type { OutcomeIssue } from '../outcome.ts';
import { checkInvariants, usableInvariants, type Invariant } from './invariants.ts';

import type { JsonObject } from '../json.ts';

interface DiffElement {
  path: string;
  sliceName?: string;
  min?: number;
  max?: string;
  constraint?: Invariant[];
  [key: string]: unknown;
}

export interface Profile {
  url: string;
  type: string;
  elements: DiffElement[];
  /** Constraints with the element path they sit on (evaluated on each value found there). */
  invariants: Array<{ path: string; invariants: Invariant[] }>;
}

export function toProfile(sd: JsonObject): Profile | undefined {
  if (sd.resourceType !== 'StructureDefinition' || sd.derivation !== 'constraint' || typeof sd.type !== 'string') return undefined;
  const elements = ((sd.differential as { element?: DiffElement[] } | undefined)?.element ?? []).filter((e) => !e.sliceName);
  const invariants = elements
    .filter((e) => e.constraint?.length)
    .map((e) => ({ path: e.path, invariants: usableInvariants(e.constraint!.map((c) => ({ ...c, severity: c.severity ?? 'error' }))) }));
  return { url: String(sd.url), type: sd.type, elements, invariants };
}

/** Values at a dotted path below the resource (arrays flattened), with their expression paths. */
function valuesAt(resource: JsonObject, path: string): Array<{ value: unknown; expr: string }> {
  const names = path.split('.').slice(1);
  let current: Array<{ value: unknown; expr: string }> = [{ value: resource, expr: String(resource.resourceType) }];
  for (const name of names) {
    const next: Array<{ value: unknown; expr: string }> = [];
    for (const { value, expr } of current) {
      const v = (value as JsonObject | undefined)?.[name];
      if (Array.isArray(v)) v.forEach((x, i) => next.push({ value: x, expr: `${expr}.${name}[${i}]` }));
      else if (v !== undefined) next.push({ value: v, expr: `${expr}.${name}` });
    }
    current = next;
  }
  return current;
}

function parentsOf(resource: JsonObject, path: string): Array<{ value: unknown; expr: string }> {
  const parent = path.slice(0, path.lastIndexOf('.'));
  return parent.includes('.') ? valuesAt(resource, parent) : [{ value: resource, expr: String(resource.resourceType) }];
}

function matches(pattern: unknown, value: unknown): boolean {
  if (pattern === null || typeof pattern !== 'object') return pattern === value;
  if (Array.isArray(pattern)) return Array.isArray(value) && pattern.every((p) => value.some((v) => matches(p, v)));
  if (value === null || typeof value !== 'object') return false;
  return Object.entries(pattern as JsonObject).every(([k, p]) => matches(p, (value as JsonObject)[k]));
}

export function checkProfile(resource: JsonObject, profile: Profile, issues: OutcomeIssue[]): void {
  const who = `profile ${profile.url}`;
  for (const el of profile.elements) {
    if (!el.path.includes('.')) continue;
    const name = el.path.slice(el.path.lastIndexOf('.') + 1);
    if (el.min !== undefined && el.min > 0) {
      for (const parent of parentsOf(resource, el.path)) {
        const v = (parent.value as JsonObject)?.[name];
        const count = Array.isArray(v) ? v.length : v === undefined ? 0 : 1;
        if (count < el.min) issues.push({ severity: 'error', code: 'required', diagnostics: `${parent.expr}.${name}: ${who} requires at least ${el.min}`, expression: [`${parent.expr}.${name}`] });
      }
    }
    if (el.max !== undefined && el.max !== '*') {
      for (const parent of parentsOf(resource, el.path)) {
        const v = (parent.value as JsonObject)?.[name];
        const count = Array.isArray(v) ? v.length : v === undefined ? 0 : 1;
        if (count > Number(el.max)) issues.push({ severity: 'error', code: 'structure', diagnostics: `${parent.expr}.${name}: ${who} allows at most ${el.max}`, expression: [`${parent.expr}.${name}`] });
      }
    }
    for (const key of Object.keys(el)) {
      if (!key.startsWith('pattern') && !key.startsWith('fixed')) continue;
      for (const { value, expr } of valuesAt(resource, el.path)) {
        if (!matches(el[key], value)) issues.push({ severity: 'error', code: 'value', diagnostics: `${expr}: ${who} requires ${JSON.stringify(el[key]).slice(0, 120)}`, expression: [expr] });
      }
    }
  }
  for (const { path, invariants } of profile.invariants) {
    const targets = path.includes('.') ? valuesAt(resource, path) : [{ value: resource, expr: profile.type }];
    for (const { value, expr } of targets) checkInvariants(value, expr, invariants, issues);
  }
}
