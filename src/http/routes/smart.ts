/**
 * SMART on FHIR discovery and the built-in authorisation server's endpoints:
 *   GET  /.well-known/smart-configuration (also under /fhir)
 *   GET  /auth/jwks
 *   GET  /auth/authorize     authorization code + PKCE; the user is named by login_hint (built-in IdP)
 *   POST /auth/token         authorization_code, refresh_token, client_credentials (private_key_jwt)
 *   POST /auth/revoke        token revocation (RFC 7009): refresh tokens, with their family
 *   POST /auth/launch        an EHR registers a launch context and gets the `launch` value
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { OAuthError, type AuthService } from '../../auth/auth-service.ts';
import { badRequest, forbidden, isFhirError } from '../../fhir/outcome.ts';
import type { FhirService } from '../../service/fhir-service.ts';
import { requireLaunchRelationship } from '../../service/launch-context.ts';
import { FHIR_JSON } from '../fhir-reply.ts';

interface SmartRoutesOptions {
  auth: AuthService;
  /** The unrestricted service: the launch check looks for the caller's relationship with the patient. */
  service: FhirService;
}

export function smartConfiguration(auth: AuthService): Record<string, unknown> {
  const builtin = auth.config.mode === 'builtin';
  return {
    issuer: auth.issuer,
    jwks_uri: builtin ? `${auth.issuer}/jwks` : undefined,
    authorization_endpoint: builtin ? `${auth.issuer}/authorize` : undefined,
    token_endpoint: builtin ? auth.tokenEndpoint : undefined,
    grant_types_supported: ['authorization_code', 'refresh_token', 'client_credentials'],
    token_endpoint_auth_methods_supported: ['private_key_jwt', 'none'],
    revocation_endpoint: builtin ? auth.revocationEndpoint : undefined,
    revocation_endpoint_auth_methods_supported: builtin ? ['private_key_jwt', 'none'] : undefined,
    id_token_signing_alg_values_supported: builtin ? ['ES256'] : undefined,
    token_endpoint_auth_signing_alg_values_supported: ['ES256', 'ES384', 'RS256', 'RS384'],
    scopes_supported: ['openid', 'fhirUser', 'launch', 'launch/patient', 'offline_access', 'online_access', 'patient/*.rs', 'user/*.cruds', 'system/*.cruds', 'patient/*.read', 'user/*.read', 'user/*.write'],
    response_types_supported: ['code'],
    code_challenge_methods_supported: ['S256'],
    capabilities: [
      'launch-ehr', 'launch-standalone', 'client-public', 'client-confidential-asymmetric', 'context-ehr-patient', 'context-standalone-patient',
      'sso-openid-connect', 'permission-v1', 'permission-v2', 'permission-patient', 'permission-user', 'permission-offline', 'authorize-post',
    ],
  };
}

function oauthError(reply: FastifyReply, err: unknown) {
  if (err instanceof OAuthError) return reply.code(err.status).header('cache-control', 'no-store').send({ error: err.error, error_description: err.description });
  throw err;
}

/**
 * Errors on these routes answer as OAuth does (RFC 6749 §5.2): a malformed request — unreadable
 * body, unsupported content type — is `invalid_request`, anything unexpected `server_error` with
 * the request id, never the error itself. FHIR errors (the launch endpoint's 401 and 403, a 429)
 * keep their OperationOutcome.
 */
function answerOAuthError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (isFhirError(error)) return reply.code(error.status).type(FHIR_JSON).send(JSON.stringify(error.outcome));
  if (error instanceof OAuthError) return oauthError(reply, error);
  const status = error.statusCode;
  const malformed = (typeof status === 'number' && status >= 400 && status < 500) || error instanceof SyntaxError;
  if (malformed && request.url.split('?')[0] === '/auth/launch') {
    const outcome = badRequest('The launch request must be a JSON object: { "patient": "Patient/<id>" }');
    return reply.code(400).type(FHIR_JSON).send(JSON.stringify(outcome.outcome));
  }
  if (malformed) {
    return oauthError(reply, new OAuthError('invalid_request', 'The request body must be well-formed application/x-www-form-urlencoded'));
  }
  request.log.error({ err: error }, 'unexpected error');
  return reply.code(500).header('cache-control', 'no-store').send({ error: 'server_error', error_description: `Internal error; quote request id ${request.id} when reporting it` });
}

/** The SMART routes as a plugin that needs authentication (the launch endpoint labels and audits its caller). */
export const smartRoutes = fp(registerSmartRoutes, {
  name: 'helsebro-smart-routes', dependencies: ['helsebro-auth'], decorators: { request: ['principal', 'fhirLabel'] }, encapsulate: true,
});

