/**
 * The FHIR use cases on top of the Repository primitives: validation on every write, conditional
 * create/update/delete, JSON Patch and `$validate`. Knows nothing of HTTP; the router maps requests
 * onto these calls. Written once for every store.
 */
import { randomUUID } from 'node:crypto';
import { badRequest, FhirError, hasErrors, methodNotAllowed, multipleMatches, type OutcomeIssue, preconditionFailed, unknownResourceType, unprocessable } from '../fhir/outcome.ts';
import { parseSearch, type SearchRequest } from '../fhir/search/parse.ts';
import type { StoreMemo } from '../store/store-memo.ts';
import type { Validator } from '../fhir/validation/index.ts';
import type { FhirResource, HistoryEntry, HistoryQuery, LinkedQuery, LinkedStamps, Repository, StoredResource } from '../store/repository.ts';
import type { SearchResult } from '../store/search/execute.ts';
import { syntheticIdentityIssues } from './identity-policy.ts';
import { AccessRepository } from '../access/access-repository.ts';
import type { Principal } from '../access/principal.ts';
import { applyJsonPatch, MAX_PATCH_OPERATIONS } from './json-patch.ts';
import { asResource, assertValidId } from './resource-input.ts';
import { checkWorkflowWrite, type WorkflowOwner, type WriteKind } from './workflow-owned.ts';

export interface WriteResult {
  stored: StoredResource;
  /** 201 Created when true; 200 otherwise (update of an existing resource or a matched conditional create). */
  created: boolean;
  /** Set when a write hook recognised the resource as already stored; says why. */
  existing?: string;
  /** What the write hooks left for the caller (their scratch map), e.g. the sykmelding's status Task. */
  hookResults?: Map<string, unknown>;
  /** The resources the write hooks derived from this write, stored with it. */
  companions?: StoredResource[];
}

/**
 * Domain behaviour attached to writes of one kind of resource (e.g. running NAV's rules when a
 * sykmelding QuestionnaireResponse is stored). Runs after validation: `prepare` first, then
 * `companions` for what is stored with the resource in the same statement. A hook with
 * `beforeStore` or `afterStore` makes the write open a transaction for them; without, the write is
 * one statement (all or nothing on its own).
 */
export interface WriteHook {
  name: string;
  resourceType: string;
  applies(resource: FhirResource): boolean;
  /**
   * Reads what the write depends on before the transaction opens, so the transaction (and the
   * connection it holds) lasts only for the writes. Leaves its findings in ctx.scratch; may throw a
   * FhirError to refuse the write with nothing opened. Inside a transaction bundle it runs in the
   * bundle's transaction.
   */
  prepare?(resource: FhirResource, ctx: WriteHookContext): Promise<void>;
  /**
   * May return a changed resource to store instead, throw a FhirError to refuse the write, or throw
   * `AlreadyStored` to answer with an existing resource instead (an idempotent resubmission).
   */
  beforeStore?(resource: FhirResource, ctx: WriteHookContext): Promise<FhirResource | void>;
  /** May write further resources through ctx.service (same transaction). */
  afterStore?(result: WriteResult, ctx: WriteHookContext): Promise<void>;
  /**
   * New resources derived from this write (no I/O: from what `prepare` found), stored together
   * with it — by the same statement, or in the same transaction. `resource` carries the id it will
   * be stored under.
   */
  companions?(resource: FhirResource & { id: string }, ctx: WriteHookContext): Array<FhirResource & { id: string }>;
  /** Told of the stored result (no I/O; a transaction around it may still roll back), e.g. to keep what it derived. */
  stored?(result: WriteResult, ctx: WriteHookContext): void;
  /**
   * The write found a resource already stored under an id it writes (409), e.g. a companion an
   * identical concurrent write stored first. Nothing was written. May throw `AlreadyStored`.
   */
  onConflict?(error: FhirError, ctx: WriteHookContext): Promise<void>;
}

