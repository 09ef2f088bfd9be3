/**
 * Keeps the query planner's statistics in step with fast growth. PostgreSQL's autovacuum analyzes
 * a table after a tenth of it has changed; until then a resource type that has just started to grow
 * (the first thousands of sykmelding Tasks in a store of millions of resources) still looks empty to
 * the planner, which then walks every row of that type for each search. The keeper counts writes per
 * resource type and runs ANALYZE in the background whenever a type has doubled since the last one
 * (and has at least `minWrites` new versions), so re-analysis happens a logarithmic number of times.
 */
import type { Database } from './database.ts';
import { INDEX_TABLE_NAMES } from './write-sql.ts';

/** The tables whose statistics the searches' plans depend on. */
const ANALYZED_TABLES = ['resource', 'resource_history', ...INDEX_TABLE_NAMES];

export interface StatsKeeperOptions {
  /** Writes of one type before it is considered at all (default 500). */
  minWrites?: number;
  onAnalyze?: (info: { types: string[]; ms: number }) => void;
  onError?: (err: unknown) => void;
}

export class StatsKeeper {
  private readonly sinceAnalyze = new Map<string, number>();
  private baseline: Map<string, number> | undefined;
  private running: Promise<void> | undefined;
  private readonly minWrites: number;

  constructor(private readonly db: Database, private readonly options: StatsKeeperOptions = {}) {
    this.minWrites = options.minWrites ?? 500;
  }

  /** Called for every written version. Cheap: a map update and, rarely, a background job. */
  recordWrite(resourceType: string): void {
    const n = (this.sinceAnalyze.get(resourceType) ?? 0) + 1;
    this.sinceAnalyze.set(resourceType, n);
    if (n < this.minWrites || this.running) return;
    if (this.baseline && n < (this.baseline.get(resourceType) ?? 0)) return;
    this.running = this.analyze().finally(() => {
      this.running = undefined;
    });
  }

  /** Waits for a running ANALYZE (tests, shutdown). */
  async idle(): Promise<void> {
    await this.running;
  }

  private async analyze(): Promise<void> {
    const started = Date.now();
    // The writes counted so far; those that arrive while this pass runs count towards the next.
    const counted = new Map(this.sinceAnalyze);
    const since = (t: string) => counted.get(t) ?? 0;
    try {
      const counts = await this.db.query<{ resource_type: string; n: string }>('SELECT resource_type, count(*) AS n FROM resource GROUP BY resource_type');
      const current = new Map(counts.rows.map((r) => [r.resource_type, Number(r.n)]));
      // Only types that have doubled trigger the work. Before the first pass of this process, the
      // baseline is what the store held before its writes (a restarted server adding 500 Patients
      // to 20,000 has not doubled them).
      const before = (t: string) => this.baseline ? (this.baseline.get(t) ?? 0) : Math.max(0, (current.get(t) ?? 0) - since(t));
      const grown = [...counted.keys()].filter((t) => since(t) >= this.minWrites && since(t) >= before(t));
      if (grown.length === 0) {
        this.baseline ??= new Map([...current].map(([t, n]) => [t, Math.max(0, n - since(t))]));
        return;
      }
      // Table by table, letting waiting requests in between: on the embedded store every statement
      // holds the one connection (and the event loop), and the whole database at once took 1.8 s
      // at 100,000 resources where the largest table takes 0.3 s.
      for (const table of ANALYZED_TABLES) {
        await this.db.exec(`ANALYZE ${table}`);
        await new Promise((resolve) => setImmediate(resolve));
      }
      // Each table holds every type's rows, so every type's statistics are now fresh: all of them
      // count again from their current size (types that grow together — a sykmelding and its
      // status Task — then share one pass instead of each starting its own a moment apart).
      this.baseline = current;
      for (const [t, n] of counted) this.sinceAnalyze.set(t, (this.sinceAnalyze.get(t) ?? 0) - n);
      this.options.onAnalyze?.({ types: grown, ms: Date.now() - started });
    } catch (err) {
      this.options.onError?.(err);
    }
  }
}
