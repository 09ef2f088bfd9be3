/**
 * The one place where errors become HTTP answers. FhirErrors carry their own outcome and status;
 * Fastify's own client errors (bad media type, body too large, bad JSON) get a matching outcome;
 * anything else is a 500 whose details stay in the log, tied to the request id.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { FhirError, isFhirError, outcome } from '../../fhir/outcome.ts';
import { FHIR_JSON } from '../fhir-reply.ts';

const FASTIFY_CLIENT_ERRORS: Record<string, (e: FastifyError) => FhirError> = {
  FST_ERR_CTP_BODY_TOO_LARGE: () => new FhirError(413, { severity: 'error', code: 'too-long', diagnostics: 'The request body is larger than this server accepts' }),
  FST_ERR_CTP_INVALID_MEDIA_TYPE: (e) => new FhirError(415, { severity: 'error', code: 'not-supported', diagnostics: `Unsupported Content-Type; send application/fhir+json (${e.message.slice(0, 80)})` }),
  FST_ERR_CTP_EMPTY_JSON_BODY: () => new FhirError(400, { severity: 'error', code: 'invalid', diagnostics: 'The request body is empty' }),
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: () => new FhirError(400, { severity: 'error', code: 'invalid', diagnostics: 'Content-Length does not match the body' }),
  FST_ERR_BAD_URL: () => new FhirError(400, { severity: 'error', code: 'invalid', diagnostics: 'The URL is malformed' }),
  FST_ERR_MAX_PARAM_LENGTH: () => new FhirError(414, { severity: 'error', code: 'too-long', diagnostics: 'A part of the URL is longer than this server accepts' }),
  FST_ERR_ASYNC_CONSTRAINT: () => new FhirError(400, { severity: 'error', code: 'invalid', diagnostics: 'The request is malformed' }),
};

export function toFhirError(error: unknown): FhirError | undefined {
  if (isFhirError(error)) return error;
  const e = error as FastifyError;
  const known = e?.code ? FASTIFY_CLIENT_ERRORS[e.code] : undefined;
  if (known) return known(e);
  if (typeof e?.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
    return new FhirError(e.statusCode, { severity: 'error', code: 'invalid', diagnostics: e.message.slice(0, 300) });
  }
  return undefined;
}

/**
 * Fastify's `frameworkErrors`: a URL the router cannot take (not valid UTF-8, a segment too long)
 * is refused before any hook runs — nothing is read, so there is nothing to audit — and answered
 * with an OperationOutcome like every other refusal.
 */
export function answerFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const fhirError = toFhirError(error) ?? new FhirError(400, { severity: 'error', code: 'invalid', diagnostics: 'The request is malformed' });
  void reply.code(fhirError.status).header('x-content-type-options', 'nosniff').header('x-request-id', String(request.id)).type(FHIR_JSON).send(JSON.stringify(fhirError.outcome));
}

export const errorHandlerPlugin = fp(
  async function errorHandler(app: FastifyInstance) {
    app.setErrorHandler((error, request, reply) => {
      const fhirError = toFhirError(error);
      if (fhirError) {
        if (fhirError.status >= 500) request.log.error({ err: error }, 'request failed');
        return reply.code(fhirError.status).type(FHIR_JSON).send(JSON.stringify(fhirError.outcome));
      }
      request.log.error({ err: error }, 'unexpected error');
      const body = outcome([{ severity: 'fatal', code: 'exception', diagnostics: `Internal error; quote request id ${request.id} when reporting it` }]);
      return reply.code(500).type(FHIR_JSON).send(JSON.stringify(body));
    });
    app.setNotFoundHandler((request, reply) => {
      const body = outcome([{ severity: 'error', code: 'not-found', diagnostics: `No route for ${request.method} ${request.url.split('?')[0].slice(0, 120)}` }]);
      return reply.code(404).type(FHIR_JSON).send(JSON.stringify(body));
    });
  },
  { name: 'helsebro-errors' },
);
