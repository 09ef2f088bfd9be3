/**
 * FHIRPath invariants: the resource-level constraints of the R4 definitions (e.g. `pat-1`,
 * `obs-6`, `que-2`) and those of our profiles, compiled once with the fhirpath library. Generic
 * element rules that hold everywhere (ele-1: no empty elements) are enforced by the structural
 * walk instead; `dom-*` narrative/contained rules that need a full resolver are skipped.
 * Custom functions give profiles the Norwegian identifier checks (`nbValidFnr()` and friends).
 */
import fhirpath from 'fhirpath';
import r4model from 'fhirpath/fhir-context/r4/index.js';
import { isValidDnr, isValidFnr, isValidHprNumber, isValidOrgnr } from '../../domain/identity/index.ts';
import type { OutcomeIssue } from '../outcome.ts';

type Compiled = (resource: unknown) => unknown[];

export interface Invariant {
  key: string;
  severity: string;
  human: string;
  expression: string;
}

const SKIPPED = new Set(['dom-2', 'dom-3', 'dom-4', 'dom-5', 'dom-6', 'ele-1', 'ext-1']);

const stringCheck = (check: (v: string) => boolean) => ({
  fn: (inputs: unknown[]) => inputs.map((v) => typeof v === 'string' && check(v)),
  arity: { 0: [] },
});

/** Functions our profiles may call in their constraint expressions. */
const USER_FUNCTIONS = {
  nbValidFnr: stringCheck(isValidFnr),
  nbValidDnr: stringCheck(isValidDnr),
  nbValidHpr: stringCheck(isValidHprNumber),
  nbValidOrgnr: stringCheck(isValidOrgnr),
};

const compiled = new Map<string, Compiled | null>();

function compile(expression: string): Compiled | null {
  if (compiled.has(expression)) return compiled.get(expression)!;
  let fn: Compiled | null = null;
  try {
    fn = fhirpath.compile(expression, r4model, { userInvocationTable: USER_FUNCTIONS, traceFn: () => undefined } as never) as unknown as Compiled;
  } catch {
    fn = null; // not supported by the library: documented in docs/validation.md as skipped
  }
  compiled.set(expression, fn);
  return fn;
}

export function usableInvariants(list: Invariant[]): Invariant[] {
  // %rootResource needs the enclosing resource, which an element-level evaluation does not have (ref-1).
  return list.filter((c) => !SKIPPED.has(c.key) && c.severity === 'error' && !c.expression.includes('%rootResource') && compile(c.expression) !== null);
}

export function checkInvariants(resource: unknown, path: string, invariants: Invariant[], issues: OutcomeIssue[]): void {
  for (const inv of invariants) {
    const fn = compile(inv.expression)!;
    let ok: boolean;
    try {
      const result = fn(resource);
      ok = result.length === 0 || result.every((v) => v === true);
    } catch {
      continue; // an expression that cannot be evaluated on this input is not held against the client
    }
    if (!ok) {
      issues.push({ severity: 'error', code: 'invariant', diagnostics: `${path}: ${inv.key}: ${inv.human}`, expression: [path] });
    }
  }
}
