/**
 * Writes a FhirResponse onto the HTTP reply: FHIR headers (ETag, Last-Modified, Location), the
 * `Prefer: return=` choice, `_pretty`, and `_summary`/`_elements` on single resources.
 * Stored JSON text goes out untouched unless shaping or pretty-printing asks otherwise.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { informational, notAcceptable } from '../fhir/outcome.ts';
import { etag, type FhirResponse } from '../service/fhir-response.ts';
import { shapeResource, type Shaping } from '../service/shaping.ts';

export const FHIR_JSON = 'application/fhir+json; charset=utf-8';

type PreferReturn = 'minimal' | 'representation' | 'OperationOutcome';

export function preferences(request: FastifyRequest): { return?: PreferReturn; lenient: boolean } {
  const header = String(request.headers.prefer ?? '');
  const ret = /return=(minimal|representation|OperationOutcome)/.exec(header)?.[1] as PreferReturn | undefined;
  return { return: ret, lenient: /handling=lenient/.test(header) };
}

/** `_format` and Accept: JSON is the only wire format we serve; anything else is a 406. */
export function checkFormat(request: FastifyRequest): void {
  const query = request.query as Record<string, string | undefined>;
  const format = query._format;
  if (format !== undefined && !['json', 'application/json', 'application/fhir+json'].includes(format.split(';')[0].trim())) {
    throw notAcceptable(`_format '${format.slice(0, 40)}' is not supported; this server speaks FHIR JSON only`);
  }
  const accept = request.headers.accept;
  if (accept && !/(\*\/\*|application\/\*|application\/(fhir\+)?json|json)/.test(accept)) {
    throw notAcceptable(`Accept '${accept.slice(0, 60)}' cannot be satisfied; this server speaks FHIR JSON only`);
  }
}

function shapingOf(request: FastifyRequest): Shaping | undefined {
  const query = request.query as Record<string, string | undefined>;
  const summary = query._summary as Shaping['summary'];
  const elements = query._elements?.split(',').map((e) => e.trim()).filter(Boolean);
  if (elements?.length) return { elements };
  if (summary && summary !== 'false') return { summary };
  return undefined;
}

export function sendFhir(request: FastifyRequest, reply: FastifyReply, response: FhirResponse): FastifyReply {
  reply.code(response.status);
  if (response.versionId !== undefined) reply.header('etag', etag(response.versionId));
  if (response.lastModified) reply.header('last-modified', new Date(response.lastModified).toUTCString());
  if (response.location) reply.header('location', response.location);
  if (response.body === undefined) return reply.send();
  reply.type(FHIR_JSON);

  const prefer = preferences(request).return;
  if (response.isWrite && prefer === 'minimal') return reply.send();
  if (response.isWrite && prefer === 'OperationOutcome') {
    return reply.send(JSON.stringify(informational(`${response.status === 201 ? 'Created' : 'Updated'}: ${response.location ?? ''}`)));
  }
  const query = request.query as Record<string, string | undefined>;
  const pretty = query._pretty === 'true';
  const shaping = !response.isWrite && typeof response.body === 'string' && !response.body.startsWith('{"resourceType":"Bundle"') ? shapingOf(request) : undefined;
  if (typeof response.body === 'string' && !pretty && !shaping) return reply.send(response.body);
  let value = (typeof response.body === 'string' ? JSON.parse(response.body) : response.body) as Record<string, unknown>;
  if (shaping) value = shapeResource(value, shaping);
  return reply.send(JSON.stringify(value, null, pretty ? 2 : undefined));
}
