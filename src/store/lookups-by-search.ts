/**
 * The lookups of lookups.ts as the FHIR searches they stand for. A repository that filters every
 * search (the caller-bound AccessRepository) answers them this way, so the caller's access
 * condition applies; the tests check both ways give the same answer.
 */
import { extractIndexRows } from '../fhir/search/extract.ts';
import { parseSearch } from '../fhir/search/parse.ts';
import { stampOf, type FhirResource, type LinkedQuery, type LinkedStamps, type Repository, type StoredResource } from './repository.ts';
import { LOOKUP_LIMIT } from './lookups.ts';

const stored = (r: Omit<StoredResource, 'deleted'>): StoredResource => ({ ...r, deleted: false });

export async function findByIdentifierBySearch(repo: Repository, resourceType: string, identifier: { system: string; value: string }): Promise<StoredResource[]> {
  const request = parseSearch(resourceType, [['identifier', `${identifier.system}|${identifier.value}`], ['_count', String(LOOKUP_LIMIT)]], { maxCount: LOOKUP_LIMIT });
  const result = await repo.search({ ...request, total: 'none' });
  return result.matches.map(stored);
}

export async function findLinkedStampsBySearch(repo: Repository, q: LinkedQuery): Promise<LinkedStamps[]> {
  const request = parseSearch(q.resourceType, [
    [q.tag.param, `${q.tag.system}|${q.tag.code}`],
    [`${q.via.param}:${q.via.type}.identifier`, `${q.via.identifier.system}|${q.via.identifier.value}`],
    ['_include', `${q.resourceType}:${q.include}`],
    ['_count', String(LOOKUP_LIMIT)],
  ], { maxCount: LOOKUP_LIMIT });
  const result = await repo.search({ ...request, total: 'none' });
  const byRef = new Map(result.includes.map((r) => [`${r.resourceType}/${r.id}`, stampOf(stored(r))]));
  return result.matches.map((m) => {
    // The targets of the include parameter, as the search index reads them from the resource.
    const refs = extractIndexRows(JSON.parse(m.content) as FhirResource).reference.filter((r) => r.param === q.include);
    return { resource: stampOf(stored(m)), included: refs.flatMap((r) => byRef.get(`${r.targetType}/${r.targetId}`) ?? []) };
  });
}
