/**
 * Label values for Prometheus that stay few whatever the requests are: each label admits a bounded
 * number of distinct values and collapses the rest into `other`, so odd URLs, types or bodies can
 * never make new series without end. The values themselves come from route templates
 * (`/fhir/:type/:id`), known resource types and interaction names, never from raw URLs.
 */
const OTHER = 'other';

export class BoundedLabel {
  private readonly seen = new Set<string>();

  constructor(private readonly max: number) {}

  /** The value itself while fewer than `max` have been seen (or it is one of them), else `other`. */
  of(value: string): string {
    if (this.seen.has(value)) return value;
    if (this.seen.size >= this.max) return OTHER;
    this.seen.add(value);
    return value;
  }
}
