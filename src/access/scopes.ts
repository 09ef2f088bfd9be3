/**
 * SMART on FHIR scopes (App Launch 2.2, https://hl7.org/fhir/smart-app-launch/scopes-and-launch-context.html):
 * v2 `patient/Observation.rs`, `user/*.cruds`, `system/Patient.r`, and v1 `patient/*.read` / `.write`.
 * Parsed once into data; `permits` answers whether a set of scopes allows one interaction.
 */
type ScopeContext = 'patient' | 'user' | 'system';
export type Permission = 'c' | 'r' | 'u' | 'd' | 's';

/** What each permission lets one do, in words (for refusals). */
export const PERMISSION_VERB: Record<Permission, string> = { c: 'create', r: 'read', u: 'update', d: 'delete', s: 'search' };

interface ResourceScope {
  context: ScopeContext;
  /** A resource type or '*'. */
  resourceType: string;
  permissions: ReadonlySet<Permission>;
  /** v2 query restriction (e.g. `category=…`), kept verbatim. */
  query?: string;
}

export interface ParsedScopes {
  resources: ResourceScope[];
  /** openid, fhirUser, launch, launch/patient, offline_access, … */
  other: Set<string>;
}

const V2 = /^(patient|user|system)\/(\*|[A-Z][A-Za-z]+)\.([cruds]+)(\?.*)?$/;
const V1 = /^(patient|user|system)\/(\*|[A-Z][A-Za-z]+)\.(read|write|\*)$/;
const ORDER = 'cruds';

export function parseScopes(scope: string): ParsedScopes {
  const resources: ResourceScope[] = [];
  const other = new Set<string>();
  for (const token of scope.split(/\s+/).filter(Boolean)) {
    const v2 = V2.exec(token);
    if (v2 && isOrdered(v2[3])) {
      resources.push({ context: v2[1] as ScopeContext, resourceType: v2[2], permissions: new Set([...v2[3]!] as Permission[]), query: v2[4]?.slice(1) });
      continue;
    }
    const v1 = V1.exec(token);
    if (v1) {
      const perms: Permission[] = v1[3] === 'read' ? ['r', 's'] : v1[3] === 'write' ? ['c', 'u', 'd'] : ['c', 'r', 'u', 'd', 's'];
      resources.push({ context: v1[1] as ScopeContext, resourceType: v1[2], permissions: new Set(perms) });
      continue;
    }
    other.add(token);
  }
  return { resources, other };
}

/** v2 permissions must appear in the order c, r, u, d, s, each at most once. */
function isOrdered(perms: string): boolean {
  let last = -1;
  for (const p of perms) {
    const i = ORDER.indexOf(p);
    if (i <= last) return false;
    last = i;
  }
  return true;
}

/**
 * Whether the scopes allow one interaction. A v2 scope with a query restriction allows nothing here:
 * the restriction is not enforced on results, so honouring the scope would grant more than it says.
 */
export function permits(scopes: ParsedScopes, resourceType: string, permission: Permission, context?: ScopeContext): boolean {
  return scopes.resources.some(
    (s) => !s.query && (s.resourceType === '*' || s.resourceType === resourceType) && s.permissions.has(permission) && (!context || s.context === context),
  );
}

/**
 * Scope negotiation: what of `requested` the `ceiling` allows, each requested scope narrowed rather
 * than dropped — `patient/*.cruds` asked where `patient/*.rs` is allowed gives `patient/*.rs`, and
 * `patient/*.rs` asked where only `patient/Observation.rs` is allowed gives that. A `user/` grant in
 * the ceiling also covers the same `patient/` request (patient-level access is the user's access
 * narrowed to one patient); `system/` is covered only by `system/`. Scopes with a v2 query
 * restriction are never granted (see permits). Other scopes (openid, launch, …) are kept when the
 * ceiling names them. A v1 scope comes back in v1 form when granted whole, in v2
 * form when narrowed. Apply it once per ceiling (client registration, then the user's role).
 */
export function negotiateScopes(requested: string, ceiling: string): string {
  const allow = parseScopes(ceiling);
  const granted: string[] = [];
  for (const token of requested.split(/\s+/).filter(Boolean)) {
    const asked = parseScopes(token);
    if (asked.resources.length === 0) {
      if (allow.other.has(token)) granted.push(token);
      continue;
    }
    if (asked.resources[0].query) continue;
    granted.push(...narrowResourceScope(token, asked.resources[0], allow.resources.filter((a) => !a.query)));
  }
  return [...new Set(granted)].join(' ');
}

function covers(ceiling: ScopeContext, asked: ScopeContext): boolean {
  return ceiling === asked || (ceiling === 'user' && asked === 'patient');
}

/** The scopes one requested resource scope narrows to under the ceiling's resource scopes. */
function narrowResourceScope(token: string, asked: ResourceScope, allowed: ResourceScope[]): string[] {
  const byType = new Map<string, Set<Permission>>();
  for (const a of allowed) {
    if (!covers(a.context, asked.context)) continue;
    if (a.resourceType !== '*' && asked.resourceType !== '*' && a.resourceType !== asked.resourceType) continue;
    const type = asked.resourceType === '*' ? a.resourceType : asked.resourceType;
    const permissions = byType.get(type) ?? new Set<Permission>();
    for (const perm of asked.permissions) if (a.permissions.has(perm)) permissions.add(perm);
    byType.set(type, permissions);
  }
  const out: string[] = [];
  for (const [type, permissions] of byType) {
    if (permissions.size === 0) continue;
    if (permissions.size === asked.permissions.size && type === asked.resourceType) {
      out.push(token);
      continue;
    }
    out.push(`${asked.context}/${type}.${[...ORDER].filter((p) => permissions.has(p as Permission)).join('')}`);
  }
  return out;
}
