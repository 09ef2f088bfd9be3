/**
 * Request body parsing for FHIR JSON: size is capped by Fastify's bodyLimit; here we parse, refuse
 * nesting deeper than the limit (a cheap guard against stack and CPU abuse), and turn every failure
 * into a 400 OperationOutcome.
 */
import { badRequest } from '../fhir/outcome.ts';

export function parseJsonBody(text: string, maxDepth: number): unknown {
  if (text.trim().length === 0) throw badRequest('The request body is empty');
  checkDepth(text, maxDepth);
  try {
    return JSON.parse(text);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    throw badRequest(`The body is not valid JSON: ${message.slice(0, 200)}`);
  }
}

/** Scans brackets outside strings; stops at the first point deeper than `maxDepth`. */
function checkDepth(text: string, maxDepth: number): void {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
      continue;
    }
    if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      if (++depth > maxDepth) throw badRequest(`The JSON is nested deeper than ${maxDepth} levels`);
    } else if (c === 125 || c === 93) depth--;
  }
}
