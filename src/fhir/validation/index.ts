/**
 * The validator used on every write and by `$validate`: base R4 structure and invariants, then
 * each profile the resource claims in meta.profile (or that the caller names) from our
 * implementation guide in `fhir/`.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadStructures } from '../definitions/structure-definitions.ts';
import type { OutcomeIssue } from '../outcome.ts';
import { checkInvariants, usableInvariants, type Invariant } from './invariants.ts';
import { checkProfile, toProfile, type Profile } from './profiles.ts';
import { checkIdentifiers } from './identifiers.ts';
import { validateResourceStructure } from './structure.ts';

export interface Validator {
  /** Validates against base R4 and every profile in meta.profile that we know, plus options.profile. Sync. */
  validate(resource: unknown, options?: { profile?: string }): OutcomeIssue[];
  /** A concrete (non-abstract) R4 resource type. */
  isResourceType(type: string): boolean;
  /** All concrete R4 resource types, sorted. */
  resourceTypes(): string[];
  /** Every conformance resource of our implementation guide (fhir/, examples excluded). */
  igResources(): Array<Record<string, unknown>>;
  /** Canonical URLs of our profiles. */
  profileUrls(): string[];
}

export const DEFAULT_IG_DIR = fileURLToPath(new URL('../../../fhir/', import.meta.url));

async function readIg(dir: string): Promise<Array<Record<string, unknown>>> {
  const out: Array<Record<string, unknown>> = [];
  let entries: Array<{ name: string; isDirectory(): boolean }>;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (err) {
    // No such directory: there is no implementation guide to load. Anything else is a real problem.
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    return out;
  }
  for (const entry of entries) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'examples') out.push(...(await readIg(full)));
      continue;
    }
    if (!entry.name.endsWith('.json')) continue;
    const json = JSON.parse(await readFile(full, 'utf8')) as Record<string, unknown>;
    if (typeof json.resourceType === 'string') out.push(json);
  }
  return out;
}

/** HL7 Norway's base profiles: http://hl7.no/fhir/StructureDefinition/no-basis-<Type>. */
const HL7_NO_BASIS = /^http:\/\/hl7\.no\/fhir\/StructureDefinition\/no-basis-([A-Z][A-Za-z]+)$/;

export async function createValidator(options: { igDir?: string } = {}): Promise<Validator> {
  const idx = loadStructures();
  const types = [...idx.kinds].filter(([t, k]) => k === 'resource' && !idx.abstract.has(t)).map(([t]) => t).sort();
  const typeSet = new Set(types);
  const ig = await readIg(options.igDir ?? DEFAULT_IG_DIR);
  const profiles = new Map<string, Profile>();
  for (const r of ig) {
    const p = toProfile(r);
    if (p) profiles.set(p.url, p);
  }
  const baseInvariants = new Map<string, Invariant[]>();
  const invariantsFor = (type: string) => {
    let list = baseInvariants.get(type);
    if (!list) baseInvariants.set(type, (list = usableInvariants(idx.elements.get(type)?.constraints ?? [])));
    return list;
  };

  return {
    validate(resource, opts = {}) {
      const issues: OutcomeIssue[] = [];
      validateResourceStructure(resource, {
        idx,
        issues,
        onResource: (r, path) => checkInvariants(r, path, invariantsFor(String(r.resourceType)), issues),
      });
      if (issues.length > 0) return issues;
      const r = resource as Record<string, unknown>;
      checkIdentifiers(r, String(r.resourceType), issues);
      const claimed = ((r.meta as { profile?: unknown } | undefined)?.profile as string[] | undefined) ?? [];
      for (const url of new Set([...claimed, ...(opts.profile ? [opts.profile] : [])])) {
        const profile = profiles.get(url.split('|')[0]);
        const norwegianBase = HL7_NO_BASIS.exec(url.split('|')[0])?.[1];
        if (!profile && norwegianBase && typeSet.has(norwegianBase)) {
          // HL7 Norway's own base profiles (claimed by NAV's syk-inn resources): what they add to R4
          // is chiefly the Norwegian identifiers, checked above for every resource.
          if (norwegianBase !== r.resourceType) issues.push({ severity: 'error', code: 'invalid', diagnostics: `Profile ${url} is for ${norwegianBase}, not ${String(r.resourceType)}` });
          continue;
        }
        if (!profile) {
          if (url === opts.profile) issues.push({ severity: 'error', code: 'not-supported', diagnostics: `Unknown profile ${url}` });
          else issues.push({ severity: 'warning', code: 'informational', diagnostics: `Profile ${url} is not known to this server; checked against the base definition only`, expression: [`${r.resourceType}.meta.profile`] });
          continue;
        }
        if (profile.type !== r.resourceType) {
          issues.push({ severity: 'error', code: 'invalid', diagnostics: `Profile ${url} is for ${profile.type}, not ${String(r.resourceType)}` });
          continue;
        }
        checkProfile(r, profile, issues);
      }
      return issues;
    },
    isResourceType: (type) => typeSet.has(type),
    resourceTypes: () => types,
    igResources: () => ig,
    profileUrls: () => [...profiles.keys()],
  };
}
