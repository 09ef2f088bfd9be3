/**
 * The Repository over SQL, shared by PGlite and PostgreSQL (one dialect). Writes go through one
 * guarded statement (see write-sql.ts); reads return the stored JSON text untouched.
 */
import { randomUUID } from 'node:crypto';
import { extractIndexRows } from '../fhir/search/extract.ts';
import type { OnIndexFailure } from '../fhir/search/index-failures.ts';
import type { SearchRequest } from '../fhir/search/parse.ts';
import { badRequest, conflict, gone, lockError, notFound, preconditionFailed, unknownResource, unknownVersion } from '../fhir/outcome.ts';
import type { Database, Queryable } from './database.ts';
import type { FhirResource, HistoryEntry, HistoryQuery, LinkedQuery, LinkedStamps, Repository, StoredResource, TogetherWrite, VersionStamp, WriteOptions } from './repository.ts';
import { byIdentifier, linkedStamps } from './lookups.ts';
import { SqlParams } from './search/sql-params.ts';
import { executeSearch, totalFromPage } from './search/execute.ts';
import { buildVersionWrite, type VersionWrite } from './write-sql.ts';
import { toInstant } from './instant.ts';
import { nationalIdentifierTaken, oneRowPerNationalIdentifier } from './national-identity.ts';
import { StoreMemo } from './store-memo.ts';
import { versionVisibleSql, visibleVersionsSql } from './access/compile.ts';
import type { Visibility } from '../fhir/search/visibility.ts';

interface Row {
  resource_type: string;
  id: string;
  version_id: number;
  last_updated: string;
  deleted: boolean;
  content: string | null;
  method?: string;
}

const COLUMNS = 'resource_type, id, version_id, last_updated, deleted, content';
const HISTORY_COLUMNS = 'h.resource_type, h.id, h.version_id, h.last_updated, h.deleted, h.content, h.method';
/** readMany of at most this many ids uses a fixed-arity statement. */
const READ_MANY_FIXED = 8;
/** Updates that lose a race against a concurrent writer are retried this many times. */
const MAX_WRITE_ATTEMPTS = 25;

/** A short, growing, jittered pause before retrying a write that lost a race. */
function backoff(attempt: number): Promise<void> {
  if (attempt === 1) return Promise.resolve();
  return new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(20, attempt * 2)));
}

export interface RepositoryOptions {
  /** Told of every version written (for the statistics keeper). */
  onWrite?: (resourceType: string) => void;
  /** Told of a search parameter expression that failed on a version written (index-failures.ts). */
  onIndexFailure?: OnIndexFailure;
}

interface SqlRepositoryOptions extends RepositoryOptions {
  memo: StoreMemo;
}

export function createRepository(db: Database, options: RepositoryOptions = {}): Repository {
  return new SqlRepository(db, db, false, { ...options, memo: new StoreMemo() });
}

class SqlRepository implements Repository {
  constructor(
    private readonly db: Database,
    private readonly q: Queryable,
    private readonly inTransaction = false,
    private readonly options: SqlRepositoryOptions,
  ) {}

  get memo(): StoreMemo {
    return this.options.memo;
  }

  /** The connection or transaction this repository runs on (access checks run their SQL on it). */
  get queryable(): Queryable {
    return this.q;
  }

  async create(resource: FhirResource, options: { id?: string; createdBy?: string } = {}): Promise<StoredResource> {
    const id = options.id ?? randomUUID();
    const written = await this.writeVersion(resource, id, 1, 'POST', 'insert', undefined, [], options.createdBy);
    if (!written) throw conflict(`${resource.resourceType}/${id} already exists`);
    return written.stored;
  }

  async read(resourceType: string, id: string): Promise<StoredResource> {
    const row = await this.readIfExists(resourceType, id);
    if (!row) throw unknownResource(resourceType, id);
    if (row.deleted) throw gone(`${resourceType}/${id} was deleted`);
    return row;
  }

  async readIfExists(resourceType: string, id: string): Promise<StoredResource | undefined> {
    const res = await this.q.query<Row>(`SELECT ${COLUMNS} FROM resource WHERE resource_type = $1 AND id = $2`, [resourceType, id], { prepare: 'resource-read' });
    return res.rows[0] && toStored(res.rows[0]);
  }