async function registerSmartRoutes(app: FastifyInstance, options: SmartRoutesOptions): Promise<void> {
  const { auth } = options;
  app.setErrorHandler(answerOAuthError);
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 64 * 1024 }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });

  app.addContentTypeParser(['application/fhir+json'], { parseAs: 'string', bodyLimit: 64 * 1024 }, (_req, body, done) => {
    try {
      done(null, JSON.parse(body as string));
    } catch (err) {
      done(err as Error, undefined);
    }
  });

  const discovery = async (_req: unknown, reply: FastifyReply) => reply.header('cache-control', 'public, max-age=300').send(smartConfiguration(auth));
  app.get('/.well-known/smart-configuration', discovery);
  app.get('/fhir/.well-known/smart-configuration', discovery);
  app.get('/auth/jwks', async (_req, reply) => reply.header('cache-control', 'public, max-age=300').send(auth.jwks()));

  const authorize = async (query: Record<string, string | undefined>, reply: FastifyReply) => {
    try {
      return reply.redirect(await auth.authorize(query), 302);
    } catch (err) {
      return oauthError(reply, err);
    }
  };
  app.get<{ Querystring: Record<string, string> }>('/auth/authorize', async (request, reply) => {
    // The built-in identity provider's sign-in: pick a synthetic user (real deployments use HelseID/ID-porten).
    if (!request.query.login_hint && auth.config.mode === 'builtin') return reply.type('text/html; charset=utf-8').send(loginPage(request.query));
    return authorize(request.query, reply);
  });
  app.post<{ Body: Record<string, string> }>('/auth/authorize', async (request, reply) => {
    try {
      return await authorize(withoutNul(request.body ?? {}), reply);
    } catch (err) {
      return oauthError(reply, err);
    }
  });

  app.post<{ Body: Record<string, string> }>('/auth/token', async (request, reply) => {
    try {
      const body = await auth.token(formOf(request, 'token'));
      return reply.header('cache-control', 'no-store').header('pragma', 'no-cache').send(body);
    } catch (err) {
      return oauthError(reply, err);
    }
  });

  app.post<{ Body: Record<string, string> }>('/auth/revoke', async (request, reply) => {
    try {
      await auth.revoke(formOf(request, 'revocation'));
      // RFC 7009 §2.2: the body is ignored; a token that was not revoked is answered alike.
      return reply.header('cache-control', 'no-store').code(200).send();
    } catch (err) {
      return oauthError(reply, err);
    }
  });

  app.post<{ Body: unknown }>('/auth/launch', async (request, reply) => {
    const principal = await auth.authenticate(request.headers.authorization);
    // Audited like a FHIR access (auth.ts): who opened a context for which patient, granted or not.
    request.principal = principal;
    request.fhirLabel = { interaction: 'launch', resourceType: 'Patient' };
    if (!['doctor', 'system', 'dev'].includes(principal.role)) throw forbidden('Only a doctor’s EHR or a system can create a launch context');
    const patient = launchPatient(request.body);
    if (patient !== undefined) {
      (request.params as { id?: string }).id = patient.slice(0, 64);
      await requireLaunchRelationship(options.service, principal, patient);
    }
    return reply.code(201).send({ launch: await auth.createLaunch({ patient, user: principal.role === 'doctor' ? principal.sub : undefined }) });
  });
}

/** The form of a token or revocation request, which RFC 6749 §4.1.3 and RFC 7009 §2.1 require to be form-encoded. */
function formOf(request: FastifyRequest<{ Body: Record<string, string> }>, what: string): Record<string, string> {
  if (!/^application\/x-www-form-urlencoded\b/i.test(request.headers['content-type'] ?? '')) {
    throw new OAuthError('invalid_request', `The ${what} request must be application/x-www-form-urlencoded`);
  }
  return withoutNul(typeof request.body === 'object' && request.body ? request.body : {});
}

/**
 * A form whose values hold a NUL character is refused at the door, as a URL holding one is: the
 * store cannot compare such a value (PostgreSQL text has no NUL), and no client id, code or token
 * holds one.
 */
function withoutNul<T extends Record<string, unknown>>(form: T): T {
  if (Object.entries(form).some(([k, v]) => k.includes('\0') || (typeof v === 'string' ? v : Array.isArray(v) ? v.join('') : '').includes('\0'))) {
    throw new OAuthError('invalid_request', 'A form value holds a NUL character');
  }
  return form;
}

/** The launch request's patient (`{ "patient": "Patient/…" }` or no body for a launch without one); anything else is 400. */
function launchPatient(body: unknown): string | undefined {
  if (body === undefined || body === null || body === '') return undefined;
  if (typeof body !== 'object' || Array.isArray(body)) throw badRequest('The launch request must be a JSON object: { "patient": "Patient/<id>" }');
  const { patient } = body as { patient?: unknown };
  if (patient === undefined) return undefined;
  if (typeof patient !== 'string') throw badRequest('patient must be a string: "Patient/<id>"', 'patient');
  return patient.replace(/^Patient\//, '');
}

const escapeHtml = (v: string) => v.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A minimal sign-in form for the built-in identity provider (synthetic users only). */
function loginPage(query: Record<string, string>): string {
  const hidden = Object.entries(query)
    .filter(([k]) => k !== 'login_hint')
    .map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(String(v))}">`)
    .join('');
  return `<!doctype html><html lang="nb"><head><meta charset="utf-8"><title>Helsebro – logg inn</title></head><body>
<h1>Logg inn i Helsebro (testbrukere)</h1>
<form method="post" action="/auth/authorize">${hidden}
<label for="login_hint">Bruker (hpr:…, pid:…, orgnr:… eller nav:…)</label>
<input id="login_hint" name="login_hint" required autofocus>
<button type="submit">Logg inn</button></form></body></html>`;
}
