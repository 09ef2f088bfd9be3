/**
 * The layers import one way only (docs/architecture.md, "Layers"): each source folder belongs to a
 * layer and imports nothing from a layer above it; the feature folders do not import one another;
 * SQL on the index tables is written only in src/store. A wrong import fails here, not in review.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, it } from 'node:test';

const ROOT = join(import.meta.dirname, '../..');

/** Lowest first. A folder may import its own layer's code and any layer below it. */
const LAYERS: ReadonlyArray<{ layer: string; folders: string[] }> = [
  { layer: 'domain', folders: ['domain'] },
  { layer: 'fhir', folders: ['fhir'] },
  { layer: 'store', folders: ['store'] },
  { layer: 'access', folders: ['access'] },
  { layer: 'service', folders: ['service'] },
  { layer: 'parties', folders: ['parties'] },
  { layer: 'features', folders: ['sykmelding', 'legeerklaering', 'dialog', 'terminology', 'audit', 'synthetic'] },
  { layer: 'auth', folders: ['auth'] },
  { layer: 'http', folders: ['http'] },
  { layer: 'composition', folders: ['server.ts', 'write-hooks.ts'] },
  { layer: 'cli', folders: ['cli'] },
];
/** Plain settings and the version: every layer may read them; they import nothing of ours. */
const BASE = ['config.ts', 'version.ts'];
/** Folders of one layer that must not import one another (each feature stands on the layers below). */
const INDEPENDENT = new Set(['features']);

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.tsx?$/.test(entry.name) ? [relative(ROOT, path)] : [];
  });
}

const FILES = sources(join(ROOT, 'src')).map((path) => ({ path, text: readFileSync(join(ROOT, path), 'utf8') }));

/** The first path part under src/ ('domain', 'server.ts', …). */
const topOf = (path: string) => path.split('/')[1] ?? '';

function layerIndex(top: string): number {
  return LAYERS.findIndex((l) => l.folders.includes(top));
}

/** Every relative import and dynamic import of a file, resolved to a path under the repository. */
function relativeImports(file: { path: string; text: string }): string[] {
  const specs = [...file.text.matchAll(/(?:\bfrom|\bimport)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)].map((m) => m[1]);
  return specs.map((s) => normalize(join(dirname(file.path), s)));
}

function violations(): string[] {
  const found: string[] = [];
  for (const file of FILES) {
    const from = topOf(file.path);
    const mine = layerIndex(from);
    for (const target of relativeImports(file)) {
      const to = topOf(target);
      if (to === from) continue;
      if (BASE.includes(to)) continue;
      const theirs = layerIndex(to);
      if (BASE.includes(from)) found.push(`${file.path} → ${target} (settings import nothing of ours)`);
      else if (theirs > mine) found.push(`${file.path} → ${target} (${LAYERS[mine]!.layer} may not import ${LAYERS[theirs]!.layer})`);
      else if (theirs === mine && INDEPENDENT.has(LAYERS[mine]!.layer)) found.push(`${file.path} → ${target} (features do not import one another)`);
    }
  }
  return found;
}

describe('layers', () => {
  it('every source file belongs to a layer', () => {
    assert.ok(FILES.length > 100, `found ${FILES.length} source files`);
    const unplaced = FILES.filter((f) => layerIndex(topOf(f.path)) < 0 && !BASE.includes(topOf(f.path))).map((f) => f.path);
    assert.deepEqual(unplaced, [], 'add the new folder to LAYERS here and to the table in docs/architecture.md');
  });

  it('the resolver sees the imports it judges', () => {
    const policies = FILES.find((f) => f.path === 'src/access/policies.ts')!;
    assert.ok(relativeImports(policies).includes('src/domain/identity/index.ts'));
    const server = FILES.find((f) => f.path === 'src/server.ts')!;
    assert.ok(relativeImports(server).some((p) => p.startsWith('src/http/')));
  });

  it('imports go one way only: down the layers', () => {
    assert.deepEqual(violations(), []);
  });

  it('the pure domain imports nothing outside itself but the platform\'s hashing', () => {
    const outside = FILES.filter((f) => topOf(f.path) === 'domain').flatMap((f) =>
      [...f.text.matchAll(/(?:\bfrom|\bimport)\s*\(?\s*'([^.][^']*)'/g)].map((m) => m[1]).filter((spec) => spec !== 'node:crypto').map((spec) => `${f.path} → ${spec}`));
    assert.deepEqual(outside, [], 'the domain is pure: no I/O, no libraries; pass what it needs in');
  });

  it('SQL on the index tables is written only in src/store', () => {
    const found = FILES.filter((f) => topOf(f.path) !== 'store' && /\bsp_(?:token|string|date|number|quantity|reference|uri|composite)\b/.test(f.text)).map((f) => f.path);
    assert.deepEqual(found, [], 'describe what the caller needs as data (src/fhir/search/visibility.ts) and compile it in src/store');
  });

  it('the web apps reach the server over HTTP only: of src/ they may import the pure domain alone', () => {
    const web = sources(join(ROOT, 'web')).map((path) => ({ path, text: readFileSync(join(ROOT, path), 'utf8') }));
    assert.ok(web.some((f) => f.path === 'web/lege/app.tsx'), `found ${web.length} web files`);
    const found = web.flatMap((f) => relativeImports(f).filter((t) => !t.startsWith('web/') && !t.startsWith('src/domain/')).map((t) => `${f.path} → ${t}`));
    assert.deepEqual(found, [], 'web/ talks to the server through the SMART client and /fhir; share only src/domain code');
  });

  it('a wrong import would be found', () => {
    // The same judgement on a made-up file: the store reaching up into access.
    const file = { path: 'src/store/example.ts', text: "import { visibilityFor } from '../access/policies.ts';" };
    const [target] = relativeImports(file);
    assert.equal(target, 'src/access/policies.ts');
    assert.ok(layerIndex(topOf(target!)) > layerIndex(topOf(file.path)));
  });
});
