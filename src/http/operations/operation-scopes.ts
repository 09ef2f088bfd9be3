/**
 * The token's scopes gate every operation, as they gate every REST interaction: each route an
 * operation module registers is matched (by its `$name`) to the operation's declaration, and before
 * the handler runs the token must allow every permission the declaration lists (`scopes`). A route
 * without a declaration is refused at startup, so no operation goes unchecked.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Principal } from '../../access/principal.ts';
import { permits, PERMISSION_VERB } from '../../access/scopes.ts';
import { forbidden } from '../../fhir/outcome.ts';
import type { OperationDeclaration, ScopeNeed } from './index.ts';

/** Adds the check to an operation module's routes; call before the module registers them. */
export function guardOperationScopes(app: FastifyInstance, declares: OperationDeclaration[]): void {
  const byRoute = new Map<string, OperationDeclaration>();
  app.addHook('onRoute', (route) => {
    const name = /\/\$([A-Za-z-]+)$/.exec(route.url)?.[1];
    const declared = declares.find((d) => d.name === name);
    if (!declared) throw new Error(`The operation route ${route.method} ${route.url} has no declaration naming what scopes it needs`);
    byRoute.set(route.url, declared);
  });
  app.addHook('onRequest', async (request: FastifyRequest) => {
    const declared = byRoute.get(request.routeOptions.url ?? '');
    if (!declared) throw forbidden('This operation is not declared');
    // Labelled before the check, so a refusal is recorded (audit, metrics) as the operation it refused.
    request.fhirLabel = { interaction: declared.name, resourceType: (request.params as { type?: string }).type ?? declared.resourceTypes?.[0] ?? '' };
    requireScopes(request.principal, declared);
  });
}

function requireScopes(principal: Principal | undefined, declared: OperationDeclaration): void {
  if (!principal || principal.role === 'dev') return;
  const missing = declared.scopes.find((need) => !permits(principal.scopes, need.resourceType, need.permission));
  if (missing) throw forbidden(`The access token's scopes do not allow $${declared.name}: it needs ${describe(missing)}, such as ${example(principal, missing)}`);
}

const describe = (need: ScopeNeed) => `${PERMISSION_VERB[need.permission]} of ${need.resourceType}`;

/** The scope that would grant the need, in the token's own context (patient/, user/ or system/). */
function example(principal: Principal, need: ScopeNeed): string {
  const context = principal.scopes.resources[0]?.context ?? (principal.role === 'system' ? 'system' : 'user');
  return `${context}/${need.resourceType}.${need.permission}`;
}