interface WriteHookContext {
  service: FhirService;
  method: 'POST' | 'PUT' | 'PATCH';
  /** Carries what beforeStore worked out to afterStore, for this one write. */
  scratch: Map<string, unknown>;
}

/** Thrown by a write hook when the incoming resource is already stored (e.g. a duplicate sykmelding). */
export class AlreadyStored extends Error {
  constructor(readonly existing: StoredResource, readonly reason: string) {
    super(reason);
  }
}

interface FhirServiceOptions {
  /** Write hooks, by resource type. */
  hooks?: WriteHook[];
  repo: Repository;
  validator: Validator;
  /** Production: refuse synthetic identity numbers (see identity-policy.ts). */
  refuseSyntheticIdentities?: boolean;
  /** Resources that change only through their workflow's operations (see workflow-owned.ts). */
  workflowOwners?: readonly WorkflowOwner[];
  /** The largest resource a PATCH may produce, in bytes (the request body limit); 4 MiB unless given. */
  maxResourceBytes?: number;
  /** The caller this service is bound to (set by forPrincipal); none for the server's own service. */
  principal?: Principal;
}

export class FhirService {
  /** The store underneath: for src/service and tests only; everything else calls the service (test/architecture/). */
  readonly repo: Repository;
  readonly validator: Validator;
  private readonly options: FhirServiceOptions;

  constructor(options: FhirServiceOptions) {
    this.repo = options.repo;
    this.validator = options.validator;
    this.options = options;
  }

  /**
   * The service as seen by one caller: reads and searches carry the caller's access condition,
   * writes are checked against their policy and scopes (src/access/). `dev` (--insecure-dev) sees all.
   * Routes, operations and hooks get this one; see `unrestricted` for the rare exception.
   */
  forPrincipal(principal: Principal): FhirService {
    if (principal.role === 'dev') return this;
    const base = this.repo.unrestricted?.() ?? this.repo;
    if (!base.queryable) throw new Error('The repository does not expose its queryable');
    return new FhirService({ ...this.options, repo: new AccessRepository(base, principal, base.queryable), principal });
  }

  /** The caller, when bound to one. */
  get principal(): Principal | undefined {
    return this.options.principal;
  }

  /** The store's in-memory memo (store-memo.ts), shared by every service over the same store. */
  get memo(): StoreMemo {
    return this.repo.memo;
  }

  /**
   * The same service without the caller's restrictions (same transaction). Only for what the
   * server itself must read or write whoever asks — the rules reading a patient's earlier
   * sykmeldinger, the status Task the server keeps — never for answering the caller with data.
   * `reason` says why at the call, for the reader and for review.
   */
  unrestricted(reason: string): FhirService {
    const inner = this.repo.unrestricted?.();
    return inner ? new FhirService({ ...this.options, repo: inner, principal: undefined }) : this;
  }

  /** A service bound to one transaction; used by transaction bundles. */
  async inTransaction<T>(fn: (service: FhirService) => Promise<T>): Promise<T> {
    return this.repo.withTransaction((repo) => fn(new FhirService({ ...this.options, repo })));
  }

  /** A parsed search, as the service may see it. */
  search(request: SearchRequest): Promise<SearchResult> {
    return this.repo.search(request);
  }

  /** Versions in a window, newest first, as the service may see them (each version judged on its own). */
  history(query: HistoryQuery): Promise<{ entries: HistoryEntry[]; total: number }> {
    return this.repo.history(query);
  }

  /** The current version, or undefined when unknown (a deleted one with `deleted: true`). */
  readIfExists(resourceType: string, id: string): Promise<StoredResource | undefined> {
    return this.repo.readIfExists(resourceType, id);
  }

  /** The current versions of several resources in one round trip (unknown ones left out). */
  readMany(refs: Array<{ resourceType: string; id: string }>): Promise<StoredResource[]> {
    return this.repo.readMany(refs);
  }

  /** The current resources of a type carrying the identifier. */
  findByIdentifier(resourceType: string, identifier: { system: string; value: string }): Promise<StoredResource[]> {
    return this.repo.findByIdentifier(resourceType, identifier);
  }

