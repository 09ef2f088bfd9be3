/**
 * The service is the only door to the store, and it is the caller's (docs/architecture.md, "One
 * door"): code outside src/service and src/store never calls a Repository itself, and only the
 * service binds the access layer. Forgetting this fails here, not in review.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';

const ROOT = join(import.meta.dirname, '../..');
const SRC = join(ROOT, 'src');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') ? [relative(ROOT, path)] : [];
  });
}

const FILES = sources(SRC).map((path) => ({ path, text: readFileSync(join(ROOT, path), 'utf8') }));
const under = (path: string, ...dirs: string[]) => dirs.some((d) => path.startsWith(`src/${d}/`));

/** Every import's specifier with the names it brings in. */
function imports(text: string): Array<{ names: string; from: string }> {
  return [...text.matchAll(/import\s+(?:type\s+)?([^;]*?)\s+from\s+'([^']+)'/g)].map((m) => ({ names: m[1], from: m[2] }));
}

function offending(where: (path: string) => boolean, test: (text: string) => boolean): string[] {
  return FILES.filter((f) => where(f.path) && test(f.text)).map((f) => f.path);
}

describe('one door to the store', () => {
  it('scans the sources', () => {
    assert.ok(FILES.length > 50, `found ${FILES.length} source files`);
    assert.ok(FILES.some((f) => f.path === 'src/service/fhir-service.ts'));
  });

  it('no code outside src/service, src/store and src/access reaches for a service\'s repository', () => {
    const found = offending((p) => !under(p, 'service', 'store', 'access'), (text) => /\.repo\b/.test(text));
    assert.deepEqual(found, [], 'call the service (FhirService) instead of service.repo');
  });

  it('no code outside src/service, src/store and src/access imports the Repository contract', () => {
    const found = offending((p) => !under(p, 'service', 'store', 'access'), (text) =>
      imports(text).some((i) => /\/store\/repository\.ts$/.test(i.from) && /\bRepository\b/.test(i.names)));
    assert.deepEqual(found, [], 'take a FhirService, not a Repository');
  });

  it('only the composition root and src/store create a repository', () => {
    const found = offending((p) => !under(p, 'store') && p !== 'src/server.ts', (text) => /\bcreateRepository\b/.test(text));
    assert.deepEqual(found, [], 'the server wires one repository into the service (src/server.ts)');
  });

  it('only the service binds the access layer, and nothing reaches through it', () => {
    const importers = offending((p) => !under(p, 'service', 'access'), (text) => imports(text).some((i) => /access-repository\.ts$/.test(i.from)));
    assert.deepEqual(importers, [], 'get a caller-bound service with service.forPrincipal(principal)');
    assert.deepEqual(offending(() => true, (text) => /instanceof\s+AccessRepository\b/.test(text)), []);
    assert.deepEqual(offending((p) => under(p, 'service', 'access'), (text) => /as unknown as/.test(text)), [], 'use the Repository interface (unrestricted, queryable)');
  });

  it('operations are given the caller\'s service, never an unrestricted one', () => {
    const index = FILES.find((f) => f.path === 'src/http/operations/index.ts')!.text;
    const deps = /export interface OperationDeps \{([\s\S]*?)\n\}/.exec(index)?.[1] ?? '';
    assert.ok(deps.length > 0, 'OperationDeps is declared');
    assert.doesNotMatch(deps, /FhirService|serviceFor/, 'OperationDeps carries no service; the handler context has the caller\'s');
    // Every handler is registered by operation-routes.ts, which hands it the caller's service.
    const selfRegistering = offending((p) => under(p, 'http/operations') && p !== 'src/http/operations/operation-routes.ts', (text) => /\b(app|scoped)\.(get|post|put|patch|delete|route)\(/.test(text));
    assert.deepEqual(selfRegistering, [], 'declare the route in the module\'s `routes` (operationRoute) instead');
  });
});
