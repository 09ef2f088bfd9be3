/** Reading a sykmelding operation's input: a Parameters body, or the QuestionnaireResponse given directly or in it. */
import { badRequest } from '../../../fhir/outcome.ts';

export type Json = Record<string, unknown>;
export interface Parameter { name?: string; valueString?: string; valueCode?: string; valueIdentifier?: { value?: string }; resource?: Json }

export function parameters(body: unknown): Parameter[] {
  if (body === undefined || body === null) return [];
  const b = body as { resourceType?: string; parameter?: unknown };
  if (b.resourceType !== 'Parameters') throw badRequest('The body must be a Parameters resource');
  if (b.parameter !== undefined && !Array.isArray(b.parameter)) throw badRequest('Parameters.parameter must be an array', 'Parameters.parameter');
  return (b.parameter as Parameter[] | undefined) ?? [];
}

/** The QuestionnaireResponse given directly or as the `resource` part of Parameters. */
export function questionnaireResponse(body: unknown): Json {
  const b = body as Json | undefined;
  if (b?.resourceType === 'Parameters') {
    const r = parameters(b).find((p) => p.name === 'resource')?.resource;
    if (!r) throw badRequest("Parameters must hold the QuestionnaireResponse in a 'resource' part");
    return r;
  }
  if (b?.resourceType !== 'QuestionnaireResponse') throw badRequest('Expected a QuestionnaireResponse (or Parameters with one)');
  return b;
}
