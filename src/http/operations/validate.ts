/**
 * `$validate` (https://hl7.org/fhir/R4/resource-operation-validate.html): validates a resource,
 * given directly or in a Parameters `resource` part, optionally against a profile. Always answers
 * 200 with the OperationOutcome; invalid content is reported as issues, not as an HTTP error.
 */
import type { FastifyInstance } from 'fastify';
import { badRequest, informational, outcome } from '../../fhir/outcome.ts';
import { FHIR_JSON } from '../fhir-reply.ts';
import type { FhirOperation, OperationDeps } from './index.ts';

interface ParametersBody {
  resourceType: 'Parameters';
  parameter?: Array<{ name?: string; resource?: unknown; valueUri?: string; valueCanonical?: string }>;
}

export const validateOperation: FhirOperation = {
  // Checks the resource it is given against the definitions; reads and writes nothing stored.
  declares: [{ name: 'validate', definition: 'http://hl7.org/fhir/OperationDefinition/Resource-validate', scopes: [] }],
  register,
};

async function register(app: FastifyInstance, options: OperationDeps): Promise<void> {
  const handler = async (type: string, body: unknown, queryProfile?: string) => {
    options.service.assertType(type);
    let resource = body;
    let profile = queryProfile;
    if ((body as ParametersBody)?.resourceType === 'Parameters' && type !== 'Parameters') {
      const params = (body as ParametersBody).parameter ?? [];
      if (!Array.isArray(params)) throw badRequest('Parameters.parameter must be a list of parts');
      resource = params.find((p) => p.name === 'resource')?.resource;
      const p = params.find((x) => x.name === 'profile');
      profile = p?.valueUri ?? p?.valueCanonical ?? profile;
      if (resource === undefined) throw badRequest("Parameters must hold a 'resource' part to validate");
    }
    if ((resource as { resourceType?: string })?.resourceType !== type) {
      throw badRequest(`$validate on ${type} needs a ${type} resource`);
    }
    const issues = options.service.validate(resource, profile);
    return issues.length > 0 ? outcome(issues) : informational('Validation passed: no issues found');
  };

  app.post<{ Params: { type: string }; Querystring: { profile?: string } }>('/:type/$validate', async (request, reply) => {
    request.fhirLabel = { interaction: 'validate', resourceType: request.params.type };
    const result = await handler(request.params.type, request.body, request.query.profile);
    return reply.type(FHIR_JSON).send(JSON.stringify(result));
  });
  app.post<{ Params: { type: string; id: string }; Querystring: { profile?: string } }>('/:type/:id/$validate', async (request, reply) => {
    request.fhirLabel = { interaction: 'validate', resourceType: request.params.type };
    const result = await handler(request.params.type, request.body, request.query.profile);
    return reply.type(FHIR_JSON).send(JSON.stringify(result));
  });
}
