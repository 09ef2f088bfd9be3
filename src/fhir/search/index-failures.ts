/**
 * Search parameter expressions that fail while a resource's index rows are extracted. The failing
 * parameter gets no rows for that version (the write itself goes ahead: a resource the validator
 * accepted is not refused for the index's sake), and the failure is told to a listener, which a
 * runtime has log it and count it (`helsebro_index_extraction_failures_total`).
 */
export interface IndexFailure {
  resourceType: string;
  param: string;
  error: unknown;
}

export type OnIndexFailure = (failure: IndexFailure) => void;

/**
 * For extraction outside the repository's write (access checks on a resource about to be written,
 * lookups and the migration backfill reading written versions): the same expression on the same
 * content fails, and is counted, where the version is written.
 */
export const COUNTED_ON_WRITE: OnIndexFailure = () => undefined;

/** One runtime's failures, counted by resource type and parameter (both bounded: they come from the definitions). */
export class IndexFailureCounter {
  private readonly counts = new Map<string, { resourceType: string; param: string; count: number }>();
  /** Told of each failure as it happens (the runtime logs it). */
  onFailure: OnIndexFailure = () => undefined;

  readonly record: OnIndexFailure = (failure) => {
    const key = `${failure.resourceType}.${failure.param}`;
    const entry = this.counts.get(key) ?? { resourceType: failure.resourceType, param: failure.param, count: 0 };
    entry.count++;
    this.counts.set(key, entry);
    this.onFailure(failure);
  };

  totals(): Array<{ resourceType: string; param: string; count: number }> {
    return [...this.counts.values()].map((e) => ({ ...e }));
  }
}
