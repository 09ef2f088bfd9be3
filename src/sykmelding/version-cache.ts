/**
 * What the hub derives from stored resource versions it reads on every submission (the patient's
 * earlier sykmeldinger and their status Tasks), kept for the most recently used versions. A stored
 * version never changes, so an entry never goes stale; it is keyed by the version's identity
 * (type, id, version, time written) and the length of its stored text, so two stores in one process
 * cannot share an entry unless all of these agree.
 */
import type { StoredResource } from '../store/repository.ts';

export class VersionCache<V> {
  private readonly entries = new Map<string, V>();

  constructor(private readonly capacity: number) {}

  /** The value derived from `stored`, computed by `derive` on a miss. */
  get(stored: StoredResource, derive: (stored: StoredResource) => V): V {
    const key = `${stored.resourceType}/${stored.id}/${stored.versionId}/${stored.lastUpdated}/${stored.content.length}`;
    const hit = this.entries.get(key);
    if (hit !== undefined || this.entries.has(key)) {
      // Least recently used goes first: move the hit to the end.
      this.entries.delete(key);
      this.entries.set(key, hit as V);
      return hit as V;
    }
    const value = derive(stored);
    if (this.entries.size >= this.capacity) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, value);
    return value;
  }

  get size(): number {
    return this.entries.size;
  }
}

/** Freezes a value and everything in it: cached values are shared by every caller, who only read them. */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
