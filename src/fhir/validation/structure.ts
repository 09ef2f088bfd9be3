/**
 * Structural validation against the base R4 definitions: known elements, JSON shapes (array or
 * single), cardinality, choice types, primitive formats, required bindings, and contained and
 * nested resources. Each issue names the element path with array indices (`Patient.name[0].given[1]`).
 */
import type { OutcomeIssue } from '../outcome.ts';
import type { ElementDef, PropertyDef, StructureIndex } from '../definitions/structure-definitions.ts';
import { expandValueSet } from '../definitions/value-sets.ts';
import { checkInvariants, usableInvariants, type Invariant } from './invariants.ts';
import { checkPrimitive, describe, PRIMITIVES } from './primitives.ts';

const invariantCache = new WeakMap<ElementDef, Invariant[]>();

const typeInvariantCache = new WeakMap<ElementDef, Invariant[]>();

/** Constraints on a data type itself (e.g. Period per-1: start before end). */
function typeInvariants(root: ElementDef): Invariant[] {
  let list = typeInvariantCache.get(root);
  if (!list) typeInvariantCache.set(root, (list = usableInvariants(root.constraints)));
  return list;
}

/** The element's own FHIRPath constraints that we can evaluate (generic ele-1/ext-1 excluded). */
function elementInvariants(el: ElementDef): Invariant[] {
  let list = invariantCache.get(el);
  if (!list) invariantCache.set(el, (list = el.path.includes('.') ? usableInvariants(el.constraints) : []));
  return list;
}

import type { JsonObject } from '../json.ts';

interface StructureContext {
  idx: StructureIndex;
  issues: OutcomeIssue[];
  /** Calls back for every resource met (root, contained, Bundle entries) so invariants can run on it. */
  onResource?: (resource: JsonObject, path: string) => void;
}

const MAX_ISSUES = 100;

function error(ctx: StructureContext, code: OutcomeIssue['code'], path: string, diagnostics: string): void {
  if (ctx.issues.length >= MAX_ISSUES) return;
  ctx.issues.push({ severity: 'error', code, diagnostics: `${path}: ${diagnostics}`, expression: [path] });
}

export function validateResourceStructure(resource: unknown, ctx: StructureContext, path?: string): void {
  if (resource === null || typeof resource !== 'object' || Array.isArray(resource)) {
    error(ctx, 'structure', path ?? 'Resource', `must be a JSON object holding a resource, not ${describe(resource)}`);
    return;
  }
  const r = resource as JsonObject;
  const type = r.resourceType;
  if (typeof type !== 'string' || ctx.idx.kinds.get(type) !== 'resource' || ctx.idx.abstract.has(type)) {
    error(ctx, 'structure', path ? `${path}.resourceType` : 'resourceType', `'${String(type).slice(0, 60)}' is not a known resource type`);
    return;
  }
  const here = path ?? type;
  validateObject(r, type, here, ctx, true);
  ctx.onResource?.(r, here);
}

/** Validates the properties of `obj` against the element definitions under `defPath`. */
function validateObject(obj: JsonObject, defPath: string, exprPath: string, ctx: StructureContext, isResource = false): void {
  const props = ctx.idx.properties.get(defPath);
  if (!props) return;
  let keys = 0;
  let choices: Set<string> | undefined;
  for (const key in obj) {
    keys++;
    if (isResource && key === 'resourceType') continue;
    const value = obj[key];
    if (key.startsWith('_')) {
      validatePrimitiveExtension(props, key, value, `${exprPath}.${key}`, obj, ctx);
      continue;
    }
    const prop = props.get(key);
    if (!prop) {
      error(ctx, 'structure', `${exprPath}.${key}`, `unknown element '${key.slice(0, 60)}' on ${defPath}`);
      continue;
    }
    if (prop.element.path.endsWith('[x]')) {
      choices ??= new Set();
      if (choices.has(prop.element.path)) {
        error(ctx, 'structure', `${exprPath}.${key}`, `only one type of ${prop.element.path.slice(prop.element.path.lastIndexOf('.') + 1)} may be given`);
      }
      choices.add(prop.element.path);
    }
    validateProperty(prop, value, `${exprPath}.${key}`, ctx);
  }
  if (keys === 0 || (isResource && keys === 1)) {
    if (!isResource) error(ctx, 'structure', exprPath, 'must not be an empty object');
  }
  for (const req of ctx.idx.required.get(defPath) ?? []) {
    const name = req.path.slice(req.path.lastIndexOf('.') + 1);
    if (!present(obj, name)) error(ctx, 'required', `${exprPath}.${name.replace('[x]', '')}`, `is required (min ${req.min})`);
  }
}

function present(obj: JsonObject, name: string): boolean {
  if (!name.endsWith('[x]')) return obj[name] !== undefined || obj[`_${name}`] !== undefined;
  const base = name.slice(0, -3);
  for (const key in obj) if (key.startsWith(base) && key.length > base.length && /[A-Z]/.test(key[base.length])) return true;
  return false;
}