  async readMany(refs: Array<{ resourceType: string; id: string }>): Promise<StoredResource[]> {
    if (refs.length === 0) return [];
    // A few ids (a submission's patient and author): one primary-key test per id, a statement whose
    // cost does not depend on the values, so PostgreSQL soon reuses one plan for it. Many: an array join.
    if (refs.length <= READ_MANY_FIXED) {
      const tests = refs.map((_, i) => `(resource_type = $${2 * i + 1} AND id = $${2 * i + 2})`);
      const res = await this.q.query<Row>(`SELECT ${COLUMNS} FROM resource WHERE ${tests.join(' OR ')}`, refs.flatMap((r) => [r.resourceType, r.id]), { prepare: `resource-read-${refs.length}` });
      return res.rows.map(toStored);
    }
    const res = await this.q.query<Row>(
      `SELECT ${COLUMNS} FROM resource WHERE (resource_type, id) IN (SELECT * FROM unnest($1::text[], $2::text[]))`,
      [refs.map((r) => r.resourceType), refs.map((r) => r.id)], { prepare: 'resource-read-many' },
    );
    return res.rows.map(toStored);
  }

  async vread(resourceType: string, id: string, versionId: number): Promise<StoredResource> {
    const res = await this.q.query<Row>(
      `SELECT ${COLUMNS} FROM resource_history WHERE resource_type = $1 AND id = $2 AND version_id = $3`,
      [resourceType, id, versionId],
    );
    const row = res.rows[0];
    if (!row) throw unknownVersion(resourceType, id, versionId);
    if (row.deleted) throw gone(`Version ${versionId} of ${resourceType}/${id} is a deletion`);
    return toStored(row);
  }

  async update(resource: FhirResource & { id: string }, options: WriteOptions = {}) {
    const { stored, created } = await this.updateWith(resource, options, []);
    return { stored, created };
  }

  async writeTogether(resource: FhirResource, write: TogetherWrite, companions: Array<FhirResource & { id: string }>): Promise<{ stored: StoredResource; created: boolean; companions: StoredResource[] }> {
    // In a transaction, one write after another: a taken companion id is then reported without
    // aborting the transaction (a failed statement would), so the caller may still read in it.
    if (this.inTransaction && companions.length > 0) {
      const main = await this.writeTogether(resource, write, []);
      const stored: StoredResource[] = [];
      // The companions are the server's own: no creator, as when written by one statement.
      for (const c of companions) stored.push(await this.create(c, { id: c.id }));
      return { ...main, companions: stored };
    }
    if (write.method !== 'POST') return this.updateWith({ ...resource, id: write.id }, { ifMatchVersion: write.ifMatchVersion, method: write.method, createdBy: write.createdBy }, companions);
    const written = await this.writeVersion(resource, write.id, 1, 'POST', 'insert', undefined, companions, write.createdBy);
    if (!written) throw conflict(`${resource.resourceType}/${write.id} already exists`);
    return { stored: written.stored, created: true, companions: written.companions };
  }

  private async updateWith(resource: FhirResource & { id: string }, options: WriteOptions, companions: Array<FhirResource & { id: string }>) {
    for (let attempt = 1; attempt <= MAX_WRITE_ATTEMPTS; attempt++) {
      await backoff(attempt);
      const current = await this.readIfExists(resource.resourceType, resource.id);
      if (options.ifMatchVersion !== undefined && current?.versionId !== options.ifMatchVersion) {
        throw preconditionFailed(
          current
            ? `Version ${options.ifMatchVersion} is stale: ${resource.resourceType}/${resource.id} is at version ${current.versionId}`
            : `${resource.resourceType}/${resource.id} does not exist, so If-Match cannot hold`,
        );
      }
      const method = options.method ?? 'PUT';
      const written = current
        ? await this.writeVersion(resource, resource.id, current.versionId + 1, method, 'update', current.versionId, companions)
        : await this.writeVersion(resource, resource.id, 1, method, 'insert', undefined, companions, options.createdBy);
      if (written) return { stored: written.stored, created: !current || current.deleted, companions: written.companions };
      if (options.ifMatchVersion !== undefined) {
        throw preconditionFailed(`${resource.resourceType}/${resource.id} was changed by someone else`);
      }
    }
    throw lockError(`Too many concurrent writes to ${resource.resourceType}/${resource.id}; try again`);
  }

