/**
 * The browser apps Helsebro serves itself, from the Vite build in dist/web (web/vite.config.ts,
 * built by `npm ci` through the `prepare` script):
 *   GET /apps/lege/            the doctor's SMART app (index.html; launch.html for the EHR launch)
 *   GET /apps/assets/<file>    the apps' hashed scripts, styles and fonts
 *   GET /sandbox/              the EHR sandbox, only where the sandbox is enabled (sandbox.ts)
 * The files are a fixed set read from one folder: no path from the request reaches the file system
 * except an asset name, which must be a plain file name. Hashed assets never change under their
 * name, so browsers may keep them; the HTML is revalidated on every load, so a new build shows up.
 */
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

export interface WebAppsOptions {
  /** The build output (dist/web by default). */
  root?: string;
  /** Whether /sandbox/ is served (never in production: it signs in synthetic doctors by name). */
  sandbox: boolean;
}

export const DEFAULT_WEB_ROOT = join(import.meta.dirname, '../../../dist/web');

/**
 * Scripts, styles and connections from this server only; no inline script or style element, no
 * plugins, no <base> rewriting. `frame-ancestors 'self'`: an EHR that embeds the app in a frame is
 * served from elsewhere and opens it in its own window or tab instead (SMART allows both).
 */
export const WEB_CSP = [
  "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:", "font-src 'self' data:",
  "connect-src 'self'", "form-action 'self'", "frame-ancestors 'self'", "base-uri 'none'", "object-src 'none'",
].join('; ');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.woff2': 'font/woff2', '.woff': 'font/woff', '.json': 'application/json', '.map': 'application/json',
};

/** A file name Vite writes into assets/ (name-hash.ext); nothing with a slash or a leading dot. */
const ASSET_NAME = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,200}$/;

function notBuiltPage(): string {
  return `<!doctype html><html lang="nb"><head><meta charset="utf-8"><title>Helsebro – appene er ikke bygget</title></head><body>
<main><h1>Nettappene er ikke bygget</h1>
<p>Denne Helsebro-serveren finner ikke de bygde nettappene (legeappen og EHR-sandkassen).
<code>npm ci</code> bygger dem; i en kopi uten dem, kjør <code>npm run build:web</code> og last siden på nytt.</p>
<p lang="en">The web apps have not been built: <code>npm ci</code> builds them, or run <code>npm run build:web</code>.</p>
</main></body></html>`;
}

/** Its own context (encapsulated): the security headers it sets apply to its own answers only. */
export const webAppsPlugin = fp(registerWebApps, { name: 'helsebro-web-apps', dependencies: ['helsebro-hardening'], encapsulate: true });

async function registerWebApps(app: FastifyInstance, options: WebAppsOptions): Promise<void> {
  const root = options.root ?? DEFAULT_WEB_ROOT;

  const send = async (reply: FastifyReply, file: string, cache: string) => {
    reply.header('content-security-policy', WEB_CSP);
    if (!existsSync(join(root, 'lege', 'index.html'))) {
      return reply.code(404).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(notBuiltPage());
    }
    let body: Buffer;
    try {
      body = await readFile(join(root, file));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      return reply.code(404).header('cache-control', 'no-store').type('text/plain; charset=utf-8').send('Not found');
    }
    return reply.header('cache-control', cache).type(TYPES[extname(file)] ?? 'application/octet-stream').send(body);
  };
  /** The HTML of an app, at its folder's URL with the trailing slash, so its relative links resolve inside it. */
  const page = (prefix: string, file: string) => async (request: FastifyRequest, reply: FastifyReply) => {
    const path = request.url.split('?')[0];
    if (path === prefix) return reply.redirect(`${prefix}/${request.url.slice(path.length)}`, 301);
    return send(reply, file, 'no-cache');
  };

  app.get('/apps/lege', page('/apps/lege', 'lege/index.html'));
  app.get('/apps/lege/index.html', page('/apps/lege', 'lege/index.html'));
  app.get('/apps/lege/launch.html', page('/apps/lege', 'lege/launch.html'));
  app.get<{ Params: { file: string } }>('/apps/assets/:file', async (request, reply) => {
    if (!ASSET_NAME.test(request.params.file)) return reply.code(404).type('text/plain; charset=utf-8').send('Not found');
    return send(reply, `assets/${request.params.file}`, 'public, max-age=31536000, immutable');
  });
  if (options.sandbox) app.get('/sandbox', page('/sandbox', 'sandbox/index.html'));
}
