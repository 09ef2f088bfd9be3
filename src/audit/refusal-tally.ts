/**
 * Refusals of requests without a valid token (401, and 429 once their address is over its limit)
 * prove no identity and disclose nothing, yet anyone can make them in any number. So they are
 * audited per address and minute: the first refusal of each of up to `FULL_TARGETS` targets (what
 * was asked for: type and id) is written in full before it is answered; the rest are counted, and
 * when the minute is over one summary row per address records how many more there were
 * (`count`). None of them name a patient, so they never crowd a citizen's access log.
 */
import type { AuditEntry, AuditLog } from './audit-log.ts';

export const FULL_TARGETS = 20;
const WINDOW_MS = 60_000;

interface AddressTally { targets: Set<string>; more: number; last: AuditEntry }

export class RefusalTally {
  private window = -1;
  private tallies = new Map<string, AddressTally>();

  constructor(private readonly audit: AuditLog, private readonly now: () => number = Date.now, private readonly onError: (err: unknown) => void = () => {}) {}

  /** Records one refusal: resolves once it is stored when written in full, at once when only counted. */
  async record(entry: AuditEntry): Promise<void> {
    void this.tick();
    const address = entry.sourceIp ?? 'unknown';
    const target = `${entry.status} ${entry.resourceType ?? ''}/${entry.resourceId ?? ''}`;
    let tally = this.tallies.get(address);
    if (!tally) this.tallies.set(address, (tally = { targets: new Set(), more: 0, last: entry }));
    if (!tally.targets.has(target) && tally.targets.size < FULL_TARGETS) {
      tally.targets.add(target);
      return this.audit.record({ ...entry, patientIds: [] });
    }
    tally.more++;
    tally.last = entry;
  }

  /** Writes the summary rows of the minute that has ended (or of every tally, when closing). */
  async flush(): Promise<void> {
    const ended = this.tallies;
    this.tallies = new Map();
    const writes = [...ended].filter(([, t]) => t.more > 0).map(([address, t]) => this.audit.record({
      recorded: new Date(this.now()).toISOString(), agentRole: 'anonymous', agentId: 'anonymous', action: t.last.action,
      interaction: 'refused-unauthenticated', status: t.last.status, sourceIp: address, patientIds: [], count: t.more,
    }).catch(this.onError));
    await Promise.all(writes);
  }

  /** Writes the summaries once their minute has ended (called on every refusal and by a timer). */
  tick(): Promise<void> {
    const window = Math.floor(this.now() / WINDOW_MS);
    if (window === this.window) return Promise.resolve();
    const ended = this.window;
    this.window = window;
    return ended === -1 ? Promise.resolve() : this.flush();
  }
}
