/** Bound parameters and table aliases of one statement under construction. */
export class SqlParams {
  readonly values: unknown[] = [];
  private aliases = 0;

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }

  /** A table alias unique within this statement (the same search gives the same text every time). */
  alias(prefix: string): string {
    return `${prefix}${++this.aliases}`;
  }
}