  /** Stamps of linked resources (see LinkedQuery), for callers that keep what they derive from each version. */
  findLinkedStamps(query: LinkedQuery): Promise<LinkedStamps[]> {
    return this.repo.findLinkedStamps(query);
  }

  /**
   * A workflow's own write of a resource it owns (workflow-owned.ts), e.g. the sykmelding's status
   * Task: validated, past the workflow guard and the write hooks, guarded by the version it was read
   * at. The server's alone: refused on a service bound to a caller.
   */
  async workflowUpdate(resource: FhirResource & { id: string }, ifMatchVersion: number): Promise<StoredResource> {
    this.refuseCallerWorkflowWrite();
    this.validateForWrite(resource);
    return (await this.repo.update(resource, { ifMatchVersion, method: 'PUT' })).stored;
  }

  /**
   * A workflow's own new resource (as workflowUpdate). An id it carries is kept, so resources that
   * refer to one another (a Task and its CommunicationRequest) can be written with their references.
   */
  async workflowCreate(resource: FhirResource): Promise<StoredResource> {
    this.refuseCallerWorkflowWrite();
    this.validateForWrite(resource);
    return this.repo.create(resource, typeof resource.id === 'string' ? { id: resource.id } : undefined);
  }

  private refuseCallerWorkflowWrite(): void {
    if (this.options.principal) throw new Error("A workflow's own write is the server's: make it through service.unrestricted(…)");
  }

  assertType(resourceType: string): void {
    if (!this.validator.isResourceType(resourceType)) {
      throw unknownResourceType(resourceType);
    }
  }

  /** Validation errors as 422 Unprocessable Entity, naming each element path. */
  validateForWrite(resource: FhirResource): void {
    const issues = this.validator.validate(resource);
    if (this.options.refuseSyntheticIdentities) issues.push(...syntheticIdentityIssues(resource));
    if (hasErrors(issues)) throw unprocessable(issues);
  }

  validate(body: unknown, profile?: string): OutcomeIssue[] {
    const resource = asResource(body);
    this.assertType(resource.resourceType);
    return this.validator.validate(resource, profile ? { profile } : undefined);
  }

  read(resourceType: string, id: string): Promise<StoredResource> {
    this.assertType(resourceType);
    assertValidId(id);
    return this.repo.read(resourceType, id);
  }

  vread(resourceType: string, id: string, versionId: string): Promise<StoredResource> {
    this.assertType(resourceType);
    assertValidId(id);
    if (!/^\d{1,9}$/.test(versionId)) throw badRequest(`Version id '${versionId.slice(0, 20)}' must be a whole number`);
    return this.repo.vread(resourceType, id, Number(versionId));
  }

  /** POST: create with a server id; with If-None-Exist, returns the single match instead. */
  async create(resourceType: string, body: unknown, ifNoneExist?: string, id?: string): Promise<WriteResult> {
    this.assertType(resourceType);
    refuseAuditWrites(resourceType);
    const resource = asResource(body, resourceType);
    if (ifNoneExist !== undefined) {
      const match = await this.findSingle(resourceType, ifNoneExist, 'If-None-Exist');
      if (match) return { stored: match, created: false };
    }
    this.validateForWrite(resource);
    return this.store(resource, { id, method: 'POST' });
  }

  /** PUT Type/id: update, or create with the client's id when it is new. */
  async update(resourceType: string, id: string, body: unknown, ifMatchVersion?: number): Promise<WriteResult> {
    this.assertType(resourceType);
    refuseAuditWrites(resourceType);
    assertValidId(id);
    const resource = asResource(body, resourceType);
    if (resource.id === undefined) throw badRequest('An update must carry the resource id in the body', `${resourceType}.id`);
    if (resource.id !== id) throw badRequest(`The body's id '${resource.id}' differs from the URL's '${id}'`, `${resourceType}.id`);
    this.validateForWrite(resource);
    return this.store({ ...resource, id }, { id, ifMatchVersion, method: 'PUT' });
  }

