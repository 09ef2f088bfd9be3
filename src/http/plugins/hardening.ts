/**
 * Hardening for everything the server answers: security headers (helmet), CORS for SMART apps
 * running in browsers, and a rate limit per client (the token's client, else the user, else the
 * address) answered with a 429 OperationOutcome.
 */
import cors from '@fastify/cors';
import helmet from 'helmet';
import rateLimit from '@fastify/rate-limit';
import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { FhirError } from '../../fhir/outcome.ts';

export interface HardeningOptions {
  /** Requests per minute per client; 0 turns the limit off. */
  rateLimitPerMinute: number;
  /** Browser origins allowed to call the API; '*' reflects any origin (tokens, not cookies, carry identity). */
  corsOrigins: string[] | '*';
}

export const hardeningPlugin = fp<HardeningOptions>(
  async function hardening(app: FastifyInstance, options) {
    // Built once (the Fastify wrapper builds it again for every request) and run on the raw response.
    const securityHeaders = helmet({
      // A JSON API: no scripts, frames or styles to allow; the login form posts to ourselves.
      contentSecurityPolicy: { directives: { defaultSrc: ["'none'"], formAction: ["'self'", 'https:', 'http:'], frameAncestors: ["'none'"] } },
      crossOriginResourcePolicy: { policy: 'cross-origin' },
    });
    app.addHook('onRequest', (request, reply, done) => securityHeaders(request.raw, reply.raw, (err?: unknown) => done(err as Error | undefined)));
    await app.register(cors, {
      origin: options.corsOrigins === '*' ? true : options.corsOrigins,
      methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
      allowedHeaders: ['Authorization', 'Content-Type', 'If-Match', 'If-None-Exist', 'If-None-Match', 'Prefer', 'X-Request-Id', 'X-Purpose-Of-Use'],
      exposedHeaders: ['Location', 'ETag', 'Last-Modified', 'Content-Location', 'X-Request-Id'],
      maxAge: 600,
    });
    if (options.rateLimitPerMinute > 0) {
      await app.register(rateLimit, {
        global: true,
        max: options.rateLimitPerMinute,
        timeWindow: 60_000,
        // After authentication, so the limit is per client or user, not per shared address.
        hook: 'preHandler',
        keyGenerator: (request: FastifyRequest) => request.principal?.clientId ?? request.principal?.sub ?? request.ip,
        errorResponseBuilder: (_request, context) =>
          new FhirError(429, { severity: 'error', code: 'throttled', diagnostics: `Too many requests: at most ${context.max} per minute; try again in ${Math.ceil(context.ttl / 1000)} s` }),
      });
    }
  },
  { name: 'helsebro-hardening' },
);