  async delete(resourceType: string, id: string, options: { ifMatchVersion?: number } = {}): Promise<boolean> {
    for (let attempt = 1; attempt <= MAX_WRITE_ATTEMPTS; attempt++) {
      await backoff(attempt);
      const current = await this.readIfExists(resourceType, id);
      if (options.ifMatchVersion !== undefined && current?.versionId !== options.ifMatchVersion) {
        throw preconditionFailed(`Version ${options.ifMatchVersion} of ${resourceType}/${id} is not the current one`);
      }
      if (!current || current.deleted) return false;
      const written = await this.runVersionWrite({
        resourceType, id, versionId: current.versionId + 1, lastUpdated: now(), deleted: true, method: 'DELETE',
        content: null, index: undefined, mode: 'update', expectedVersion: current.versionId,
      });
      if (written) return true;
    }
    throw lockError(`Too many concurrent writes to ${resourceType}/${id}; try again`);
  }

  async history(query: HistoryQuery): Promise<{ entries: HistoryEntry[]; total: number }> {
    const p = new SqlParams();
    const where: string[] = [];
    let visible = '';
    /** The number of versions the query matches, as a scalar SQL expression (set below where a cheaper one exists). */
    let count: string | undefined;
    const type = query.resourceType ? p.add(query.resourceType) : undefined;
    if (type) where.push(`h.resource_type = ${type}`);
    if (query.id) where.push(`h.id = ${p.add(query.id)}`);
    if (query.since) where.push(`h.last_updated >= ${p.add(query.since)}`);
    if (query.before) where.push(`h.last_updated < ${p.add(query.before)}`);
    const access = query.access?.unrestricted ? undefined : query.access;
    if (access && query.resourceType && !query.id) {
      // Type history of a restricted caller: the versions of that type they may see are found
      // first, from their patients (visibleVersionsSql), then read — instead of walking the
      // type's whole history and testing each version.
      const versions = visibleVersionsSql(access, p, query.resourceType);
      if (versions === 'false') where.push('false');
      else if (versions !== 'true') {
        visible = `WITH visible AS MATERIALIZED (${versions})\n`;
        where.push('(h.id, h.version_id) IN (SELECT id, version_id FROM visible)');
      }
    } else if (access && !query.id) {
      // No type and no id: the conditions so far are those on time.
      const scope = await this.systemHistoryScope(access, p, [...where]);
      visible = scope.visible;
      where.push(scope.condition);
      count = scope.count;
    } else if (access && query.resourceType) {
      // Instance history: each version as the caller may see it (versionVisibleSql).
      where.push(versionVisibleSql(access, 'h', p, query.resourceType));
    } else if (access) {
      where.push('false'); // an id without its type names nothing
    }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    count ??= `(SELECT count(*) FROM resource_history h ${clause})`;
    const order = query.id ? 'h.version_id DESC' : 'h.last_updated DESC, h.resource_type, h.id, h.version_id DESC';
    // A restricted caller's versions of one type (what refers to their patients) are all sorted
    // before the page is cut, so they are counted on the way. Elsewhere — a whole type, or system
    // history with its shared directory types — the count would force every matching version to be
    // read in full instead of the page's, so the total is counted apart: for a restricted caller's
    // system history in the same statement, which finds the visible set once for both; otherwise
    // by a second statement, and only when the page does not tell.
    const counted = !visible ? '' : query.resourceType ? ', count(*) OVER () AS total' : `, ${count} AS total`;
    const page = await this.q.query<Row & { total?: string }>(
      `${visible}SELECT ${HISTORY_COLUMNS}${counted} FROM resource_history h ${clause} ORDER BY ${order} LIMIT ${query.count} OFFSET ${query.offset}`,
      p.values,
    );
    const rows = page.rows;
    const total = totalFromPage(rows, rows.length, rows.length < query.count, query.offset)
      ?? Number((await this.q.query<{ n: string }>(`${visible}SELECT ${count} AS n`, p.values)).rows[0]?.n ?? 0);
    return {
      entries: rows.map((r) => ({ ...toStored(r), method: r.method as HistoryEntry['method'] })),
      total,
    };
  }

