/**
 * Registers an operation module's routes: each behind the module's scope check
 * (operation-scopes.ts), each handler given the caller's service — never an unrestricted one — and
 * its answer sent as FHIR JSON.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { FhirService } from '../../service/fhir-service.ts';
import { FHIR_JSON } from '../fhir-reply.ts';
import type { FhirOperation, OperationDeps } from './index.ts';
import { guardOperationScopes } from './operation-scopes.ts';

interface OperationBinding {
  deps: OperationDeps;
  /** The service as the request's caller sees it (src/access/). */
  serviceFor(request: FastifyRequest): FhirService;
}

export async function registerOperation(app: FastifyInstance, operation: FhirOperation, binding: OperationBinding): Promise<void> {
  await app.register(async (scoped) => {
    guardOperationScopes(scoped, operation.declares);
    for (const route of operation.routes) {
      scoped.route({
        method: route.method,
        url: route.url,
        handler: async (request, reply) => {
          const answer = await route.handle({ request, service: binding.serviceFor(request), principal: request.principal, deps: binding.deps });
          for (const [name, value] of Object.entries(answer.headers ?? {})) reply.header(name, value);
          return reply.code(answer.status ?? 200).type(FHIR_JSON).send(JSON.stringify(answer.body));
        },
      });
    }
  });
}
