/**
 * What the hub derives from stored resource versions it reads on every submission (the patient's
 * earlier sykmeldinger and their status Tasks), kept for the most recently used versions. A stored
 * version never changes, so an entry never goes stale; it is keyed by the version's identity
 * (type, id, version, time written) and the size of its stored text. Each store has its own
 * caches (they are kept in its repository's StoreMemo), since two stores may hold versions alike in
 * all of these.
 */
import { stampOf, type StoredResource, type VersionStamp } from '../store/repository.ts';

export class VersionCache<V> {
  private readonly entries = new Map<string, V>();

  constructor(private readonly capacity: number) {}

  /** The value kept for this version, if any (it becomes the most recently used). */
  peek(stamp: VersionStamp): { value: V } | undefined {
    const key = keyOf(stamp);
    if (!this.entries.has(key)) return undefined;
    const value = this.entries.get(key) as V;
    this.entries.delete(key);
    this.entries.set(key, value);
    return { value };
  }

  remember(stamp: VersionStamp, value: V): V {
    const key = keyOf(stamp);
    this.entries.delete(key);
    if (this.entries.size >= this.capacity) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, value);
    return value;
  }

  /** The value derived from `stored`, computed by `derive` on a miss. */
  get(stored: StoredResource, derive: (stored: StoredResource) => V): V {
    const stamp = stampOf(stored);
    const hit = this.peek(stamp);
    return hit ? hit.value : this.remember(stamp, derive(stored));
  }

  get size(): number {
    return this.entries.size;
  }
}

const keyOf = (s: VersionStamp) => `${s.resourceType}/${s.id}/${s.versionId}/${s.lastUpdated}/${s.octets}`;

/** Freezes a value and everything in it: cached values are shared by every caller, who only read them. */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
