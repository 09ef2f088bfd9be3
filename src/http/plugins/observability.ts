/**
 * Health, readiness and Prometheus metrics. Requests are counted by route template
 * (`/fhir/:type/:id`; `unmatched` for every URL no route takes), method and status, and counted and
 * timed by FHIR interaction and resource type (set by the FHIR routes on `request.fhirLabel`; a type the server does not know is
 * `unknown`), never by raw URL, and each label admits a bounded number of values (metric-labels.ts),
 * so label cardinality stays bounded. `/metrics` needs `Authorization: Bearer <metricsToken>` when
 * one is configured; without one it is public except in production, where it is not served.
 */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { safeEqual } from '../../auth/auth-service.ts';
import { BoundedLabel } from '../metric-labels.ts';
import type { IndexFailureCounter } from '../../fhir/search/index-failures.ts';

declare module 'fastify' {
  interface FastifyRequest {
    fhirLabel: { interaction: string; resourceType: string };
  }
}

interface ObservabilityOptions {
  /** Answers true when the store is reachable. */
  ready: () => Promise<boolean>;
  /** Extra facts for /healthz (e.g. whether code lists are loaded). */
  health?: () => Promise<Record<string, unknown>>;
  /** Whether a resource type is one the server knows (others are labelled `unknown`). */
  isResourceType: (type: string) => boolean;
  /** Bearer token that /metrics requires; without one, /metrics is public unless `production`. */
  metricsToken?: string;
  production: boolean;
  /** Search parameter expressions that failed on a write (helsebro_index_extraction_failures_total). */
  indexFailures?: IndexFailureCounter;
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

    const indexFailures = options.indexFailures;
    if (indexFailures) {
      new Counter({
        name: 'helsebro_index_extraction_failures_total',
        help: 'Search parameter expressions that failed while a written version was indexed, by resource type and parameter',
        labelNames: ['resource_type', 'param'],
        registers: [registry],
        collect() {
          this.reset();
          for (const { resourceType, param, count } of indexFailures.totals()) this.inc({ resource_type: resourceType, param }, count);
        },
      });
    }

    app.decorateRequest('fhirLabel', null as unknown as FastifyRequestLabel);
    app.addHook('onRequest', async (request) => {
      request.fhirLabel = { interaction: 'other', resourceType: '' };
    });
    const routes = new Counter({
      name: 'helsebro_http_route_requests_total',
      help: 'HTTP requests by route template (unmatched: no route), method and status code',
      labelNames: ['route', 'method', 'status'],
      registers: [registry],
    });
    const label = { route: new BoundedLabel(200), interaction: new BoundedLabel(100), resourceType: new BoundedLabel(200), status: new BoundedLabel(60), method: new BoundedLabel(10) };
    app.addHook('onResponse', async (request, reply) => {
      const { interaction, resourceType } = request.fhirLabel;
      const status = label.status.of(String(reply.statusCode));
      routes.inc({ route: label.route.of(request.routeOptions.url ?? 'unmatched'), method: label.method.of(request.method), status });
      const labels = {
        interaction: label.interaction.of(interaction),
        resource_type: label.resourceType.of(resourceType === '' || options.isResourceType(resourceType) ? resourceType : 'unknown'),
      };
      requests.inc({ ...labels, status });
      latency.observe(labels, reply.elapsedTime / 1000);
    });

    app.get('/healthz', async () => ({ status: 'ok', ...(options.health ? await options.health() : {}) }));
    app.get('/readyz', async (_request, reply) => {
      const ok = await options.ready().catch(() => false);
      return reply.code(ok ? 200 : 503).send({ status: ok ? 'ready' : 'unavailable' });
    });
    app.get('/metrics', async (request, reply) => {
      if (!options.metricsToken && options.production) return reply.callNotFound();
      if (options.metricsToken && !safeEqual(request.headers.authorization ?? '', `Bearer ${options.metricsToken}`)) {
        return reply.code(401).header('www-authenticate', 'Bearer realm="helsebro-metrics"').send({ error: 'unauthorized' });
      }
      return reply.type(registry.contentType).send(await registry.metrics());
    });
  },
  { name: 'helsebro-observability' },
);

type FastifyRequestLabel = { interaction: string; resourceType: string };
