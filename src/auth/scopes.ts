/**
 * SMART on FHIR scopes (App Launch 2.2, https://hl7.org/fhir/smart-app-launch/scopes-and-launch-context.html):
 * v2 `patient/Observation.rs`, `user/*.cruds`, `system/Patient.r`, and v1 `patient/*.read` / `.write`.
 * Parsed once into data; `permits` answers whether a set of scopes allows one interaction.
 */
export type ScopeContext = 'patient' | 'user' | 'system';
export type Permission = 'c' | 'r' | 'u' | 'd' | 's';

export interface ResourceScope {
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
      resources.push({ context: v2[1] as ScopeContext, resourceType: v2[2], permissions: new Set(v2[3] as unknown as Permission[]), query: v2[4]?.slice(1) });
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

export function permits(scopes: ParsedScopes, resourceType: string, permission: Permission, context?: ScopeContext): boolean {
  return scopes.resources.some(
    (s) => (s.resourceType === '*' || s.resourceType === resourceType) && s.permissions.has(permission) && (!context || s.context === context),
  );
}

/** Keeps only the requested scopes that the client is registered for (no escalation). */
export function narrowScopes(requested: string, allowed: string): string {
  const allow = parseScopes(allowed);
  return requested
    .split(/\s+/)
    .filter(Boolean)
    .filter((token) => {
      const p = parseScopes(token);
      if (p.other.size > 0) return allow.other.has(token);
      return p.resources.every((r) =>
        [...r.permissions].every((perm) => allow.resources.some((a) => a.context === r.context && (a.resourceType === '*' || a.resourceType === r.resourceType) && a.permissions.has(perm))),
      );
    })
    .join(' ');
}
