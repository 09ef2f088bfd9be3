/** Keeps the in-memory code lists in step with the CodeSystem resources written through this server. */
import type { WriteHook } from '../service/fhir-service.ts';
import type { FhirResource } from '../store/repository.ts';
import { isResource } from '../fhir/r4.ts';
import { CODE_LISTS, type Terminology } from './code-lists.ts';

export function terminologyWriteHook(terminology: Terminology): WriteHook {
  return {
    name: 'terminology-refresh',
    resourceType: 'CodeSystem',
    applies: (r: FhirResource) => CODE_LISTS.some((d) => d.id === r.id),
    async afterStore(result) {
      const stored: unknown = JSON.parse(result.stored.content);
      if (isResource(stored, 'CodeSystem')) terminology.setFromCodeSystem(stored);
    },
  };
}