  /**
   * System history of a restricted caller, type by type as for one type: the types wholly visible
   * to them (shared directory data) pass as they are, the rest through what they may see of each
   * (the `visible` set). Counted part by part, so the count reads what the caller may see rather
   * than every version the store holds: the open types through their index, the visible versions
   * one by one. `time`: the conditions on the versions' time.
   */
  private async systemHistoryScope(access: Visibility, p: SqlParams, time: string[]): Promise<{ visible: string; condition: string; count: string }> {
    const open: string[] = [];
    const parts: string[] = [];
    for (const t of await this.storedTypes()) {
      const versions = visibleVersionsSql(access, p, t);
      if (versions === 'true') open.push(t);
      else if (versions !== 'false') parts.push(`SELECT ${p.add(t)}::text AS resource_type, v.id, v.version_id FROM (${versions}) v`);
    }
    const openTypes = open.length ? `h.resource_type = ANY(${p.add(open)}::text[])` : undefined;
    const ors: string[] = [];
    const counts: string[] = [];
    if (openTypes) {
      ors.push(openTypes);
      counts.push(`(SELECT count(*) FROM resource_history h WHERE ${[...time, openTypes].join(' AND ')})`);
    }
    if (parts.length) {
      ors.push('(h.resource_type, h.id, h.version_id) IN (SELECT resource_type, id, version_id FROM visible)');
      counts.push(`(SELECT count(*) FROM visible v JOIN resource_history h ON h.resource_type = v.resource_type AND h.id = v.id AND h.version_id = v.version_id${time.length ? ` WHERE ${time.join(' AND ')}` : ''})`);
    }
    return {
      visible: parts.length ? `WITH visible AS MATERIALIZED (${parts.join('\n  UNION ALL ')})\n` : '',
      condition: ors.length ? `(${ors.join(' OR ')})` : 'false',
      count: counts.length ? counts.join(' + ') : '0',
    };
  }

  search(request: SearchRequest) {
    return executeSearch(this.q, request);
  }

  /** The resource types that have ever been stored: one index probe per type (a skip scan of the primary key). */
  private async storedTypes(): Promise<string[]> {
    const res = await this.q.query<{ t: string }>(
      `WITH RECURSIVE types(t) AS (
         SELECT min(resource_type) FROM resource
         UNION ALL SELECT (SELECT min(r.resource_type) FROM resource r WHERE r.resource_type > types.t) FROM types WHERE types.t IS NOT NULL)
       SELECT t FROM types WHERE t IS NOT NULL`,
      [], { prepare: 'stored-types' },
    );
    return res.rows.map((r) => r.t);
  }

  async findByIdentifier(resourceType: string, identifier: { system: string; value: string }): Promise<StoredResource[]> {
    const st = byIdentifier(resourceType, identifier);
    const res = await this.q.query<Row>(st.text, st.values, { prepare: st.name });
    return res.rows.map(toStored);
  }

  async findLinkedStamps(query: LinkedQuery): Promise<LinkedStamps[]> {
    const st = linkedStamps(query);
    const res = await this.q.query<StampRow>(st.text, st.values, { prepare: st.name });
    // Rows come ordered by the resource's id, one per included target (or one with no target).
    const out: LinkedStamps[] = [];
    for (const row of res.rows) {
      let last = out[out.length - 1];
      if (last?.resource.id !== row.id) out.push((last = { resource: toStamp(row), included: [] }));
      if (row.t_id !== null) {
        last.included.push(toStamp({ resource_type: row.t_resource_type!, id: row.t_id, version_id: row.t_version_id!, last_updated: row.t_last_updated!, octets: row.t_octets! }));
      }
    }
    return out;
  }

  async withTransaction<T>(fn: (repo: Repository) => Promise<T>): Promise<T> {
    if (this.inTransaction) return fn(this);
    return this.db.transaction((tx) => fn(new SqlRepository(this.db, tx, true, this.options)));
  }

