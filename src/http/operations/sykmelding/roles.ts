/** Who may call which sykmelding operation (data access is checked on top, through the caller's service). */
import type { Principal, Role } from '../../../access/principal.ts';
import { forbidden } from '../../../fhir/outcome.ts';

export function requireRole(principal: Principal | undefined, roles: Role[], what: string): void {
  const role = principal?.role ?? 'dev';
  if (role !== 'dev' && !roles.includes(role)) throw forbidden(`A ${role} cannot ${what}`);
}

/** Who a status change is recorded as made by. */
export const actor = (principal: Principal | undefined) => (principal && principal.role !== 'dev' ? principal.sub : 'pasient');
