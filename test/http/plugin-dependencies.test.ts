/**
 * Each Fastify plugin names what it needs (fastify-plugin `dependencies` and `decorators`), so an
 * app assembled without one stops at boot (ready()) instead of misbehaving on the first request.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import Fastify, { type FastifyPluginAsync, type FastifyPluginCallback } from 'fastify';
import { authPlugin } from '../../src/http/plugins/auth.ts';
import { errorHandlerPlugin } from '../../src/http/plugins/error-handler.ts';
import { hardeningPlugin } from '../../src/http/plugins/hardening.ts';
import { observabilityPlugin } from '../../src/http/plugins/observability.ts';
import { RequestLimiter } from '../../src/http/request-limiter.ts';
import { fhirRoutes } from '../../src/http/routes/fhir-routes.ts';
import { smartRoutes } from '../../src/http/routes/smart.ts';

/** Boots a bare app with the plugins given, in order; the options are never reached before ready() fails. */
async function boot(plugins: Array<[FastifyPluginAsync<any> | FastifyPluginCallback<any>, Record<string, unknown>?]>): Promise<void> {
  const app = Fastify({ logger: false });
  try {
    for (const [plugin, options] of plugins) app.register(plugin, options ?? {});
    await app.ready();
  } finally {
    await app.close().catch(() => undefined);
  }
}

const observability = { ready: async () => true, isResourceType: () => true, production: false };

it('refuses to boot the auth plugin without the metrics labels it audits by', async () => {
  await assert.rejects(boot([[errorHandlerPlugin], [authPlugin, {}]]), /'fhirLabel' required by 'helsebro-auth'|helsebro-observability/);
});

it('refuses to boot the hardening plugin without the error handler', async () => {
  await assert.rejects(boot([[hardeningPlugin, { limiter: new RequestLimiter(0), corsOrigins: '*' }]]), /helsebro-errors/);
});

it('refuses to boot the FHIR routes without authentication', async () => {
  await assert.rejects(boot([[errorHandlerPlugin], [observabilityPlugin, observability], [fhirRoutes, {}]]), /'principal' required by 'helsebro-fhir-routes'|helsebro-auth/);
});

it('refuses to boot the SMART routes without authentication', async () => {
  await assert.rejects(boot([[errorHandlerPlugin], [observabilityPlugin, observability], [smartRoutes, {}]]), /'principal' required by 'helsebro-smart-routes'|helsebro-auth/);
});
