/**
 * The single SQL statement that writes one resource version: the current row, the history row and
 * every search index row, in one round trip. Data-modifying CTEs make it atomic on its own; the
 * index rows are replaced only when the guarded write of the current row succeeded, so a lost race
 * (stale version) writes nothing at all.
 */
import type { IndexRows } from '../fhir/search/index-rows.ts';
import { INDEXED_TYPES, type IndexedType } from '../fhir/search/search-types.ts';
import { definitionOf } from './search/search-types.ts';
import { versionSubjects } from './version-subjects.ts';

interface IndexTable {
  table: string;
  columns: string[];
  types: string[];
  values(rows: IndexRows): unknown[][];
}

// One entry per sp_* table, from the type's definition: its columns and how a row maps onto them.
const INDEX_TABLES: IndexTable[] = INDEXED_TYPES.map((type) => {
  const { table, columns } = definitionOf(type);
  return {
    table,
    columns: columns.map((c) => c.name),
    types: columns.map((c) => c.sqlType),
    values: (r: IndexRows) => columns.map((c) => (r[type] as Array<IndexRows[IndexedType][number]>).map(c.of)),
  };
});

export const INDEX_TABLE_NAMES = INDEX_TABLES.map((t) => t.table);

export interface VersionWrite {
  resourceType: string;
  id: string;
  versionId: number;
  lastUpdated: string;
  deleted: boolean;
  method: string;
  content: string | null;
  /** Index rows for the new version; empty for a deletion. */
  index: IndexRows | undefined;
  /** 'insert' for a new id; 'update' replaces the current row only if it still has `expectedVersion`. */
  mode: 'insert' | 'update';
  expectedVersion?: number;
  /** The creator, recorded by an insert (an update keeps the one recorded). */
  createdBy?: string;
}

/**
 * Builds the statement; it returns one row `{ written: true }` when the write happened, none otherwise.
 * Its text depends only on the mode and on which index tables get rows (at most 2 × 2⁷ shapes, and one for a deletion), so
 * it comes with a statement name: PostgreSQL parses and plans each shape once per connection.
 *
 * `companions` are new resources the server derives from this write (a sykmelding's status Task),
 * inserted by the same statement when — and only when — the main write happens. A companion whose
 * id is taken makes the whole statement fail with a unique violation, so nothing at all is written.
 */
export function buildVersionWrite(w: VersionWrite, companions: VersionWrite[] = []): { text: string; values: unknown[]; name: string } {
  const values: unknown[] = [];
  const ctes: string[] = [];
  const shapes = [w, ...companions].map((write, k) => addWrite(write, k === 0 ? '' : `c${k}_`, k > 0, values, ctes));
  return { text: `WITH ${ctes.join(',\n')}\nSELECT true AS written FROM cur`, values, name: `version-${w.index ? w.mode : 'deletion'}-${shapes.join('+')}` };
}

/** Appends one version's CTEs (named with `prefix`); returns its shape. A companion is guarded by the main write's `cur`. */
function addWrite(w: VersionWrite, prefix: string, companion: boolean, values: unknown[], ctes: string[]): number {
  const $ = (v: unknown) => {
    values.push(v);
    return `$${values.length}`;
  };
  const [type, id, version, updated, deleted, content, method] = [w.resourceType, w.id, w.versionId, w.lastUpdated, w.deleted, w.content, w.method].map($);
  const cur = `${prefix}cur`;
  let shape = 0;
  if (companion) {
    if (w.mode !== 'insert') throw new Error('A companion write is always a new resource');
    ctes.push(`${cur} AS (INSERT INTO resource (resource_type, id, version_id, last_updated, deleted, content, created_by)
      SELECT ${type}, ${id}, ${version}, ${updated}, ${deleted}, ${content}, ${$(w.createdBy ?? null)}::text WHERE EXISTS (SELECT 1 FROM cur) RETURNING 1)`);
  } else if (w.mode === 'insert') {
    ctes.push(`${cur} AS (INSERT INTO resource (resource_type, id, version_id, last_updated, deleted, content, created_by)
      VALUES (${type}, ${id}, ${version}, ${updated}, ${deleted}, ${content}, ${$(w.createdBy ?? null)}::text) ON CONFLICT DO NOTHING RETURNING 1)`);
  } else {
    ctes.push(`${cur} AS (UPDATE resource SET version_id = ${version}, last_updated = ${updated}, deleted = ${deleted}, content = ${content}
      WHERE resource_type = ${type} AND id = ${id} AND version_id = ${$(w.expectedVersion)} RETURNING 1)`);
  }
  ctes.push(`${prefix}hist AS (INSERT INTO resource_history (resource_type, id, version_id, last_updated, deleted, method, content, patients, authors)
    SELECT ${type}, ${id}, ${version}, ${updated}, ${deleted}, ${method}, ${content}, ${subjectColumns(w, type, id, $).join(', ')} WHERE EXISTS (SELECT 1 FROM ${cur}))`);
  INDEX_TABLES.forEach((t, n) => {
    // An update's old index rows go before its new ones come (the insert waits for the delete's
    // count), so a unique index over them (national-identity.ts) never sees both sets at once.
    const replaced = w.mode === 'update' ? ` AND (SELECT count(*) FROM ${prefix}del${n}) >= 0` : '';
    if (w.mode === 'update') {
      ctes.push(`${prefix}del${n} AS (DELETE FROM ${t.table} WHERE resource_type = ${type} AND id = ${id} AND EXISTS (SELECT 1 FROM ${cur}) RETURNING 1)`);
    }
    const columns = w.index ? t.values(w.index) : [];
    if (columns.length === 0 || (columns[0] as unknown[]).length === 0) return;
    shape |= 1 << n;
    const refs = columns.map((col, i) => `${$(col)}::${t.types[i]}[]`);
    ctes.push(`${prefix}ins${n} AS (INSERT INTO ${t.table} (resource_type, id, ${t.columns.join(', ')})
      SELECT ${type}, ${id}, u.* FROM unnest(${refs.join(', ')}) AS u WHERE EXISTS (SELECT 1 FROM ${cur})${replaced})`);
  });
  return shape;
}

/**
 * The version's `patients` and `authors` (SQL expressions): from its index rows, or — for a
 * deletion, which has no content — those of the version it deletes.
 */
function subjectColumns(w: VersionWrite, type: string, id: string, $: (v: unknown) => string): string[] {
  if (!w.index) {
    const previous = `FROM resource_history WHERE resource_type = ${type} AND id = ${id} AND version_id = ${$(w.expectedVersion ?? w.versionId - 1)}`;
    return [`(SELECT patients ${previous})`, `(SELECT authors ${previous})`];
  }
  const subjects = versionSubjects(w.resourceType, w.index);
  return [`${$(subjects.patients)}::text[]`, `${$(subjects.authors)}::text[]`];
}
