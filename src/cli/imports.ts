/**
 * `helsebro import` and `helsebro terminology import`: load files into the store through the same
 * FhirService as the API (validated, hooks run), reporting what was written and what was refused.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Config } from '../config.ts';
import { createRuntime, type Runtime } from '../server.ts';
import { processBundle } from '../service/bundle-processor.ts';
import { readCodeListFile, storeCodeLists, TerminologyFormatError } from '../terminology/import.ts';
import type { Concept } from '../terminology/code-lists.ts';

export async function withRuntime<T>(config: Config, fn: (runtime: Runtime) => Promise<T>): Promise<T> {
  const runtime = await createRuntime(config, { logger: false });
  try {
    return await fn(runtime);
  } finally {
    await runtime.close();
  }
}

const describeError = (err: unknown) => (err instanceof Error ? err.message : String(err));

/**
 * Expands directories to the files in them (sorted). A file named outright must be of a kind the
 * command reads, and a directory must hold at least one: anything else is an error, so a wrong
 * path or format never passes for an import of nothing.
 */
function expand(paths: string[], pattern: RegExp, kinds: string): string[] {
  return paths.flatMap((p) => {
    let isDirectory: boolean;
    try {
      isDirectory = statSync(p).isDirectory();
    } catch {
      throw new Error(`Cannot read ${p}: no such file or directory`);
    }
    if (!isDirectory) {
      if (!pattern.test(p)) throw new Error(`Cannot read ${p}: this command reads ${kinds} files`);
      return [p];
    }
    const files = readdirSync(p).filter((f) => pattern.test(f)).sort().map((f) => join(p, f));
    if (files.length === 0) throw new Error(`No ${kinds} files in ${p}`);
    return files;
  });
}

/**
 * FHIR files: `.ndjson` (one resource per line; with an id it is a PUT, without a POST) or `.json`
 * (a resource, or a batch/transaction Bundle). Returns the number of failures.
 */
export async function importFhirFiles(config: Config, paths: string[]): Promise<number> {
  if (paths.length === 0) throw new Error('Name one or more .json or .ndjson files (or directories holding them)');
  return withRuntime(config, async ({ service }) => {
    let ok = 0;
    let failed = 0;
    const write = async (resource: Record<string, unknown>, where: string) => {
      try {
        if (typeof resource.resourceType !== 'string') throw new Error('not a FHIR resource (no resourceType)');
        if (resource.resourceType === 'Bundle' && (resource.type === 'transaction' || resource.type === 'batch')) {
          await processBundle(service, resource, { baseUrl: 'urn:helsebro:import', maxEntries: config.maxBundleEntries });
        } else if (typeof resource.id === 'string') await service.update(resource.resourceType, resource.id, resource);
        else await service.create(resource.resourceType, resource);
        ok++;
      } catch (err) {
        failed++;
        console.error(`${where}: ${describeError(err)}`);
      }
    };
    for (const file of expand(paths, /\.(nd)?json$/, 'FHIR JSON (.json, .ndjson)')) {
      const text = readFileSync(file, 'utf8');
      if (file.endsWith('.ndjson')) {
        const lines = text.split('\n');
        for (let i = 0; i < lines.length; i++) {
          if (!lines[i].trim()) continue;
          let resource: Record<string, unknown>;
          try {
            resource = JSON.parse(lines[i]) as Record<string, unknown>;
          } catch {
            failed++;
            console.error(`${basename(file)} line ${i + 1}: not valid JSON`);
            continue;
          }
          await write(resource, `${basename(file)} line ${i + 1}`);
        }
      } else {
        try {
          await write(JSON.parse(text) as Record<string, unknown>, basename(file));
        } catch (err) {
          failed++;
          console.error(`${basename(file)}: ${describeError(err)}`);
        }
      }
    }
    console.log(`Imported ${ok} item(s); ${failed} refused`);
    return failed;
  });
}

export async function importTerminology(config: Config, paths: string[], today = new Date().toISOString().slice(0, 10)): Promise<void> {
  if (paths.length === 0) throw new Error('Name the code-list files (CSV or the directorate JSON download) or a directory holding them');
  const lists = new Map<string, Concept[]>();
  for (const file of expand(paths, /\.(csv|json)$/, 'code-list (.csv, .json)')) {
    process.stdout.write(`Reading ${basename(file)}… `);
    const found = readCodeListFile(file, today);
    for (const [id, concepts] of found) lists.set(id, [...(lists.get(id) ?? []), ...concepts]);
    console.log([...found].map(([id, concepts]) => `${concepts.length} ${id} codes`).join(', ') || 'no codes');
  }
  console.log('Storing the code lists…');
  if (lists.size === 0) throw new TerminologyFormatError('No ICPC-2, ICPC-2B or ICD-10 codes found in the files given');
  await withRuntime(config, async ({ service }) => {
    const stored = await storeCodeLists(service, lists, today);
    for (const s of stored) console.log(`CodeSystem/${s.def.id} (${s.def.title}): ${s.concepts} codes`);
  });
}
