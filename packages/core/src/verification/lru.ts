/**
 * A bounded map that forgets the least recently used entry first, and entries older than their
 * time to live. Built on Map's insertion order: a hit moves the entry to the end, eviction takes the
 * first one. Times come from a monotonic clock (performance.now), not the business clock: how long
 * something may be cached is an operational matter, unrelated to key expiry.
 */
export class Lru<K, V> {
  private readonly entries = new Map<K, { value: V; expiresAt: number }>();

  constructor(
    private readonly maxEntries: number,
    private readonly onEvict: (key: K, value: V) => void = () => {},
  ) {}

  get size(): number {
    return this.entries.size;
  }

  /** The cached value, or undefined when absent or too old. */
  get(key: K, now = performance.now()): { value: V } | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= now) {
      this.delete(key);
      return undefined;
    }
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry;
  }

  set(key: K, value: V, ttlMs: number, now = performance.now()): void {
    this.delete(key);
    this.entries.set(key, { value, expiresAt: now + ttlMs });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value as K;
      this.delete(oldest);
    }
  }

  delete(key: K): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.onEvict(key, entry.value);
  }

  clear(): void {
    for (const [key, entry] of this.entries) this.onEvict(key, entry.value);
    this.entries.clear();
  }
}