  /** Runs one version write (store/write-sql.ts) as its named statement; false when its guard failed. */
  private async runVersionWrite(w: VersionWrite, companions: VersionWrite[] = []): Promise<boolean> {
    const write = buildVersionWrite(w, companions);
    try {
      const res = await this.q.query(write.text, write.values, { prepare: write.name });
      return res.rows.length > 0;
    } catch (err) {
      const identity = nationalIdentifierTaken(err);
      if (identity) throw identity;
      // Only a companion's insert can violate the primary key (the main write is guarded).
      const taken = companions.length > 0 && takenKey(err);
      if (!taken) throw err;
      throw conflict(`${taken} already exists`);
    }
  }

  /** Serialises the new version (and any companions) with its meta and writes it; undefined when the guard failed. */
  private async writeVersion(
    resource: FhirResource,
    id: string,
    versionId: number,
    method: string,
    mode: 'insert' | 'update',
    expectedVersion?: number,
    companions: Array<FhirResource & { id: string }> = [],
    createdBy?: string,
  ): Promise<{ stored: StoredResource; companions: StoredResource[] } | undefined> {
    const lastUpdated = now();
    const main = versionOf(resource, id, versionId, lastUpdated);
    const extra = companions.map((c) => versionOf(c, c.id, 1, lastUpdated));
    const write = ({ stored: v, final }: Version, m: string, md: 'insert' | 'update', expected?: number): VersionWrite => ({
      resourceType: v.resourceType, id: v.id, versionId: v.versionId, lastUpdated, deleted: false, method: m, content: v.content,
      index: oneRowPerNationalIdentifier(v.resourceType, extractIndexRows(final, this.options.onIndexFailure)), mode: md, expectedVersion: expected,
    });
    const written = await this.runVersionWrite({ ...write(main, method, mode, expectedVersion), createdBy }, extra.map((v) => write(v, 'POST', 'insert')));
    if (!written) return undefined;
    for (const v of [main, ...extra]) this.options.onWrite?.(v.stored.resourceType);
    return { stored: main.stored, companions: extra.map((v) => v.stored) };
  }
}

interface Version { stored: StoredResource; final: FhirResource }

/** A version as it will be stored: the resource with its id and meta, serialised once. */
function versionOf(resource: FhirResource, id: string, versionId: number, lastUpdated: string): Version {
  if (!resource.resourceType) throw badRequest('resourceType is missing');
  const meta = { ...(resource.meta ?? {}), versionId: String(versionId), lastUpdated };
  const { resourceType, id: _ignored, meta: _oldMeta, ...rest } = resource;
  const final = { resourceType, id, meta, ...rest };
  return { stored: { resourceType, id, versionId, lastUpdated, deleted: false, content: JSON.stringify(final) }, final };
}

/** `Type/id` of the resource whose primary key a failed statement violated, if that is why it failed. */
function takenKey(err: unknown): string | undefined {
  const e = err as { code?: string; constraint?: string; detail?: string };
  if (e?.code !== '23505' || (e.constraint !== 'resource_pkey' && e.constraint !== undefined)) return undefined;
  const m = /\(resource_type, id\)=\(([^,]+), ([^)]+)\)/.exec(e.detail ?? '');
  return m ? `${m[1]}/${m[2]}` : 'A resource with that id';
}

interface StampColumns { resource_type: string; id: string; version_id: number; last_updated: string; octets: number | string }

/** A linked lookup row: the resource's stamp, and its included target's (null when it has none). */
interface StampRow extends StampColumns {
  t_resource_type: string | null; t_id: string | null; t_version_id: number | null; t_last_updated: string | null; t_octets: number | string | null;
}

function toStamp(row: StampColumns): VersionStamp {
  return { resourceType: row.resource_type, id: row.id, versionId: Number(row.version_id), lastUpdated: toInstant(row.last_updated), octets: Number(row.octets) };
}

function toStored(row: Row): StoredResource {
  return {
    resourceType: row.resource_type,
    id: row.id,
    versionId: Number(row.version_id),
    lastUpdated: toInstant(row.last_updated),
    deleted: row.deleted,
    content: row.content ?? '',
  };
}

function now(): string {
  return new Date().toISOString();
}
