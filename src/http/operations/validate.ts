/**
 * `$validate` (https://hl7.org/fhir/R4/resource-operation-validate.html): validates a resource,
 * given directly or in a Parameters `resource` part, optionally against a profile. Always answers
 * 200 with the OperationOutcome; invalid content is reported as issues, not as an HTTP error.
 */
import { badRequest, informational, outcome } from '../../fhir/outcome.ts';
import { operationRoute, type FhirOperation, type OperationContext, type OperationReply } from './index.ts';

interface ParametersBody {
  resourceType: 'Parameters';
  parameter?: Array<{ name?: string; resource?: unknown; valueUri?: string; valueCanonical?: string }>;
}

/** The resource to validate and the profile, from the body (directly or in Parameters) and the query. */
function validationInput(type: string, body: unknown, queryProfile?: string): { resource: unknown; profile?: string } {
  if ((body as ParametersBody)?.resourceType !== 'Parameters' || type === 'Parameters') return { resource: body, profile: queryProfile };
  const params = (body as ParametersBody).parameter ?? [];
  if (!Array.isArray(params)) throw badRequest('Parameters.parameter must be a list of parts');
  const resource = params.find((p) => p.name === 'resource')?.resource;
  const p = params.find((x) => x.name === 'profile');
  if (resource === undefined) throw badRequest("Parameters must hold a 'resource' part to validate");
  return { resource, profile: p?.valueUri ?? p?.valueCanonical ?? queryProfile };
}

type ValidateRequest = { Params: { type: string }; Querystring: { profile?: string } };

const validate = async ({ request, service }: OperationContext<ValidateRequest>): Promise<OperationReply> => {
  const type = request.params.type;
  service.assertType(type);
  const { resource, profile } = validationInput(type, request.body, request.query.profile);
  if ((resource as { resourceType?: string })?.resourceType !== type) {
    throw badRequest(`$validate on ${type} needs a ${type} resource`);
  }
  const issues = service.validate(resource, profile);
  return { body: issues.length > 0 ? outcome(issues) : informational('Validation passed: no issues found') };
};

export const validateOperation: FhirOperation = {
  // Checks the resource it is given against the definitions; reads and writes nothing stored.
  declares: [{ name: 'validate', definition: 'http://hl7.org/fhir/OperationDefinition/Resource-validate', scopes: [] }],
  routes: [
    operationRoute<ValidateRequest>('POST', '/:type/$validate', validate),
    operationRoute<ValidateRequest>('POST', '/:type/:id/$validate', validate),
  ],
};
