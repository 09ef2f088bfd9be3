/**
 * Evaluates SearchParameter expressions on write. Most R4 expressions are plain paths, unions of
 * paths, `(X as Type)`, `.where(system='…')` or `.where(resolve() is Type)`; those are compiled
 * into direct property walks (fast, no allocation beyond the result). Anything else falls back to
 * the fhirpath library, compiled once per expression.
 */
import fhirpath from 'fhirpath';
import r4model from 'fhirpath/fhir-context/r4/index.js';
import { splitUnion } from './registry.ts';

import type { JsonObject } from '../json.ts';
export type Evaluator = (resource: JsonObject) => unknown[];

interface Step { name: string; whereKey?: string; whereValue?: string }

const PATH = /^[A-Za-z][A-Za-z0-9]*(\.[a-z][A-Za-z0-9]*)*$/;

const cache = new Map<string, Evaluator>();

export function compileExpression(expression: string): Evaluator {
  const cached = cache.get(expression);
  if (cached) return cached;
  const parts = splitUnion(expression).map(compilePart);
  const evaluator: Evaluator = parts.length === 1 ? parts[0] : (r) => parts.flatMap((p) => p(r));
  cache.set(expression, evaluator);
  return evaluator;
}

function compilePart(part: string): Evaluator {
  let expr = part.trim();
  let referenceType: string | undefined;
  const resolveIs = /\.where\(resolve\(\) is ([A-Za-z]+)\)$/.exec(expr);
  if (resolveIs) {
    referenceType = resolveIs[1];
    expr = expr.slice(0, resolveIs.index);
  }
  const steps = toSteps(expr);
  if (!steps) return fallback(part);
  const walk = (resource: JsonObject) => walkPath(resource, steps);
  if (!referenceType) return walk;
  const prefix = `${referenceType}/`;
  return (resource) =>
    walk(resource).filter((v) => {
      const ref = (v as { reference?: unknown })?.reference;
      return typeof ref === 'string' && (ref.startsWith(prefix) || ref.includes(`/${prefix}`));
    });
}

/** `Patient.name.given`, `(Observation.value as Quantity)`, `X.telecom.where(system='phone')` → steps. */
function toSteps(expr: string): Step[] | undefined {
  let e = expr;
  const asType = /^\(?\s*([A-Za-z][A-Za-z0-9.]*)\s+as\s+([A-Za-z]+)\s*\)?$/.exec(e) ?? /^([A-Za-z][A-Za-z0-9.]*)\.as\(([A-Za-z]+)\)$/.exec(e);
  if (asType) e = `${asType[1]}${asType[2][0].toUpperCase()}${asType[2].slice(1)}`;
  let where: { key: string; value: string } | undefined;
  const w = /\.where\(([a-z][A-Za-z]*)\s*=\s*'([^']*)'\)$/.exec(e);
  if (w) {
    where = { key: w[1], value: w[2] };
    e = e.slice(0, w.index);
  }
  if (!PATH.test(e)) return undefined;
  const names = e.split('.').slice(1); // drop the resource type
  if (names.length === 0) return undefined;
  const steps: Step[] = names.map((name) => ({ name }));
  if (where) Object.assign(steps[steps.length - 1], { whereKey: where.key, whereValue: where.value });
  return steps;
}

function walkPath(resource: JsonObject, steps: Step[]): unknown[] {
  let current: unknown[] = [resource];
  for (const step of steps) {
    const next: unknown[] = [];
    for (const node of current) {
      if (node === null || typeof node !== 'object') continue;
      collect(next, child(node as JsonObject, step.name));
    }
    current = step.whereKey ? next.filter((v) => (v as JsonObject)?.[step.whereKey!] === step.whereValue) : next;
    if (current.length === 0) return current;
  }
  return current;
}

/** A property, or the matching choice-type property (`effective` → `effectiveDateTime`). */
function child(node: JsonObject, name: string): unknown {
  const direct = node[name];
  if (direct !== undefined) return direct;
  for (const key in node) {
    if (key.length > name.length && key.startsWith(name)) {
      const c = key.charCodeAt(name.length);
      if (c >= 65 && c <= 90) return node[key];
    }
  }
  return undefined;
}

function collect(into: unknown[], value: unknown): void {
  if (value === undefined || value === null) return;
  if (Array.isArray(value)) {
    for (const v of value) if (v !== null && v !== undefined) into.push(v);
  } else into.push(value);
}

function fallback(expression: string): Evaluator {
  let compiled: ((resource: unknown) => unknown[]) | undefined;
  try {
    compiled = fhirpath.compile(expression, r4model) as unknown as (resource: unknown) => unknown[];
  } catch {
    // Only a syntax the library does not support lands here, the same on every start: such a
    // parameter indexes nothing (its expression is fixed by the packaged definitions, not by input).
    compiled = undefined;
  }
  // An evaluation that fails throws: the extraction logs and counts it (index-failures.ts).
  return (resource) => {
    if (!compiled) return [];
    return compiled(resource).map((v) => (v && typeof v === 'object' && 'data' in (v as object) ? (v as { data: unknown }).data : v));
  };
}
