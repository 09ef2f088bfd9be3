/** Reading a sykmelding operation's input: a Parameters body, or the QuestionnaireResponse given directly or in it. */
import { badRequest } from '../../../fhir/outcome.ts';
import { isResource, type ParametersParameter, type QuestionnaireResponse } from '../../../fhir/r4.ts';

/** The body's parameters, as sent: callers compare names and values, and trust nothing else in them. */
export function parameters(body: unknown): ParametersParameter[] {
  if (body === undefined || body === null) return [];
  if (!isResource(body, 'Parameters')) throw badRequest('The body must be a Parameters resource');
  if (body.parameter !== undefined && !Array.isArray(body.parameter)) throw badRequest('Parameters.parameter must be an array', 'Parameters.parameter');
  return body.parameter ?? [];
}

/** The QuestionnaireResponse given directly or as the `resource` part of Parameters. */
export function questionnaireResponse(body: unknown): QuestionnaireResponse {
  if (isResource(body, 'Parameters')) {
    const r = parameters(body).find((p) => p.name === 'resource')?.resource;
    if (!r) throw badRequest("Parameters must hold the QuestionnaireResponse in a 'resource' part");
    if (!isResource(r, 'QuestionnaireResponse')) throw badRequest('Expected a QuestionnaireResponse (or Parameters with one)');
    return r;
  }
  if (!isResource(body, 'QuestionnaireResponse')) throw badRequest('Expected a QuestionnaireResponse (or Parameters with one)');
  return body;
}