function validateProperty(prop: PropertyDef, value: unknown, path: string, ctx: StructureContext): void {
  const el = prop.element;
  const many = el.max !== '1' && el.max !== '0';
  if (el.max === '0') {
    error(ctx, 'structure', path, 'is not allowed here');
    return;
  }
  if (Array.isArray(value)) {
    if (!many) {
      error(ctx, 'structure', path, 'must be a single value, not an array');
      return;
    }
    if (value.length === 0) {
      error(ctx, 'structure', path, 'must not be an empty array');
      return;
    }
    const max = el.max === '*' ? Infinity : Number(el.max);
    if (value.length > max) error(ctx, 'structure', path, `has ${value.length} items; at most ${el.max} allowed`);
    value.forEach((v, i) => validateValue(prop, v, `${path}[${i}]`, ctx));
    return;
  }
  if (many) {
    error(ctx, 'structure', path, 'must be an array');
    return;
  }
  validateValue(prop, value, path, ctx);
}

function validateValue(prop: PropertyDef, value: unknown, path: string, ctx: StructureContext): void {
  const { element: el, type } = prop;
  if (value === null) {
    error(ctx, 'structure', path, 'must not be null');
    return;
  }
  if (PRIMITIVES.has(type)) {
    const problem = checkPrimitive(type, value);
    if (problem) return error(ctx, 'value', path, problem);
    if (el.binding?.strength === 'required' && el.binding.valueSet && (type === 'code')) checkCode(ctx, path, el, undefined, value as string);
    return;
  }
  if (type === 'Resource' || (ctx.idx.kinds.get(type) === 'resource')) {
    validateResourceStructure(value, ctx, path);
    return;
  }
  if (typeof value !== 'object' || Array.isArray(value)) {
    error(ctx, 'structure', path, `must be an object (${type}), not ${describe(value)}`);
    return;
  }
  const obj = value as JsonObject;
  // Inline children (BackboneElement, or Element with children in this definition) or a content reference.
  const target = el.contentReference ? el.contentReference.slice(1) : el.path;
  if (ctx.idx.properties.has(target) && (type === 'BackboneElement' || type === 'Element' || el.contentReference)) {
    validateObject(obj, target, path, ctx);
  } else if (ctx.idx.properties.has(type)) {
    validateObject(obj, type, path, ctx);
  }
  const invariants = elementInvariants(el);
  if (invariants.length > 0) checkInvariants(obj, path, invariants, ctx.issues);
  const typeRoot = ctx.idx.elements.get(type);
  const ofType = typeRoot ? typeInvariants(typeRoot) : [];
  if (ofType.length > 0) checkInvariants(obj, path, ofType, ctx.issues);
  if (el.binding?.strength === 'required' && el.binding.valueSet) {
    if (type === 'Coding') checkCode(ctx, path, el, obj.system, obj.code);
    if (type === 'CodeableConcept' && Array.isArray(obj.coding)) {
      (obj.coding as JsonObject[]).forEach((c, i) => checkCode(ctx, `${path}.coding[${i}]`, el, c?.system, c?.code));
    }
    if (type === 'Quantity' && obj.code !== undefined) checkCode(ctx, path, el, obj.system, obj.code);
  }
}

function checkCode(ctx: StructureContext, path: string, el: ElementDef, system: unknown, code: unknown): void {
  if (typeof code !== 'string') return;
  const expansion = expandValueSet(el.binding!.valueSet!);
  if (!expansion) return;
  if (typeof system === 'string') {
    const codes = expansion.bySystem.get(system);
    if (!codes) {
      error(ctx, 'code-invalid', path, `system '${system.slice(0, 80)}' is not allowed by the required value set ${el.binding!.valueSet}`);
      return;
    }
    if (!codes.has(code)) error(ctx, 'code-invalid', path, `code '${code.slice(0, 60)}' is not in the required value set ${el.binding!.valueSet}`);
    return;
  }
  if (!expansion.codes.has(code)) error(ctx, 'code-invalid', path, `code '${code.slice(0, 60)}' is not in the required value set ${el.binding!.valueSet}`);
}

/** `_birthDate` carries id/extension for the primitive `birthDate`. */
function validatePrimitiveExtension(props: Map<string, PropertyDef>, key: string, value: unknown, path: string, owner: JsonObject, ctx: StructureContext): void {
  const prop = props.get(key.slice(1));
  if (!prop || !PRIMITIVES.has(prop.type)) {
    error(ctx, 'structure', path, `unknown element '${key.slice(0, 60)}'`);
    return;
  }
  const check = (v: unknown, p: string) => {
    if (v === null) return;
    if (typeof v !== 'object' || Array.isArray(v)) return error(ctx, 'structure', p, 'must be an object with id and/or extension');
    validateObject(v as JsonObject, 'Element', p, ctx);
  };
  if (Array.isArray(value)) {
    const base = owner[key.slice(1)];
    if (base !== undefined && (!Array.isArray(base) || base.length !== value.length)) error(ctx, 'structure', path, `must have as many items as ${key.slice(1)}`);
    value.forEach((v, i) => check(v, `${path}[${i}]`));
  } else check(value, path);
}
