/**
 * The CapabilityStatement, generated from what the server actually has: the resource types the
 * validator knows, the SearchParameters the registry indexes, the interactions the router
 * implements, the operations registered and the profiles in our implementation guide.
 */
import { searchParamsFor } from '../fhir/search/registry.ts';
import type { Validator } from '../fhir/validation/index.ts';

interface CapabilityInput {
  validator: Validator;
  version: string;
  baseUrl?: string;
  operations: Array<{ name: string; definition: string; resourceTypes?: string[] }>;
  /** Facts about the running server for `rest.documentation` (e.g. which code lists are loaded). */
  notes?: string[];
  /**
   * How callers authenticate: absent when the server runs without tokens (development only);
   * the endpoints are given when this server issues the tokens.
   */
  security?: { authorize?: string; token?: string; revoke?: string };
}

/** Our implementation guide (fhir/ImplementationGuide-helsebro.json). */
const IMPLEMENTATION_GUIDE = 'https://helsebro.no/fhir/ImplementationGuide/helsebro';
const OAUTH_URIS = 'http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris';

const TYPE_INTERACTIONS = ['read', 'vread', 'update', 'patch', 'delete', 'history-instance', 'history-type', 'create', 'search-type'];
/** Types whose REST interactions are narrower than the rest: the audit trail is written by the server alone. */
const READ_ONLY_TYPES = new Set(['AuditEvent']);
const READ_INTERACTIONS = ['read', 'vread', 'search-type'];
const COMMON = new Set(['_id', '_lastUpdated', '_profile', '_tag', '_security', '_source', '_text', '_content', '_list', '_has', '_type', '_query', '_filter']);

export function buildCapabilityStatement(input: CapabilityInput, now = new Date()): Record<string, unknown> {
  const profilesByType = new Map<string, string[]>();
  for (const r of input.validator.igResources()) {
    if (r.resourceType !== 'StructureDefinition' || r.derivation !== 'constraint' || typeof r.type !== 'string') continue;
    profilesByType.set(r.type, [...(profilesByType.get(r.type) ?? []), String(r.url)]);
  }
  const resources = input.validator.resourceTypes().map((type) => {
    const params = [...searchParamsFor(type).values()]
      .filter((p) => !COMMON.has(p.code) || p.code === '_id' || p.code === '_lastUpdated')
      .map((p) => ({ name: p.code, definition: p.url, type: p.type }));
    const readOnly = READ_ONLY_TYPES.has(type);
    const entry: Record<string, unknown> = {
      type,
      interaction: (readOnly ? READ_INTERACTIONS : TYPE_INTERACTIONS).map((code) => ({ code })),
      versioning: 'versioned-update',
      readHistory: !readOnly,
      ...(readOnly ? {} : { updateCreate: true, conditionalCreate: true, conditionalUpdate: true, conditionalDelete: 'single' }),
      conditionalRead: 'not-supported',
      referencePolicy: ['literal', 'logical'],
      searchInclude: ['*'],
      searchRevInclude: ['*'],
      ...(params.length ? { searchParam: params } : {}),
    };
    const profiles = profilesByType.get(type);
    if (profiles) entry.supportedProfile = profiles;
    const ops = input.operations.filter((o) => !o.resourceTypes || o.resourceTypes.includes(type));
    if (ops.length) entry.operation = ops.map((o) => ({ name: o.name, definition: o.definition }));
    return entry;
  });
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: now.toISOString(),
    publisher: 'Helsebro',
    kind: 'instance',
    software: { name: 'Helsebro', version: input.version },
    implementation: { description: 'Helsebro FHIR R4 hub', ...(input.baseUrl ? { url: input.baseUrl } : {}) },
    fhirVersion: '4.0.1',
    format: ['application/fhir+json', 'json'],
    patchFormat: ['application/json-patch+json'],
    implementationGuide: [IMPLEMENTATION_GUIDE],
    rest: [
      {
        mode: 'server',
        ...(input.notes?.length ? { documentation: input.notes.join('\n') } : {}),
        ...(input.security ? { security: securityOf(input.security) } : {}),
        resource: resources,
        interaction: [{ code: 'transaction' }, { code: 'batch' }, { code: 'search-system' }, { code: 'history-system' }],
        searchParam: [
          { name: '_id', type: 'token' },
          { name: '_lastUpdated', type: 'date' },
          { name: '_tag', type: 'token' },
          { name: '_profile', type: 'uri' },
          { name: '_security', type: 'token' },
          { name: '_type', type: 'token' },
        ],
        ...nonEmpty('operation', input.operations.filter((o) => !o.resourceTypes).map((o) => ({ name: o.name, definition: o.definition }))),
      },
    ],
  };
}

/** FHIR JSON has no empty arrays: an element with nothing in it is left out. */
const nonEmpty = <T>(name: string, items: T[]): Record<string, T[]> => (items.length ? { [name]: items } : {});

function securityOf(endpoints: { authorize?: string; token?: string; revoke?: string }): Record<string, unknown> {
  const uris = [
    ...(endpoints.authorize ? [{ url: 'authorize', valueUri: endpoints.authorize }] : []),
    ...(endpoints.token ? [{ url: 'token', valueUri: endpoints.token }] : []),
    ...(endpoints.revoke ? [{ url: 'revoke', valueUri: endpoints.revoke }] : []),
  ];
  return {
    ...(uris.length ? { extension: [{ url: OAUTH_URIS, extension: uris }] } : {}),
    cors: true,
    service: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/restful-security-service', code: 'SMART-on-FHIR' }], text: 'OAuth2 using SMART-on-FHIR profile' }],
    description: 'Every request but /metadata needs a bearer token (SMART App Launch 2.2 or Backend Services); discovery at .well-known/smart-configuration.',
  };
}
