/**
 * Renders every rule tree to Mermaid plus a table of its outcomes, into docs/rules/. The docs are
 * generated from the same tree objects the engine runs, so they cannot drift; a test re-renders
 * them and fails when the committed files are stale. Run: npm run rules:docs
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderRuleDocs } from '../src/domain/rule-docs.ts';

const dir = fileURLToPath(new URL('../docs/rules/', import.meta.url));
mkdirSync(dir, { recursive: true });
for (const [name, content] of Object.entries(renderRuleDocs())) writeFileSync(dir + name, content);
console.log(`Wrote ${Object.keys(renderRuleDocs()).length} files to docs/rules/`);
