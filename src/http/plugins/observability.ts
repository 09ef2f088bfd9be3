/**
 * Health, readiness and Prometheus metrics. Request counts and latency are labelled by FHIR
 * interaction and resource type (set by the FHIR routes on `request.fhirLabel`), never by raw URL,
 * so label cardinality stays bounded.
 */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

declare module 'fastify' {
  interface FastifyRequest {
    fhirLabel: { interaction: string; resourceType: string };
  }
}

export interface ObservabilityOptions {
  /** Answers true when the store is reachable. */
  ready: () => Promise<boolean>;
  /** Extra facts for /healthz (e.g. whether code lists are loaded). */
  health?: () => Promise<Record<string, unknown>>;
}

export const observabilityPlugin = fp<ObservabilityOptions>(
  async function observability(app: FastifyInstance, options) {
    const registry = new Registry();
    collectDefaultMetrics({ register: registry });
    const requests = new Counter({
      name: 'helsebro_http_requests_total',
      help: 'HTTP requests by FHIR interaction, resource type and status code',
      labelNames: ['interaction', 'resource_type', 'status'],
      registers: [registry],
    });
    const latency = new Histogram({
      name: 'helsebro_http_request_duration_seconds',
      help: 'HTTP request latency by FHIR interaction and resource type',
      labelNames: ['interaction', 'resource_type'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    });

    app.decorateRequest('fhirLabel', null as unknown as FastifyRequestLabel);
    app.addHook('onRequest', async (request) => {
      request.fhirLabel = { interaction: 'other', resourceType: '' };
    });
    app.addHook('onResponse', async (request, reply) => {
      const { interaction, resourceType } = request.fhirLabel;
      requests.inc({ interaction, resource_type: resourceType, status: String(reply.statusCode) });
      latency.observe({ interaction, resource_type: resourceType }, reply.elapsedTime / 1000);
    });

    app.get('/healthz', async () => ({ status: 'ok', ...(options.health ? await options.health() : {}) }));
    app.get('/readyz', async (_request, reply) => {
      const ok = await options.ready().catch(() => false);
      return reply.code(ok ? 200 : 503).send({ status: ok ? 'ready' : 'unavailable' });
    });
    app.get('/metrics', async (_request, reply) => reply.type(registry.contentType).send(await registry.metrics()));
  },
  { name: 'helsebro-observability' },
);

type FastifyRequestLabel = { interaction: string; resourceType: string };