  /** PUT Type?query: update the single match, create when there is none, 412 when several match. */
  async conditionalUpdate(resourceType: string, query: string, body: unknown): Promise<WriteResult> {
    this.assertType(resourceType);
    refuseAuditWrites(resourceType);
    const resource = asResource(body, resourceType);
    const match = await this.findSingle(resourceType, query, 'conditional update');
    if (!match) {
      this.validateForWrite(resource);
      return this.store(resource, { id: resource.id, method: resource.id ? 'PUT' : 'POST' });
    }
    if (resource.id !== undefined && resource.id !== match.id) {
      throw badRequest(`The body's id '${resource.id}' differs from the matched ${resourceType}/${match.id}`, `${resourceType}.id`);
    }
    this.validateForWrite(resource);
    return this.store({ ...resource, id: match.id }, { id: match.id, ifMatchVersion: match.versionId, method: 'PUT' });
  }

  /** PATCH with a JSON Patch document; the result is validated like any other write. */
  async patch(resourceType: string, id: string, operations: unknown, ifMatchVersion?: number): Promise<WriteResult> {
    refuseAuditWrites(resourceType);
    const current = await this.read(resourceType, id);
    if (ifMatchVersion !== undefined && ifMatchVersion !== current.versionId) {
      throw preconditionFailed(`Version ${ifMatchVersion} is stale; current is ${current.versionId}`);
    }
    const patched = applyJsonPatch(JSON.parse(current.content) as FhirResource, operations, {
      maxOperations: MAX_PATCH_OPERATIONS,
      maxResultBytes: this.options.maxResourceBytes ?? 4 * 1024 * 1024,
    });
    if (patched.resourceType !== resourceType || patched.id !== id) {
      throw badRequest('A patch may not change resourceType or id');
    }
    this.validateForWrite(patched);
    return this.store({ ...patched, id }, { id, ifMatchVersion: current.versionId, method: 'PATCH' }, JSON.parse(current.content) as FhirResource);
  }

  /**
   * Every write ends here. POST creates (with a chosen id in transactions); PUT/PATCH update or
   * create. When write hooks apply (e.g. a sykmelding QuestionnaireResponse), the resource and what
   * the hooks derive from it land together or not at all: in one statement, or in one transaction
   * when a hook works inside the write (beforeStore, afterStore).
   */
  private async store(resource: FhirResource, w: { id?: string; ifMatchVersion?: number; method: 'POST' | 'PUT' | 'PATCH' }, current?: FhirResource): Promise<WriteResult> {
    refuseAuditWrites(resource.resourceType);
    await this.guardWorkflow(w.method === 'POST' ? 'create' : 'update', resource, w.method === 'POST' ? undefined : w.id, current);
    const hooks = (this.options.hooks ?? []).filter((h) => h.resourceType === resource.resourceType && h.applies(resource));
    if (hooks.length === 0) {
      if (w.method === 'POST') return { stored: await this.repo.create(resource, { id: w.id }), created: true };
      return this.repo.update({ ...resource, id: w.id! }, { ifMatchVersion: w.ifMatchVersion, method: w.method });
    }
    const scratch = new Map<string, unknown>();
    const id = w.id ?? randomUUID();
    const write = async (service: FhirService, r: FhirResource): Promise<WriteResult> => {
      const ctx: WriteHookContext = { service, method: w.method, scratch };
      const companions = hooks.flatMap((h) => h.companions?.({ ...r, id }, ctx) ?? []);
      try {
        const written: WriteResult = { ...(await service.repo.writeTogether(r, { method: w.method, id, ifMatchVersion: w.ifMatchVersion }, companions)), hookResults: scratch };
        for (const hook of hooks) hook.stored?.(written, ctx);
        return written;
      } catch (err) {
        if (err instanceof FhirError && err.status === 409) for (const hook of hooks) await hook.onConflict?.(err, ctx);
        throw err;
      }
    };
    try {
      // A hook may answer from what is stored (a duplicate): only once the caller may make this write.
      await this.repo.authoriseWrite?.(resource, { method: w.method, id, ifMatchVersion: w.ifMatchVersion });
      for (const hook of hooks) await hook.prepare?.(resource, { service: this, method: w.method, scratch });
      if (!hooks.some((h) => h.beforeStore || h.afterStore)) return await write(this, resource);
      return await this.inTransaction(async (tx) => {
        const ctx: WriteHookContext = { service: tx, method: w.method, scratch };
        let current = resource;
        for (const hook of hooks) current = (await hook.beforeStore?.(current, ctx)) ?? current;
        const result = await write(tx, current);
        for (const hook of hooks) await hook.afterStore?.(result, ctx);
        return result;
      });
    } catch (err) {
      if (err instanceof AlreadyStored) return { stored: err.existing, created: false, existing: err.reason };
      throw err;
    }
  }

