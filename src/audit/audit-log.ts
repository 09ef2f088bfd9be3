/**
 * The audit trail: one row per access (read, search, write, operation, and every denied attempt),
 * written before the response leaves the server — if the row cannot be stored, the response is not
 * served. Concurrent requests share one multi-row INSERT (group commit), so auditing costs one
 * statement per batch rather than one per request. The table is append-only; the API only reads it.
 *
 * Values are made storable first (audit-values.ts). Should a batch still fail, its rows are written
 * one by one, so one bad row never fails the others; a row refused alone is logged and written in
 * its minimal form (who, when, what kind of access, outcome), and only if that fails too does its
 * own request fail.
 */
import { randomUUID } from 'node:crypto';
import type { Database } from '../store/database.ts';
import { minimalEntry, storableEntry } from './audit-values.ts';

export interface AuditEntry {
  recorded: string;
  agentRole: string;
  agentId: string;
  agentName?: string;
  onBehalfOf?: string;
  clientId?: string;
  /** FHIR AuditEvent.action: C, R, U, D or E (execute an operation). */
  action: 'C' | 'R' | 'U' | 'D' | 'E';
  interaction: string;
  resourceType?: string;
  resourceId?: string;
  query?: string;
  patientIds: string[];
  purpose?: string;
  status: number;
  sourceIp?: string;
  requestId?: string;
  /** How many like events the row stands for (aggregated refusals); 1 when absent. */
  count?: number;
}

const COLUMNS = ['id', 'recorded', 'agent_role', 'agent_id', 'agent_name', 'on_behalf_of', 'client_id', 'action', 'interaction', 'resource_type', 'resource_id', 'query', 'patient_ids', 'purpose', 'outcome', 'status', 'source_ip', 'request_id', 'count'];
const TYPES = ['text', 'timestamptz', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'int', 'text', 'text', 'int'];

/** AuditEvent.outcome: 0 success, 4 minor failure (refused, bad request), 8 serious failure. */
export function outcomeOf(status: number): '0' | '4' | '8' {
  return status < 400 ? '0' : status < 500 ? '4' : '8';
}

interface Pending { entry: AuditEntry; resolve(): void; reject(err: unknown): void }

/** Told of a row the database refused (the log's own problems; the request is not told). */
type AuditProblemReporter = (problem: { err: unknown; entry: AuditEntry; stored: 'minimal' | 'none' }) => void;

export class AuditLog {
  private next: Pending[] | undefined;
  private flushing: Promise<void> | undefined;

  constructor(private readonly db: Database, public onProblem: AuditProblemReporter = () => {}) {}

