/**
 * JSON Patch (RFC 6902) on a stored resource, with bounded work. A patch is applied one operation
 * at a time against a running size of the document, so it can never build more than the limit:
 * before this, 40 `copy` operations in a 2 KB body, each copying a subtree into itself, doubled the
 * document 40 times (two minutes and 4 GB on one request). Malformed patches are 400; a patch that
 * cannot be applied (a failed `test`, a path that does not exist) or whose result would be too
 * large is 422. https://datatracker.ietf.org/doc/html/rfc6902, https://hl7.org/fhir/R4/http.html#patch
 */
import jsonpatch, { type Operation } from 'fast-json-patch';
import { badRequest, cannotProcess, FhirError, tooCostly } from '../fhir/outcome.ts';
import type { FhirResource } from '../store/repository.ts';

interface PatchLimits {
  /** Operations in one patch. */
  readonly maxOperations: number;
  /** Size of the patched resource as JSON, in bytes (the server's request body limit). */
  readonly maxResultBytes: number;
}

export const MAX_PATCH_OPERATIONS = 100;

const OPERATIONS = new Set(['add', 'remove', 'replace', 'move', 'copy', 'test']);
/** Keys no FHIR resource has, which reach an object's prototype when used as property names. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

const bytes = (value: unknown) => (value === undefined ? 0 : Buffer.byteLength(JSON.stringify(value)));

function overLimit(limit: keyof PatchLimits, value: number, what: string, status: number): FhirError {
  return tooCostly(status, `patch limit ${limit}`, value, what);
}

function cannotApply(diagnostics: string, cause?: unknown): FhirError {
  return cannotProcess(diagnostics, cause);
}

/** The reference tokens of a JSON Pointer (`~1` is `/`, `~0` is `~`). */
function pointerKeys(pointer: string): string[] {
  return pointer.split('/').slice(1).map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** The shape of one operation, before the document is looked at: 400 for what no document could make right. */
function checkOperation(op: unknown, index: number): Operation {
  const at = `JSON Patch operation ${index}`;
  if (typeof op !== 'object' || op === null || Array.isArray(op)) throw badRequest(`${at} is not an object`);
  const { op: name, path, from } = op as { op?: unknown; path?: unknown; from?: unknown };
  if (typeof name !== 'string' || !OPERATIONS.has(name)) throw badRequest(`${at}: 'op' must be one of ${[...OPERATIONS].join(', ')}`);
  const error = jsonpatch.validate([op as Operation]);
  if (error) throw badRequest(`${at}: ${error.message.split('\n')[0]}`);
  for (const pointer of [path, from]) {
    if (typeof pointer !== 'string') continue;
    const key = pointerKeys(pointer).find((k) => FORBIDDEN_KEYS.has(k));
    if (key) throw badRequest(`${at}: the key '${key}' is not allowed in a path`);
  }
  if (name === 'remove' && path === '') throw badRequest(`${at}: the resource itself cannot be removed`);
  if (name === 'move' && typeof from === 'string' && path !== from && String(path).startsWith(`${from}/`)) {
    throw badRequest(`${at}: '${from.slice(0, 80)}' cannot be moved into its own child`);
  }
  return op as Operation;
}

/** How many bytes the document grows by when `op` is applied (an estimate within the keys' and commas' few bytes). */
function growth(document: unknown, op: Operation): number {
  const at = (pointer: string) => {
    try {
      return bytes(jsonpatch.getValueByPointer(document, pointer));
    } catch {
      return 0; // a path that does not resolve: applying the operation says so
    }
  };
  switch (op.op) {
    case 'add': return bytes(op.value);
    case 'replace': return bytes(op.value) - at(op.path);
    case 'copy': return at(op.from);
    case 'remove': return -at(op.path);
    default: return 0;
  }
}

/** Applies `operations` to `document` (which it changes) and returns the result, within `limits`. */
export function applyJsonPatch(document: FhirResource, operations: unknown, limits: PatchLimits): FhirResource {
  if (!Array.isArray(operations)) throw badRequest('A JSON Patch body must be an array of operations');
  if (operations.length > limits.maxOperations) {
    throw overLimit('maxOperations', limits.maxOperations, `The patch has ${operations.length} operations`, 400);
  }
  const checked = operations.map(checkOperation);
  let result: unknown = document;
  let size = bytes(document);
  checked.forEach((op, index) => {
    size += growth(result, op);
    if (size > limits.maxResultBytes) {
      throw overLimit('maxResultBytes', limits.maxResultBytes, `Operation ${index} would make the resource larger than ${limits.maxResultBytes} bytes`, 422);
    }
    try {
      result = jsonpatch.applyOperation(result, op, true, true, true, index).newDocument;
    } catch (err) {
      const message = err instanceof Error ? err.message.split('\n')[0] : String(err);
      if ((err as { name?: string }).name === 'TEST_OPERATION_FAILED') throw cannotApply(`JSON Patch test failed: operation ${index}`, err);
      throw cannotApply(`JSON Patch operation ${index} failed: ${message}`, err);
    }
  });
  if (typeof result !== 'object' || result === null || Array.isArray(result)) throw cannotApply('The patched resource is not a JSON object');
  if (bytes(result) > limits.maxResultBytes) {
    throw overLimit('maxResultBytes', limits.maxResultBytes, `The patched resource is larger than ${limits.maxResultBytes} bytes`, 422);
  }
  return result as FhirResource;
}
