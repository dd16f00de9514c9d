import { LRUCache } from "lru-cache";

export type CacheSettings = {
  /** Most entries kept per cache (keys, account tokens, resource chains), least recently used out first. */
  maxEntries: number;
  /** The safety net: an entry older than this is read again even if no invalidation arrived. */
  freshnessMs: number;
  /** How long "no such key / token / resource" is remembered (short: a new row must be found soon). */
  negativeMs: number;
};

export type CacheStats = { hits: number; misses: number; invalidations: number };

/** A cached answer; `null` remembers that the row does not exist (lru-cache stores no nullish values). */
type Slot<V> = {
  value: V | null;
  /** When a hit starts reading the row again in the background (performance.now); see `peek`. */
  refreshAt: number;
};

/** A cached row is read again in the background once this share of its freshness has passed. */
const refreshAhead = 0.9;

/**
 * Shared by every cache of one verification service. `epoch` grows with every invalidation: a load
 * that started before an invalidation may have read the row as it was before the change committed,
 * so its result is answered to its own caller but never stored. `bypass` is set while cross-instance
 * invalidation is not guaranteed (the LISTEN connection is down): then nothing is read from or
 * written to the caches, and every verification reads the database.
 */
export class CacheGate {
  epoch = 0;
  bypass = false;
  readonly stats: CacheStats = { hits: 0, misses: 0, invalidations: 0 };
}

/**
 * One cache in front of one loader: values by lookup key (a key hash, an account token, a resource
 * id), with an index from the row's id to its lookup key so a change announced by id can drop it.
 */
export class CachedLookup<V> {
  private readonly lru: LRUCache<string, Slot<V>>;
  private readonly byId = new Map<string, string>();
  /** Database reads in flight, by lookup key, with the epoch they started in (see `get`). */
  private readonly loading = new Map<string, { epoch: number; value: Promise<V | null> }>();

  constructor(
    private readonly gate: CacheGate,
    private readonly settings: CacheSettings,
    private readonly load: (lookupKey: string) => Promise<V | null>,
    private readonly idOf: (value: V) => string,
    /** False when the row certainly does not exist (the existence filter): null, no read, nothing cached. */
    private readonly mayExist: (lookupKey: string) => boolean = () => true,
  ) {
    // Least recently used out first, and nothing older than its time to live. lru-cache times entries
    // with performance.now (monotonic), not the business clock: how long something may be cached is
    // an operational matter, unrelated to key expiry. `dispose` runs for every entry that leaves
    // (evicted, expired, replaced, deleted, cleared), so the id index never points at a gone entry
    // (nor forgets one that another lookup key of the same row holds).
    this.lru = new LRUCache<string, Slot<V>>({
      max: settings.maxEntries,
      ttl: settings.freshnessMs,
      dispose: (slot, lookupKey) => {
        if (slot.value === null) return;
        const id = idOf(slot.value);
        if (this.byId.get(id) === lookupKey) this.byId.delete(id);
      },
    });
  }

  get size(): number {
    return this.lru.size;
  }

  /**
   * The value, from memory or from one database read. Concurrent misses of one lookup key share that
   * read (a hot key whose entry just expired would otherwise send every request in flight to the
   * database at once), but only within one epoch: a caller that arrives after an invalidation never
   * joins a read that started before it, and while bypassed every caller reads for itself.
   */
  get(lookupKey: string): Promise<V | null> {
    const known = this.peek(lookupKey);
    if (known !== undefined) return Promise.resolve(known);
    const epoch = this.gate.epoch;
    const pending = this.loading.get(lookupKey);
    if (pending !== undefined && pending.epoch === epoch && !this.gate.bypass) return pending.value;
    this.gate.stats.misses++;
    const value = this.read(lookupKey, epoch);
    if (!this.gate.bypass) this.track(lookupKey, epoch, value);
    return value;
  }

  /** Lets later misses of the same epoch join this read until it ends (failed or not). */
  private track(lookupKey: string, epoch: number, value: Promise<V | null>): void {
    const load = { epoch, value };
    this.loading.set(lookupKey, load);
    const done = () => {
      if (this.loading.get(lookupKey) === load) this.loading.delete(lookupKey);
    };
    value.then(done, done);
  }

  private async read(lookupKey: string, epoch: number): Promise<V | null> {
    const value = await this.load(lookupKey);
    if (!this.gate.bypass && this.gate.epoch === epoch) {
      const ttl = value === null ? this.settings.negativeMs : this.settings.freshnessMs;
      // Absent rows are not refreshed ahead: a guess that keeps coming is read once per `negativeMs`.
      const refreshAt = value === null ? Number.POSITIVE_INFINITY : performance.now() + ttl * refreshAhead;
      this.lru.set(lookupKey, { value, refreshAt }, { ttl });
      if (value !== null) this.byId.set(this.idOf(value), lookupKey);
    }
    return value;
  }

  /**
   * What memory alone says: the cached value, null when the row is cached as absent or certainly does
   * not exist, undefined when only the database can tell.
   */
  peek(lookupKey: string): V | null | undefined {
    if (!this.gate.bypass) {
      const hit = this.lru.get(lookupKey);
      if (hit !== undefined) {
        this.gate.stats.hits++;
        if (hit.refreshAt <= performance.now()) this.refresh(lookupKey, hit);
        return hit.value;
      }
    }
    return this.mayExist(lookupKey) ? undefined : null;
  }

  /**
   * Reads a row that is still cached but near the end of its freshness, in the background, once:
   * the hit is answered from memory meanwhile, so a hot key's requests never wait for the safety
   * net's read. The read is stored like any other (not if an invalidation came meanwhile); if it
   * fails, the entry simply expires and the next caller reads.
   */
  private refresh(lookupKey: string, hit: Slot<V>): void {
    hit.refreshAt = Number.POSITIVE_INFINITY;
    if (this.loading.has(lookupKey)) return;
    const epoch = this.gate.epoch;
    this.gate.stats.misses++;
    this.track(lookupKey, epoch, this.read(lookupKey, epoch));
  }

  /** Drops the entry of the row with this id (if cached) and voids loads in flight. */
  invalidateId(id: string): void {
    this.gate.epoch++;
    this.gate.stats.invalidations++;
    const lookupKey = this.byId.get(id);
    if (lookupKey !== undefined) this.lru.delete(lookupKey);
  }

  /**
   * Drops every entry `matches` selects and voids loads in flight. It walks the whole cache: meant
   * for rare changes that reach many rows (an organization's catalogue), not for the hot path.
   */
  invalidateWhere(matches: (value: V) => boolean): void {
    this.gate.epoch++;
    this.gate.stats.invalidations++;
    const doomed: string[] = [];
    for (const [lookupKey, slot] of this.lru.entries()) {
      if (slot.value !== null && matches(slot.value)) doomed.push(lookupKey);
    }
    for (const lookupKey of doomed) this.lru.delete(lookupKey);
  }

  clear(): void {
    this.gate.epoch++;
    this.gate.stats.invalidations++;
    this.lru.clear();
  }
}