  /** Resolves once the entry is stored (together with whatever else arrived meanwhile). */
  record(entry: AuditEntry): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      if (!this.next) {
        this.next = [];
        this.schedule();
      }
      this.next.push({ entry: storableEntry(entry), resolve, reject });
    });
  }

  private schedule(): void {
    const previous = this.flushing;
    const start = async () => {
      await previous;
      const batch = this.next!;
      this.next = undefined;
      try {
        await this.write(batch.map((p) => p.entry));
        for (const p of batch) p.resolve();
      } catch {
        // One row may have spoilt the statement: the others must not pay for it.
        for (const p of batch) await this.writeAlone(p);
      }
    };
    this.flushing = new Promise<void>((resolve) => setImmediate(() => void start().finally(resolve)));
  }

  private async writeAlone(p: Pending): Promise<void> {
    try {
      await this.write([p.entry]);
      return p.resolve();
    } catch (err) {
      try {
        await this.write([minimalEntry(p.entry)]);
        this.onProblem({ err, entry: p.entry, stored: 'minimal' });
        p.resolve();
      } catch (again) {
        this.onProblem({ err: again, entry: p.entry, stored: 'none' });
        p.reject(again);
      }
    }
  }

  private async write(entries: AuditEntry[]): Promise<void> {
    const cols: unknown[][] = COLUMNS.map(() => []);
    for (const e of entries) {
      const row = [timeOrderedId(), e.recorded, e.agentRole, e.agentId, e.agentName ?? null, e.onBehalfOf ?? null, e.clientId ?? null, e.action, e.interaction,
        e.resourceType ?? null, e.resourceId ?? null, e.query ?? null, arrayLiteral(e.patientIds), e.purpose ?? null, outcomeOf(e.status), e.status, e.sourceIp ?? null, e.requestId ?? null, e.count ?? 1];
      row.forEach((v, i) => cols[i].push(v));
    }
    const unnest = TYPES.map((t, i) => `$${i + 1}::${t}[]`).join(', ');
    // patient_ids arrive as array literals (text) and are cast per row.
    const select = COLUMNS.map((c) => (c === 'patient_ids' ? `${c}::text[]` : c)).join(', ');
    await this.db.query(`INSERT INTO audit_log (${COLUMNS.join(', ')}) SELECT ${select} FROM unnest(${unnest}) AS u(${COLUMNS.join(', ')})`, cols, { prepare: 'audit-insert' });
  }

  /**
   * The audit trail touching any of these patients, newest first: at most `limit` rows, starting
   * after the row `before` (the last of the previous page), so paging reaches the oldest.
   */
  async forPatients(patientIds: string[], limit = 200, before?: string): Promise<Array<AuditEntry & { id: string; outcome: string }>> {
    const res = await this.db.query<Record<string, unknown>>(
      `SELECT id, recorded, agent_role, agent_id, agent_name, client_id, action, interaction, resource_type, resource_id, purpose, outcome, status, count
       FROM audit_log WHERE patient_ids && $1::text[]
         AND ($2::text IS NULL OR (recorded, id) < (SELECT recorded, id FROM audit_log WHERE id = $2::text))
       ORDER BY recorded DESC, id DESC LIMIT ${Math.min(Math.max(1, Math.floor(limit)), 1001)}`, [patientIds, before ?? null]);
    return res.rows.map((r) => ({
      id: String(r.id), recorded: new Date(String(r.recorded).replace(' ', 'T').replace(/\+00$/, 'Z')).toISOString(), agentRole: String(r.agent_role), agentId: String(r.agent_id),
      agentName: (r.agent_name as string | null) ?? undefined, clientId: (r.client_id as string | null) ?? undefined, action: r.action as AuditEntry['action'],
      interaction: String(r.interaction), resourceType: (r.resource_type as string | null) ?? undefined, resourceId: (r.resource_id as string | null) ?? undefined,
      purpose: (r.purpose as string | null) ?? undefined, outcome: String(r.outcome), status: Number(r.status), patientIds: [], count: Number(r.count ?? 1),
    }));
  }
}

/**
 * A UUID version 7 (RFC 9562): the current time in milliseconds, then random bits. Rows arrive in
 * time order, so each new id lands at the right-hand end of the primary-key index instead of on a
 * random page of it (fewer pages dirtied and written to the WAL per batch).
 */
export function timeOrderedId(now = Date.now()): string {
  const time = now.toString(16).padStart(12, '0').slice(-12);
  const random = randomUUID();
  return `${time.slice(0, 8)}-${time.slice(8)}-7${random.slice(15)}`;
}

/** A PostgreSQL array literal of text values, each quoted and escaped. */
function arrayLiteral(values: string[]): string {
  return `{${values.map((v) => `"${v.replace(/[\\"]/g, (c) => `\\${c}`)}"`).join(',')}}`;
}

/** Patient ids a response touches: Patient resources it contains and every reference to a Patient. */
export function patientIdsIn(payload: string, limit = 1000): string[] {
  const ids = new Set<string>();
  for (const m of payload.matchAll(/"reference":"Patient\/([A-Za-z0-9\-.]{1,64})"/g)) {
    ids.add(m[1]);
    if (ids.size >= limit) break;
  }
  for (const m of payload.matchAll(/"resourceType":"Patient","id":"([A-Za-z0-9\-.]{1,64})"/g)) {
    ids.add(m[1]);
    if (ids.size >= limit) break;
  }
  return [...ids];
}
