/**
 * What an interaction answers, independent of HTTP: a status, an optional JSON body (kept as text
 * when it comes straight from storage, so reads never re-serialise), and the FHIR headers.
 */
import type { OperationOutcome } from '../fhir/outcome.ts';
import type { StoredResource } from '../store/repository.ts';

export interface FhirResponse {
  status: number;
  /** JSON text of a resource or Bundle, or an OperationOutcome object. */
  body?: string | OperationOutcome | Record<string, unknown>;
  location?: string;
  versionId?: number;
  lastModified?: string;
  /** True when the body is a stored resource version (so Prefer: return=minimal may drop it). */
  isWrite?: boolean;
}

export function resourceResponse(stored: StoredResource, status = 200, baseUrl?: string, isWrite = false): FhirResponse {
  return {
    status,
    body: stored.content,
    versionId: stored.versionId,
    lastModified: stored.lastUpdated,
    location: baseUrl && isWrite ? `${baseUrl}/${stored.resourceType}/${stored.id}/_history/${stored.versionId}` : undefined,
    isWrite,
  };
}

export function etag(versionId: number): string {
  return `W/"${versionId}"`;
}

/** Reads the version from an If-Match header: `W/"3"`, `"3"` or `3`. */
export function parseETag(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const m = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(value);
  return m ? Number(m[1]) : Number.NaN;
}
