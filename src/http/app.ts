/**
 * Builds the Fastify application from its parts; `listen` happens elsewhere (src/server.ts), so
 * tests drive the same app with `inject` or on a real port.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { randomUUID } from 'node:crypto';
import type { Config } from '../config.ts';
import type { Validator } from '../fhir/validation/index.ts';
import type { FhirService } from '../service/fhir-service.ts';
import type { Database } from '../store/database.ts';
import { buildCapabilityStatement } from './capability.ts';
import { declaredOperations, type OperationDeps } from './operations/index.ts';
import { answerFrameworkError, errorHandlerPlugin } from './plugins/error-handler.ts';
import { authPlugin } from './plugins/auth.ts';
import { hardeningPlugin } from './plugins/hardening.ts';
import { clientAbortPlugin } from './plugins/client-abort.ts';
import { smartConfiguration, smartRoutes } from './routes/smart.ts';
import type { AuthService } from '../auth/auth-service.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import { RequestLimiter } from './request-limiter.ts';
import { observabilityPlugin } from './plugins/observability.ts';
import type { IndexFailureCounter } from '../fhir/search/index-failures.ts';
import { fhirRoutes } from './routes/fhir-routes.ts';
import { sandboxRoutes } from './routes/sandbox.ts';
import { webAppsPlugin } from './routes/web-apps.ts';

interface AppDeps {
  config: Config;
  db: Database;
  validator: Validator;
  service: FhirService;
  auth: AuthService;
  audit: AuditLog;
  version: string;
  /** What the operations need besides the service (clock, code lists). */
  operationDeps: Omit<OperationDeps, 'baseUrl'>;
  /** Facts for the CapabilityStatement's documentation. */
  capabilityNotes?: () => string[];
  /** Extra facts for /healthz. */
  health?: () => Promise<Record<string, unknown>>;
  /** Search parameter expressions that failed on a write, for /metrics. */
  indexFailures?: IndexFailureCounter;
  /** pino options or false; tests pass false. */
  logger?: boolean | Record<string, unknown>;
}


export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config } = deps;
  const app = Fastify({
    logger: deps.logger ?? { level: config.logLevel, redact: ['req.headers.authorization', 'req.headers.cookie'] },
    bodyLimit: config.bodyLimit,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[A-Za-z0-9\-._]{1,64}$/.test(given) ? given : randomUUID();
    },
    // Query strings are parsed by the FHIR layer itself (repeated keys matter).
    routerOptions: { maxParamLength: 200, ignoreTrailingSlash: true },
    frameworkErrors: answerFrameworkError,
  });
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  const smart = smartConfiguration(deps.auth);
  const security = deps.auth.config.mode === 'insecure-dev' ? undefined : { authorize: smart.authorization_endpoint as string | undefined, token: smart.token_endpoint as string | undefined, revoke: smart.revocation_endpoint as string | undefined };
  const capability = () => buildCapabilityStatement({ validator: deps.validator, version: deps.version, baseUrl: config.publicBaseUrl, operations: declaredOperations(), notes: deps.capabilityNotes?.(), security });

  await app.register(errorHandlerPlugin);
  await app.register(clientAbortPlugin);
  await app.register(observabilityPlugin, {
    ready: async () => (await deps.db.query('SELECT 1 AS ok')).rows.length === 1,
    health: deps.health,
    isResourceType: (type) => deps.validator.isResourceType(type),
    metricsToken: config.metricsToken,
    production: config.environment === 'production',
    indexFailures: deps.indexFailures,
  });
  // Before authentication: a browser's CORS preflight carries no token and is answered here, and
  // refusals (401) get the security headers like every other answer.
  const limiter = new RequestLimiter(config.rateLimitPerMinute);
  await app.register(hardeningPlugin, { limiter, corsOrigins: config.corsOrigins });
  await app.register(authPlugin, { auth: deps.auth, audit: deps.audit, limiter });
  await app.register(smartRoutes, { auth: deps.auth, service: deps.service });
  // The sandbox signs synthetic doctors in by name: only with the builtin authorisation server, never in production.
  const sandbox = deps.auth.config.mode === 'builtin' && config.environment !== 'production';
  await app.register(webAppsPlugin, { sandbox });
  if (sandbox) await app.register(sandboxRoutes, { service: deps.service, fhirBase: deps.auth.fhirBase, now: deps.operationDeps.now });
  await app.register(
    async (fhir) => {
      await fhir.register(fhirRoutes, {
        capabilityStatement: capability,
        service: deps.service,
        operationDeps: deps.operationDeps,
        bodyLimit: config.bodyLimit,
        maxJsonDepth: config.maxJsonDepth,
        maxBundleEntries: config.maxBundleEntries,
        publicBaseUrl: config.publicBaseUrl,
      });
    },
    { prefix: '/fhir' },
  );
  return app;
}
