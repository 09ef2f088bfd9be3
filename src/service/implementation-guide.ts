/**
 * Makes our implementation guide (the conformance resources in fhir/) readable and searchable
 * through the API: each is written with its own id when the stored copy differs.
 */
import type { FhirResource } from '../store/repository.ts';
import type { FhirService } from './fhir-service.ts';

export async function loadImplementationGuide(service: FhirService): Promise<number> {
  let written = 0;
  for (const resource of service.validator.igResources() as FhirResource[]) {
    if (!resource.id) continue;
    const current = await service.repo.readIfExists(resource.resourceType, resource.id);
    if (current && !current.deleted && sameContent(JSON.parse(current.content), resource)) continue;
    await service.repo.update({ ...resource, id: resource.id }, { method: 'PUT' });
    written++;
  }
  return written;
}

function sameContent(stored: Record<string, unknown>, resource: Record<string, unknown>): boolean {
  const { meta: _a, ...a } = stored;
  const { meta: _b, ...b } = resource;
  return JSON.stringify(a) === JSON.stringify(b);
}
