/**
 * Fills `patients` and `authors` (migration 010) for versions written before the columns existed:
 * each version from its own content, as a write computes them (write-sql.ts), in batches; then each
 * deletion from the version it deleted. Runs in the migration's transaction.
 */
import { versionSubjects } from './version-subjects.ts';
import { extractIndexRows } from '../fhir/search/extract.ts';
import type { Queryable } from './database.ts';

const BATCH = 500;

interface Pending { resource_type: string; id: string; version_id: number; content: string }

export async function backfillVersionSubjects(tx: Queryable): Promise<void> {
  for (;;) {
    const res = await tx.query<Pending>(
      `SELECT resource_type, id, version_id, content FROM resource_history WHERE patients IS NULL AND NOT deleted LIMIT ${BATCH}`,
    );
    if (res.rows.length === 0) break;
    const filled = res.rows.map((row) => ({ ...row, content: undefined, ...versionSubjects(row.resource_type, extractIndexRows(JSON.parse(row.content))) }));
    await tx.query(
      `UPDATE resource_history h SET patients = u.patients, authors = u.authors
         FROM jsonb_to_recordset($1::jsonb) AS u(resource_type text, id text, version_id integer, patients text[], authors text[])
        WHERE h.resource_type = u.resource_type AND h.id = u.id AND h.version_id = u.version_id`,
      [JSON.stringify(filled)],
    );
  }
  await tx.query(
    `UPDATE resource_history d SET patients = coalesce(p.patients, '{}'), authors = coalesce(p.authors, '{}')
       FROM resource_history p
      WHERE d.deleted AND d.patients IS NULL AND p.resource_type = d.resource_type AND p.id = d.id AND p.version_id = d.version_id - 1`,
  );
}
