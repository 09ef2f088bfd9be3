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
import { OPERATIONS } from './operations/index.ts';
import { errorHandlerPlugin } from './plugins/error-handler.ts';
import { observabilityPlugin } from './plugins/observability.ts';
import { fhirRoutes } from './routes/fhir-routes.ts';

export interface AppDeps {
  config: Config;
  db: Database;
  validator: Validator;
  service: FhirService;
  version: string;
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
  });
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  const capability = () => buildCapabilityStatement({ validator: deps.validator, version: deps.version, baseUrl: config.publicBaseUrl, operations: OPERATIONS });

  await app.register(errorHandlerPlugin);
  await app.register(observabilityPlugin, {
    ready: async () => (await deps.db.query('SELECT 1 AS ok')).rows.length === 1,
  });
  await app.register(
    async (fhir) => {
      await fhir.register(fhirRoutes, {
        capabilityStatement: capability,
        service: deps.service,
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
