/**
 * Authentication and audit for the FHIR API. Every /fhir request except the CapabilityStatement and
 * the SMART discovery document needs a valid bearer token (unless the server runs with
 * --insecure-dev); the caller becomes `request.principal`. Every answered request — including
 * refusals — is written to the audit log before the response is sent; if that fails, the response
 * is replaced by a generic 500 OperationOutcome (the database's error stays in the log) and nothing
 * is served.
 */
import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type AuthService, DEV_PRINCIPAL } from '../../auth/auth-service.ts';
import type { Principal } from '../../access/principal.ts';
import { patientIdsIn, type AuditEntry, type AuditLog } from '../../audit/audit-log.ts';
import { outcome } from '../../fhir/outcome.ts';
import { FHIR_JSON } from '../fhir-reply.ts';
import { RefusalTally } from '../../audit/refusal-tally.ts';
import { callerOf, type RequestLimiter } from '../request-limiter.ts';

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
}

interface AuthPluginOptions {
  auth: AuthService;
  audit: AuditLog;
  /** Requests refused for want of a valid token count against their address. */
  limiter: RequestLimiter;
}

const PUBLIC = new Set(['/fhir/metadata', '/fhir/.well-known/smart-configuration']);

const ACTION: Record<string, AuditEntry['action']> = {
  create: 'C', 'create-conditional': 'C', read: 'R', vread: 'R', search: 'R', 'search-type': 'R', 'search-system': 'R', history: 'R',
  update: 'U', 'update-conditional': 'U', patch: 'U', delete: 'D', 'delete-conditional': 'D',
};

function isAudited(request: FastifyRequest): boolean {
  // A CORS preflight reads nothing and carries no token (hardening.ts answers it).
  if (request.method === 'OPTIONS') return false;
  const path = request.url.split('?')[0];
  // A launch context opened for a patient is an access to that patient (routes/smart.ts labels it).
  return (path.startsWith('/fhir') && !PUBLIC.has(path)) || path === '/auth/launch';
}

/** What an access whose audit row could not be stored gets instead of its answer. */
function unservable(request: FastifyRequest, reply: FastifyReply, err: unknown): string {
  request.log.error({ err }, 'audit record could not be stored; the response is withheld');
  for (const header of ['etag', 'last-modified', 'location', 'content-location']) reply.removeHeader(header);
  reply.code(500).type(FHIR_JSON);
  const body = outcome([{ severity: 'fatal', code: 'exception', diagnostics: `The access could not be recorded in the audit log, so its answer is withheld; quote request id ${request.id} when reporting it` }]);
  return JSON.stringify(body);
}

export const authPlugin = fp<AuthPluginOptions>(
  async function auth(app: FastifyInstance, options) {
    app.decorateRequest('principal', undefined);
    const refusals = new RefusalTally(options.audit, Date.now, (err) => app.log.error({ err }, 'summary of refused requests could not be stored'));
    // Summaries are written when a minute ends: on the next refusal, by this timer, or on close.
    const summaries = setInterval(() => void refusals.tick(), 10_000).unref();
    app.addHook('onClose', async () => {
      clearInterval(summaries);
      await refusals.flush();
    });

    app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
      if (!isAudited(request)) return;
      if (options.auth.config.mode === 'insecure-dev') {
        request.principal = DEV_PRINCIPAL;
        return;
      }
      try {
        const purpose = request.headers['x-purpose-of-use'];
        request.principal = await options.auth.authenticate(request.headers.authorization, typeof purpose === 'string' ? purpose.slice(0, 100) : undefined);
      } catch (err) {
        // RFC 6750 §3.1: a request without credentials gets the challenge alone, no error code.
        reply.header('www-authenticate', request.headers.authorization ? 'Bearer realm="helsebro", error="invalid_token"' : 'Bearer realm="helsebro"');
        options.limiter.take(callerOf(request));
        throw err;
      }
    });

    app.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
      // --insecure-dev has no identities to record: it is for development on synthetic data only.
      if (!isAudited(request) || options.auth.config.mode === 'insecure-dev') return payload;
      const principal = request.principal;
      const label = request.fhirLabel;
      const params = request.params as { type?: string; id?: string } | undefined;
      const text = typeof payload === 'string' ? payload : '';
      const interaction = label?.interaction ?? request.method.toLowerCase();
      const entry: AuditEntry = {
        recorded: new Date().toISOString(),
        agentRole: principal?.role ?? 'anonymous',
        agentId: principal?.sub ?? 'anonymous',
        agentName: principal?.name,
        onBehalfOf: principal?.role === 'system' ? undefined : principal?.clientId,
        clientId: principal?.clientId,
        action: ACTION[interaction] ?? 'E',
        interaction,
        resourceType: label?.resourceType || params?.type,
        resourceId: params?.id,
        query: request.url.includes('?') ? request.url.slice(request.url.indexOf('?') + 1, 2000) : undefined,
        patientIds: reply.statusCode < 400 ? patientIdsIn(text) : [],
        purpose: principal?.purpose,
        status: reply.statusCode,
        sourceIp: request.ip,
        requestId: String(request.id),
      };
      // Reads of a single patient carry the id in the URL; refused attempts are recorded against it too.
      if (entry.resourceType === 'Patient' && entry.resourceId) entry.patientIds = [...new Set([...entry.patientIds, entry.resourceId])];
      try {
        await (principal ? options.audit.record(entry) : refusals.record(entry));
      } catch (err) {
        return unservable(request, reply, err);
      }
      return payload;
    });
  },
  // Refusals are OperationOutcomes (errors) and the audit labels each access (observability's fhirLabel).
  { name: 'helsebro-auth', dependencies: ['helsebro-errors', 'helsebro-observability'], decorators: { request: ['fhirLabel'] } },
);
