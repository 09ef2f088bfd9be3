/**
 * Hardening for everything the server answers: security headers (helmet), CORS for SMART apps
 * running in browsers, and a rate limit per caller (the authenticated user, else the address; see
 * request-limiter.ts) answered with a 429 OperationOutcome. Requests refused for want of a valid
 * token are counted against their address by the auth plugin, which refuses them before this hook.
 * Every URL is checked here, once for all routes, for a NUL character in a path segment or query
 * parameter (the operations read Fastify's parsed `request.query` and `request.params`).
 */
import cors from '@fastify/cors';
import helmet from 'helmet';
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { badRequest } from '../../fhir/outcome.ts';
import { callerOf, type RequestLimiter } from '../request-limiter.ts';

interface HardeningOptions {
  /** Requests per minute per caller (its `perMinute` 0 turns the limit off). */
  limiter: RequestLimiter;
  /** Browser origins allowed to call the API; '*' reflects any origin (tokens, not cookies, carry identity). */
  corsOrigins: string[] | '*';
}

/**
 * A NUL character (`%00`) anywhere in the URL — an id, a query name or value — is refused: no FHIR
 * string may hold one, and PostgreSQL cannot store or compare text with it (an operation's id
 * carrying one reached it and was answered with a 500).
 */
function refuseNul(url: string): void {
  if (/%00/i.test(url)) throw badRequest('The URL holds a NUL character (%00), which no FHIR id or parameter may contain');
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
    // After authentication, so an authenticated caller counts as themselves, not as their address.
    app.addHook('preHandler', async (request) => options.limiter.take(callerOf(request)));
    app.addHook('preHandler', async (request) => refuseNul(request.url));
  },
  // The rate limit's 429 is answered as an OperationOutcome.
  { name: 'helsebro-hardening', dependencies: ['helsebro-errors'] },
);