  async delete(resourceType: string, id: string, ifMatchVersion?: number): Promise<boolean> {
    this.assertType(resourceType);
    refuseAuditWrites(resourceType);
    assertValidId(id);
    await this.guardWorkflow('delete', undefined, id, undefined, resourceType);
    return this.repo.delete(resourceType, id, { ifMatchVersion });
  }

  /**
   * Refuses a plain write to a resource a workflow owns (workflow-owned.ts). The version replaced
   * is read only for types a workflow owns, and as the caller sees it: what they may not see, their
   * write may not touch either, and the refusal must not tell them it exists.
   */
  private async guardWorkflow(kind: WriteKind, incoming: FhirResource | undefined, id: string | undefined, current?: FhirResource, type = incoming?.resourceType): Promise<void> {
    const owners = this.options.workflowOwners?.filter((o) => o.resourceType === type);
    if (!owners?.length) return;
    let replaced = current;
    if (!replaced && id && kind !== 'create') {
      const stored = await this.repo.readIfExists(type!, id);
      replaced = stored && !stored.deleted ? (JSON.parse(stored.content) as FhirResource) : undefined;
    }
    checkWorkflowWrite(owners, kind, incoming, replaced);
  }

  /** DELETE Type?query: deletes the single match; 412 when several match. */
  async conditionalDelete(resourceType: string, query: string): Promise<boolean> {
    this.assertType(resourceType);
    const match = await this.findSingle(resourceType, query, 'conditional delete');
    if (!match) return false;
    checkWorkflowWrite(this.options.workflowOwners ?? [], 'delete', undefined, JSON.parse(match.content) as FhirResource);
    return this.repo.delete(resourceType, match.id);
  }

  /** Whether a search (a query string) matches at least one resource the service may see. */
  async exists(resourceType: string, query: string): Promise<boolean> {
    const request: SearchRequest = { ...parseSearch(resourceType, [...new URLSearchParams(query)]), count: 1, offset: 0, total: 'none', include: [], revinclude: [] };
    return (await this.repo.search(request)).matches.length > 0;
  }

  /** Runs a conditional query and returns its only match; 412 when it matches several. */
  async findSingle(resourceType: string, query: string, what: string): Promise<StoredResource | undefined> {
    const params = [...new URLSearchParams(query.startsWith('?') ? query.slice(1) : query)];
    if (params.length === 0) throw badRequest(`The ${what} criteria are empty`);
    const request: SearchRequest = { ...parseSearch(resourceType, params), count: 2, offset: 0, total: 'none', include: [], revinclude: [] };
    const result = await this.repo.search(request);
    if (result.matches.length > 1) throw multipleMatches(`The ${what} criteria '${query}' match more than one ${resourceType}`);
    const m = result.matches[0];
    return m && { ...m, deleted: false };
  }
}

/** The audit trail is written by the server alone (src/audit/); nobody edits it through the API. */
function refuseAuditWrites(resourceType: string): void {
  if (resourceType === 'AuditEvent') throw methodNotAllowed('AuditEvent is read-only: the server writes the audit trail itself');
}
