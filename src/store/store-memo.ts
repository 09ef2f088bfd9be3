/**
 * What a runtime keeps in memory about its own store: values derived from stored versions (which
 * never change), each kept under a name by the feature that derives it. One is created with each
 * repository (createRepository, once per runtime) and shared by its transactions and access-checked
 * views, so two runtimes in one process — on different databases — never see each other's.
 */
export class StoreMemo {
  private readonly slots = new Map<string, unknown>();

  /** The value kept under `name`, created by `create` the first time it is asked for. */
  slot<T>(name: string, create: () => T): T {
    if (!this.slots.has(name)) this.slots.set(name, create());
    return this.slots.get(name) as T;
  }
}
