/**
 * Request body parsing for FHIR JSON: size is capped by Fastify's bodyLimit; here we parse, refuse
 * nesting deeper than the limit (a cheap guard against stack and CPU abuse), and turn every failure
 * into a 400 OperationOutcome.
 */
import { badRequest, malformed } from '../fhir/outcome.ts';

export function parseJsonBody(text: string, maxDepth: number): unknown {
  if (text.trim().length === 0) throw badRequest('The request body is empty');
  checkDepth(text, maxDepth);
  try {
    return JSON.parse(text);
  } catch (err) {
    // The parser's own message may quote the body; only where it stopped is told.
    const position = /position (\d+)/.exec(err instanceof Error ? err.message : '')?.[1];
    throw malformed(`The body is not valid JSON${position ? ` (at position ${position})` : ''}`, err);
  }
}

/**
 * Scans brackets outside strings; stops at the first point deeper than `maxDepth`, or at a NUL
 * character (`\u0000`) in a string, which no FHIR string may hold and no store can keep.
 */
function checkDepth(text: string, maxDepth: number): void {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) {
        if (text.startsWith('u0000', i + 1)) throw badRequest('The JSON holds a NUL character (\\u0000), which FHIR strings may not contain');
        i++;
      }
      else if (c === 34 /* " */) inString = false;
      continue;
    }
    if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      if (++depth > maxDepth) throw badRequest(`The JSON is nested deeper than ${maxDepth} levels`);
    } else if (c === 125 || c === 93) depth--;
  }
}

/** Form parameters as pairs, refusing a NUL character in any name or value (URLs are checked in plugins/hardening.ts). */
export function parameterPairs(encoded: string): Array<[string, string]> {
  const pairs = [...new URLSearchParams(encoded)];
  if (pairs.some(([k, v]) => k.includes('\0') || v.includes('\0'))) throw badRequest('A parameter holds a NUL character (%00)');
  return pairs;
}
