/**
 * How the server serves the built web apps (src/http/routes/web-apps.ts) and the sandbox's
 * directory (src/http/routes/sandbox.ts): content types, cache headers, the apps' own CSP, the
 * page shown when the apps were not built, and the sandbox only where the builtin authorisation
 * server signs in synthetic people.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Fastify from 'fastify';
import fp from 'fastify-plugin';
import { DEFAULTS } from '../../src/config.ts';
import { seedDatabase } from '../../src/cli/seed.ts';
import { getValidator } from '../../src/server.ts';
import { DEFAULT_WEB_ROOT, WEB_CSP, webAppsPlugin } from '../../src/http/routes/web-apps.ts';
import { startTestServer, type TestServer } from '../support/runtime.ts';

describe('the web apps and the sandbox directory (builtin auth)', () => {
  let s: TestServer;
  before(async () => {
    s = await startTestServer('pglite', { auth: { ...DEFAULTS.auth, mode: 'builtin' } });
    await seedDatabase(s.t.db, await getValidator(), { seed: 1, patients: 400 });
  });
  after(() => s.close());

  it('serves the app HTML uncached under the apps’ CSP, and redirects to the folder URL', async () => {
    const res = await s.request({ method: 'GET', url: '/apps/lege/' });
    assert.equal(res.status, 200);
    assert.match(String(res.headers['content-type']), /^text\/html; charset=utf-8/);
    assert.equal(res.headers['cache-control'], 'no-cache');
    assert.equal(res.headers['content-security-policy'], WEB_CSP);
    assert.match(res.text, /<script type="module" crossorigin src="\/apps\/assets\//);
    const bare = await s.request({ method: 'GET', url: '/apps/lege?iss=x' });
    assert.equal(bare.status, 301);
    assert.equal(bare.headers.location, '/apps/lege/?iss=x');
    assert.equal((await s.request({ method: 'GET', url: '/apps/lege/launch.html?iss=x&launch=y' })).status, 200);
    assert.equal((await s.request({ method: 'GET', url: '/sandbox/' })).status, 200);
  });

  it('serves hashed assets as immutable with their content type, and nothing outside the assets folder', async () => {
    const js = readdirSync(join(DEFAULT_WEB_ROOT, 'assets')).find((f) => f.endsWith('.js'))!;
    const res = await s.request({ method: 'GET', url: `/apps/assets/${js}` });
    assert.equal(res.status, 200);
    assert.match(String(res.headers['content-type']), /^text\/javascript/);
    assert.equal(res.headers['cache-control'], 'public, max-age=31536000, immutable');
    for (const url of ['/apps/assets/..%2Flege%2Findex.html', '/apps/assets/.hidden', '/apps/assets/nope.js']) {
      assert.equal((await s.request({ method: 'GET', url })).status, 404, url);
    }
  });

  it('keeps the API’s own CSP on the FHIR endpoints', async () => {
    const res = await s.request({ method: 'GET', url: '/fhir/metadata' });
    assert.match(String(res.headers['content-security-policy']), /default-src 'none'/);
  });

  it('lists GPs and, for one, patients of each kind the sandbox offers', async () => {
    const leger = (await s.request({ method: 'GET', url: '/sandbox/api/leger' })).json as { fhirBase: string; leger: Array<{ hpr: string; office?: string }> };
    assert.equal(leger.fhirBase, 'http://helsebro.test/fhir');
    assert.ok(leger.leger.length > 0 && leger.leger[0].office);
    const res = await s.request({ method: 'GET', url: `/sandbox/api/leger/${leger.leger[0].hpr}/pasienter` });
    assert.equal(res.headers['cache-control'], 'no-store');
    const { categories } = res.json as { categories: Array<{ key: string; patients: Array<{ identityNumber: string }> }> };
    const count = Object.fromEntries(categories.map((c) => [c.key, c.patients.length]));
    for (const key of ['egen-liste', 'barn', 'annen-fastlege', 'uten-fastlege']) assert.ok(count[key] > 0, `${key}: ${JSON.stringify(count)}`);
    assert.ok('fortrolig-adresse' in count && 'tidligere-sykmeldinger' in count);
    assert.equal((await s.request({ method: 'GET', url: '/sandbox/api/leger/99999999/pasienter' })).status, 404);
  });
});

describe('where the sandbox is not served', () => {
  it('is absent without the builtin authorisation server (the apps stay)', async () => {
    const s = await startTestServer('pglite');
    try {
      assert.equal((await s.request({ method: 'GET', url: '/sandbox/' })).status, 404);
      assert.equal((await s.request({ method: 'GET', url: '/sandbox/api/leger' })).status, 404);
      assert.equal((await s.request({ method: 'GET', url: '/apps/lege/' })).status, 200);
    } finally {
      await s.close();
    }
  });
});

describe('before the apps are built', () => {
  it('explains how to build them', async () => {
    const app = Fastify({ routerOptions: { ignoreTrailingSlash: true } });
    await app.register(fp(async () => {}, { name: 'helsebro-hardening' }));
    await app.register(webAppsPlugin, { sandbox: true, root: mkdtempSync(join(tmpdir(), 'helsebro-web-')) });
    const res = await app.inject({ method: 'GET', url: '/sandbox/' });
    assert.equal(res.statusCode, 404);
    assert.match(res.headers['content-type'] as string, /^text\/html/);
    assert.match(res.body, /npm run build:web/);
    await app.close();
  });
});
