/**
 * Every FHIR error is made by a factory in src/fhir/outcome.ts, so that one status and issue code
 * always go together: no `new FhirError(` anywhere else in the source.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { it } from 'node:test';

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));
const FACTORIES = join(SRC, 'fhir', 'outcome.ts');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return e.name.endsWith('.ts') ? [path] : [];
  });
}

it('constructs FhirError only in src/fhir/outcome.ts', () => {
  const files = sourceFiles(SRC);
  assert.ok(files.includes(FACTORIES));
  const offenders = files
    .filter((f) => f !== FACTORIES)
    .flatMap((f) => readFileSync(f, 'utf8').split('\n').flatMap((line, i) => (/new\s+FhirError\s*\(/.test(line) ? [`${relative(SRC, f)}:${i + 1}`] : [])));
  assert.deepEqual(offenders, [], 'use (or add) a factory in src/fhir/outcome.ts');
});
