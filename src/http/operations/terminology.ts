/**
 * `CodeSystem/$lookup` and `CodeSystem/$validate-code` for the diagnosis code lists, answered from
 * the in-memory index (see src/terminology/code-lists.ts). GET with query parameters or POST with
 * Parameters, as the specification allows.
 */
import type { FastifyRequest } from 'fastify';
import { badRequest, notFound } from '../../fhir/outcome.ts';
import { isResource, type Parameters } from '../../fhir/r4.ts';
import { operationRoute, type FhirOperation, type OperationContext, type OperationReply } from './index.ts';

function inputs(request: FastifyRequest): { system?: string; code?: string } {
  if (request.method === 'GET') {
    const q = request.query as Record<string, string | string[] | undefined>;
    const one = (k: string) => (Array.isArray(q[k]) ? (q[k] as string[])[0] : (q[k] as string | undefined));
    return { system: one('system') ?? one('url'), code: one('code') };
  }
  const body = request.body;
  if (!isResource(body, 'Parameters')) throw badRequest('The body must be a Parameters resource');
  const params = Array.isArray(body.parameter) ? body.parameter : [];
  const get = (n: string) => params.find((p) => p.name === n);
  const coding = get('coding')?.valueCoding;
  return { system: get('system')?.valueUri ?? get('url')?.valueUri ?? coding?.system, code: get('code')?.valueCode ?? coding?.code };
}

/** `$lookup`: the code's display (and parent) from the loaded code list. */
async function lookup({ request, deps }: OperationContext): Promise<OperationReply & { body: Parameters }> {
  const { system, code } = inputs(request);
  if (!system || !code) throw badRequest("$lookup needs 'system' and 'code'");
  const found = deps.terminology.lookup(system, code);
  if (!found) throw notFound(`Code system '${system.slice(0, 100)}' is not one Helsebro holds`);
  if (!found.loaded) throw notFound(`The ${found.def.name} code list is not loaded; run 'helsebro terminology import'`);
  if (!found.concept) throw notFound(`'${code.slice(0, 40)}' is not a code in ${found.def.name}`);
  return {
    body: {
      resourceType: 'Parameters',
      parameter: [
        { name: 'name', valueString: found.def.name },
        ...(found.version ? [{ name: 'version', valueString: found.version }] : []),
        { name: 'display', valueString: found.concept.display },
        ...(found.concept.parent ? [{ name: 'property', part: [{ name: 'code', valueCode: 'parent' }, { name: 'value', valueCode: found.concept.parent }] }] : []),
      ],
    },
  };
}

/** `$validate-code`: whether the code is in the loaded code list. */
async function validateCode({ request, deps }: OperationContext): Promise<OperationReply & { body: Parameters }> {
  const { system, code } = inputs(request);
  if (!system || !code) throw badRequest("$validate-code needs 'url' (or 'system') and 'code'");
  const known = deps.terminology.isKnownCode(system, code);
  const found = deps.terminology.lookup(system, code);
  const message = known === undefined ? `The ${found?.def.name ?? system} code list is not loaded` : known ? undefined : `'${code.slice(0, 40)}' is not a valid code in ${found?.def.name ?? system.slice(0, 100)}`;
  return {
    body: {
      resourceType: 'Parameters',
      parameter: [
        { name: 'result', valueBoolean: known === true },
        ...(found?.concept ? [{ name: 'display', valueString: found.concept.display }] : []),
        ...(message ? [{ name: 'message', valueString: message }] : []),
      ],
    },
  };
}

export const terminologyOperations: FhirOperation = {
  declares: [
    // Both answer from the code lists, as a read of their CodeSystem would.
    { name: 'lookup', definition: 'http://hl7.org/fhir/OperationDefinition/CodeSystem-lookup', resourceTypes: ['CodeSystem'], scopes: [{ resourceType: 'CodeSystem', permission: 'r' }] },
    { name: 'validate-code', definition: 'http://hl7.org/fhir/OperationDefinition/CodeSystem-validate-code', resourceTypes: ['CodeSystem'], scopes: [{ resourceType: 'CodeSystem', permission: 'r' }] },
  ],
  routes: [operationRoute(['GET', 'POST'], '/CodeSystem/$lookup', lookup), operationRoute(['GET', 'POST'], '/CodeSystem/$validate-code', validateCode)],
};
