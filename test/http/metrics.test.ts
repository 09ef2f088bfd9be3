/**
 * Prometheus metrics have bounded labels — route templates, known resource types, capped value
 * sets, never raw URLs — and /metrics is not public unless allowed: a configured bearer token, and
 * in production nothing without one.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import Fastify from 'fastify';
import { observabilityPlugin } from '../../src/http/plugins/observability.ts';
import { BoundedLabel } from '../../src/http/metric-labels.ts';
import { startTestServer, type TestServer } from '../support/runtime.ts';

const TOKEN = 'metrics-test-token';

describe('metrics', () => {
  let s: TestServer;
  before(async () => {
    s = await startTestServer('pglite', { metricsToken: TOKEN });
  });
  after(() => s.close());

  const series = async () => {
    const res = await s.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } });
    assert.equal(res.statusCode, 200);
    return res.body.split('\n').filter((l) => l.startsWith('helsebro_http_'));
  };

  it('adds no more than a few series for 500 distinct odd URLs', async () => {
    await s.request({ method: 'GET', url: '/fhir/Patient' });
    const odd = async (from: number) => {
      for (let i = from; i < from + 500; i++) {
        const url = [`/fhir/Odd${i}/x${i}`, `/nope/${i}/${'y'.repeat(i % 50)}`, `/fhir/Patient/${i}-missing`, `/fhir/T${i}?_count=${i}`, `/fhir/Patient/x/_history/${i}`][i % 5];
        await s.app.inject({ method: i % 7 ? 'GET' : 'DELETE', url });
      }
      for (let i = from; i < from + 20; i++) await s.request({ method: 'POST', url: '/fhir', body: { resourceType: 'Bundle', type: `kind-${i}`, entry: [] } });
    };
    const before = (await series()).length;
    await odd(0);
    const after = await series();
    // A series per (route, interaction, type, status) met, each 14 lines as a histogram: a constant.
    assert.ok(after.length - before <= 200, `${after.length - before} new series`);
    await odd(10_000);
    assert.equal((await series()).length, after.length, '500 more odd URLs add no series at all');
    assert.ok(!after.some((l) => /Odd\d|nope|T\d{2}|kind-/.test(l)), 'no raw URL or body value in a label');
    assert.ok(after.some((l) => l.includes('route="/fhir/:type/:id"')), 'route templates label the series');
    assert.ok(after.some((l) => l.includes('route="unmatched"')), 'unknown routes share one label');
  });

  it('serves /metrics only with the configured bearer token', async () => {
    assert.equal((await s.app.inject({ method: 'GET', url: '/metrics' })).statusCode, 401);
    assert.equal((await s.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: 'Bearer wrong' } })).statusCode, 401);
    assert.equal((await s.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } })).statusCode, 200);
  });

  it('does not serve /metrics in production without a token', async () => {
    for (const [production, status] of [[true, 404], [false, 200]] as const) {
      const app = Fastify();
      await app.register(observabilityPlugin, { ready: async () => true, isResourceType: () => true, production });
      assert.equal((await app.inject({ method: 'GET', url: '/metrics' })).statusCode, status, `production: ${production}`);
      await app.close();
    }
  });

  it('collapses values past the cap into one', () => {
    const label = new BoundedLabel(2);
    assert.deepEqual(['a', 'b', 'c', 'a', 'd'].map((v) => label.of(v)), ['a', 'b', 'other', 'a', 'other']);
  });
});
