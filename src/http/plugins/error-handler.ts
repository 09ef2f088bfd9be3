/**
 * The one place where errors become HTTP answers. FhirErrors carry their own outcome and status;
 * Fastify's own client errors (bad media type, body too large, bad JSON, a bad URL) get an outcome in
 * our own words from a table keyed by their code, or by their status when the code is not in it —
 * never their message, which may quote the request or the framework's internals; anything else is a
 * 500 whose details stay in the log, tied to the request id.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { badRequest, FhirError, httpRefusal, isFhirError, type IssueCode, outcome } from '../../fhir/outcome.ts';
import { FHIR_JSON } from '../fhir-reply.ts';

interface ClientError { status: number; code: IssueCode; diagnostics: string }

/** Fastify's client errors, by their code, in our words. */
const FASTIFY_CLIENT_ERRORS: Record<string, ClientError> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'too-long', diagnostics: 'The request body is larger than this server accepts' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, code: 'not-supported', diagnostics: 'Unsupported Content-Type; send application/fhir+json' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'invalid', diagnostics: 'The request body is empty' },
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'invalid', diagnostics: 'The request body is not valid JSON' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: 'invalid', diagnostics: 'Content-Length does not match the body' },
  FST_ERR_BAD_URL: { status: 400, code: 'invalid', diagnostics: 'The URL is malformed' },
  FST_ERR_INVALID_URL: { status: 400, code: 'invalid', diagnostics: 'The URL is malformed' },
  FST_ERR_MAX_PARAM_LENGTH: { status: 414, code: 'too-long', diagnostics: 'A part of the URL is longer than this server accepts' },
  FST_ERR_ASYNC_CONSTRAINT: { status: 400, code: 'invalid', diagnostics: 'The request is malformed' },
  FST_ERR_VALIDATION: { status: 400, code: 'invalid', diagnostics: 'The request does not have the form this endpoint takes' },
  FST_ERR_NOT_FOUND: { status: 404, code: 'not-found', diagnostics: 'Not found' },
};

/** Any other client error (a plugin's, the HTTP layer's), by its status. */
const CLIENT_ERRORS_BY_STATUS: Record<number, ClientError> = {
  400: { status: 400, code: 'invalid', diagnostics: 'The request is malformed' },
  404: { status: 404, code: 'not-found', diagnostics: 'Not found' },
  405: { status: 405, code: 'not-supported', diagnostics: 'The method is not allowed here' },
  406: { status: 406, code: 'not-supported', diagnostics: 'This server answers in application/fhir+json only' },
  408: { status: 408, code: 'timeout', diagnostics: 'The request took too long to arrive' },
  411: { status: 411, code: 'invalid', diagnostics: 'The request needs a Content-Length' },
  413: FASTIFY_CLIENT_ERRORS.FST_ERR_CTP_BODY_TOO_LARGE,
  414: FASTIFY_CLIENT_ERRORS.FST_ERR_MAX_PARAM_LENGTH,
  415: FASTIFY_CLIENT_ERRORS.FST_ERR_CTP_INVALID_MEDIA_TYPE,
  429: { status: 429, code: 'throttled', diagnostics: 'Too many requests; try again later' },
};

function clientError(e: FastifyError): ClientError | undefined {
  const known = e?.code ? FASTIFY_CLIENT_ERRORS[e.code] : undefined;
  if (known) return known;
  const status = e?.statusCode;
  if (typeof status !== 'number' || status < 400 || status >= 500) return undefined;
  return CLIENT_ERRORS_BY_STATUS[status] ?? { status, code: 'invalid', diagnostics: `The request was refused (HTTP ${status})` };
}

function toFhirError(error: unknown): FhirError | undefined {
  if (isFhirError(error)) return error;
  const known = clientError(error as FastifyError);
  return known && httpRefusal(known.status, known.code, known.diagnostics);
}

/**
 * Fastify's `frameworkErrors`: a URL the router cannot take (not valid UTF-8, a segment too long)
 * is refused before any hook runs — nothing is read, so there is nothing to audit — and answered
 * with an OperationOutcome like every other refusal.
 */
export function answerFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const fhirError = toFhirError(error) ?? badRequest('The request is malformed');
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
