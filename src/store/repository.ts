/**
 * The storage contract for FHIR resources (after Medplum's `FhirRepository`): a few primitives —
 * create, read, vread, update, delete, history, search and transactions. Conditional interactions,
 * validation and patching are written once on top of it (src/service/), not per store.
 */
import type { StoreMemo } from './store-memo.ts';
import type { SearchRequest } from '../fhir/search/parse.ts';
import type { SearchResult } from './search/execute.ts';
import type { Queryable } from './database.ts';
import type { Visibility } from '../fhir/search/visibility.ts';
import type { Meta } from '../fhir/r4.ts';

export type FhirResource = Record<string, unknown> & { resourceType: string; id?: string; meta?: Meta };

/** One version of a resource as stored. `content` is the exact JSON text served to clients. */
export interface StoredResource {
  resourceType: string;
  id: string;
  versionId: number;
  /** ISO instant */
  lastUpdated: string;
  content: string;
  deleted: boolean;
}

/** A stored version without its content: who it is and how many bytes (UTF-8) its content has. */
export interface VersionStamp {
  resourceType: string;
  id: string;
  versionId: number;
  lastUpdated: string;
  octets: number;
}

export function stampOf(stored: StoredResource): VersionStamp {
  const { resourceType, id, versionId, lastUpdated } = stored;
  return { resourceType, id, versionId, lastUpdated, octets: Buffer.byteLength(stored.content) };
}

export interface HistoryEntry extends StoredResource {
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE';
}

export interface HistoryQuery {
  resourceType?: string;
  id?: string;
  /** Only versions written at or after this instant. */
  since?: string;
  /** Only versions written before this instant (keeps paging stable while writes go on). */
  before?: string;
  count: number;
  offset: number;
  /** What the caller may see (built by src/access/policies.ts, compiled by src/store/access/compile.ts). */
  access?: Visibility;
}

export interface WriteOptions {
  /** The version the client last saw (If-Match); the write fails with 412 when it is stale. */
  ifMatchVersion?: number;
  /** Recorded in history as the interaction that produced the version. */
  method?: 'POST' | 'PUT' | 'PATCH';
  /** Who writes it, recorded as its creator when this write creates it (see migration 007). */
  createdBy?: string;
}

/**
 * `Type?<tag>=system|code&<via.param>:<via.type>.identifier=system|value&_include=Type:<include>`:
 * the resources of a type carrying a token, that point (through `via`) at any resource carrying
 * an identifier, each with what its `include` reference points at.
 */
export interface LinkedQuery {
  resourceType: string;
  tag: { param: string; system: string; code: string };
  via: { param: string; type: string; identifier: { system: string; value: string } };
  include: string;
}

/** How `writeTogether` writes its main resource: as a create (POST) or an update (PUT/PATCH) would. */
export interface TogetherWrite {
  method: 'POST' | 'PUT' | 'PATCH';
  id: string;
  ifMatchVersion?: number;
  /** As WriteOptions.createdBy (the companions are the server's own and record no creator). */
  createdBy?: string;
}

export interface LinkedStamps {
  resource: VersionStamp;
  /** Current, non-deleted targets of the `include` reference. */
  included: VersionStamp[];
}

export interface Repository {
  /** This store's in-memory memo (see store-memo.ts): the same object for every view of one store. */
  readonly memo: StoreMemo;
  /** Stores a new resource with a server-assigned id (or `id` when given and free). */
  create(resource: FhirResource, options?: { id?: string; createdBy?: string }): Promise<StoredResource>;
  /** Current version; throws 404 when unknown and 410 when deleted. */
  read(resourceType: string, id: string): Promise<StoredResource>;
  /** Current version or undefined (deleted rows are returned with `deleted: true`). */
  readIfExists(resourceType: string, id: string): Promise<StoredResource | undefined>;
  /** Current versions of several resources in one round trip (as readIfExists each; unknown ones are left out). */
  readMany(refs: Array<{ resourceType: string; id: string }>): Promise<StoredResource[]>;
  vread(resourceType: string, id: string, versionId: number): Promise<StoredResource>;
  /** Writes a new version (or the first one, for update-as-create). */
  update(resource: FhirResource & { id: string }, options?: WriteOptions): Promise<{ stored: StoredResource; created: boolean }>;
  /** Soft delete: history is kept and a new, deleted version is recorded. Returns false when there was nothing to delete. */
  delete(resourceType: string, id: string, options?: { ifMatchVersion?: number }): Promise<boolean>;
  history(query: HistoryQuery): Promise<{ entries: HistoryEntry[]; total: number }>;
  search(request: SearchRequest): Promise<SearchResult>;
  /** Current resources of a type carrying the identifier (`Type?identifier=system|value`). */
  findByIdentifier(resourceType: string, identifier: { system: string; value: string }): Promise<StoredResource[]>;
  /** See LinkedQuery; stamps instead of content, for callers that keep what they derive from each version. */
  findLinkedStamps(query: LinkedQuery): Promise<LinkedStamps[]>;
  /**
   * Writes `resource` as create (POST, the id must be free) or update would, and in the same single
   * statement the `companions`: new resources the server derives from this write (never client
   * input; they are not access-checked). All or nothing without a transaction: when a companion's
   * id is taken, nothing is written and a 409 names it.
   */
  writeTogether(resource: FhirResource, write: TogetherWrite, companions: Array<FhirResource & { id: string }>): Promise<{ stored: StoredResource; created: boolean; companions: StoredResource[] }>;
  /**
   * Refuses, without writing, what writeTogether would refuse this caller (a repository bound to a
   * caller checks access; the store itself refuses nothing here). Write hooks run it before they
   * may answer from stored data instead of writing (a duplicate answered with the original).
   */
  authoriseWrite?(resource: FhirResource, write: TogetherWrite): Promise<void>;
  /** Runs `fn` with a repository bound to one database transaction (all or nothing). */
  withTransaction<T>(fn: (repo: Repository) => Promise<T>): Promise<T>;
  /** The connection or transaction a SQL store runs on (the access checks run their SQL on it). */
  readonly queryable?: Queryable;
  /** The same store without a caller's restrictions (same transaction); a repository bound to no caller has none. */
  unrestricted?(): Repository;
}
