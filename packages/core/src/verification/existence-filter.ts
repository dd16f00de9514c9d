import type { PrismaClient } from "@tessera/db";
import bloomFilters, { type BloomFilter } from "bloom-filters";
import { sha256 } from "../secrets.ts";

/** The false-positive rate the filter is sized for: one made-up key in a thousand reaches the database. */
export const filterErrorRate = 0.001;
/** Sized for at least this many entries (1.8 MB at 0.1 %), and for twice what the database holds. */
const minimumCapacity = 1_000_000;

// bloom-filters is CommonJS whose named exports Node's ESM loader cannot see: take them off the default.
const { BloomFilter: Bloom, Hashing } = bloomFilters;

/**
 * bloom-filters hashes every element with a pure-JavaScript xxhash64 (about 10 µs per lookup here);
 * our elements are SHA-256 hex digests already, uniformly random, so each "hash function" just reads
 * 32 bits of the digest (about 0.7 µs per lookup). Overriding `serialize` is the library's documented
 * way to bring one's own hash; 32 bits keep the library's double hashing exact in a double.
 */
class DigestHashing extends Hashing {
  override serialize(element: string | ArrayBuffer | Buffer, seed?: number): number {
    const offset = ((seed ?? 0) & 7) * 8;
    return Number.parseInt(String(element).slice(offset, offset + 8), 16);
  }
}

function createBloom(capacity: number): BloomFilter {
  const bloom = Bloom.create(capacity, filterErrorRate);
  bloom._hashing = new DigestHashing();
  return bloom;
}

/** What the filter holds for an account token: its SHA-256 (tokens are stored as they are). */
export function accountTokenDigest(token: string): string {
  return sha256(token);
}

export type ExistenceFilterStats = {
  /** True while a "no" from the filter is trusted (loaded, and no change may have been missed since). */
  trusted: boolean;
  /** Entries added (key hashes and account-token digests; deleted rows stay until the next load). */
  entries: number;
  /** Lookups answered "does not exist" without reading the database. */
  rejections: number;
};

/**
 * Which API key hashes and account tokens exist: a Bloom filter (bloom-filters, 0.1 % false
 * positives, about 1.8 MB per million entries). A "no" is certain, so a made-up key or token is
 * answered without a database query; a "maybe" (a real key, or one made-up key in a thousand) reads
 * the database as before. Loaded from the database in pages, then kept current by the change
 * protocol: creating a key or account, or rotating a token, adds its digest on every instance
 * (runChange's `created` change). A "no" is only trusted after a load that started once the
 * instance was hearing changes: until then, and whenever changes may have been missed (the LISTEN
 * connection dropped), `mayExist` says "maybe" to everything and the database answers.
 */
export class ExistenceFilter {
  private bloom = createBloom(minimumCapacity);
  private capacity = minimumCapacity;
  /** The filter being loaded (while the current one keeps answering), and what it holds so far. */
  private next: { bloom: BloomFilter; entries: number } | null = null;
  private generation = 0;
  private loading = false;
  private retry: NodeJS.Timeout | null = null;
  private closed = false;
  readonly stats: ExistenceFilterStats = { trusted: false, entries: 0, rejections: 0 };

  constructor(
    private readonly source: DigestSource,
    private readonly onLoadError: (error: unknown) => void = () => {},
  ) {}

  /** False when the digest certainly belongs to no key or token (counted as a rejection). */
  mayExist(digest: string): boolean {
    if (!this.stats.trusted || this.bloom.has(digest)) return true;
    this.stats.rejections++;
    return false;
  }

  add(digest: string): void {
    this.bloom.add(digest);
    this.stats.entries++;
    if (this.next) {
      this.next.bloom.add(digest);
      this.next.entries++;
    }
    if (this.stats.entries > this.capacity && !this.loading) void this.load(false);
  }

  /** Changes may have been missed: say "maybe" to everything until `load` completes again. */
  distrust(): void {
    this.generation++;
    this.stats.trusted = false;
  }

  /**
   * Reads every key hash and account token, in pages, into a filter sized for twice their number,
   * and trusts it once done (unless distrusted meanwhile). `untrusting`: a reload after missed
   * changes; otherwise (growth) the current filter keeps answering until the new one is full.
   * A failed load is reported and retried in 5 s.
   */
  async load(untrusting = true): Promise<void> {
    if (this.closed) return;
    if (untrusting) this.distrust();
    const generation = this.generation;
    this.loading = true;
    try {
      const capacity = Math.max(minimumCapacity, 2 * (await this.source.count()));
      const next = { bloom: createBloom(capacity), entries: 0 };
      this.next = next;
      for await (const digest of this.source.digests()) {
        next.bloom.add(digest);
        next.entries++;
      }
      if (generation !== this.generation || this.closed) return;
      this.bloom = next.bloom;
      this.capacity = capacity;
      this.stats.entries = next.entries;
      this.stats.trusted = true;
    } catch (error) {
      this.onLoadError(error);
      if (!this.closed && generation === this.generation) {
        this.retry = setTimeout(() => void this.load(untrusting), 5_000);
        this.retry.unref();
      }
    } finally {
      if (generation === this.generation) {
        this.next = null;
        this.loading = false;
      }
    }
  }

  close(): void {
    this.closed = true;
    this.distrust();
    if (this.retry) clearTimeout(this.retry);
  }
}

/** Where a load reads the digests from, and roughly how many there are (to size the filter). */
export type DigestSource = { count(): Promise<number>; digests(): AsyncIterable<string> };

/**
 * Every key hash, then every account token's digest, from the database, `pageSize` rows per
 * statement (keyset pagination on the unique indexes: no giant result, no OFFSET).
 */
export function databaseDigests(prisma: PrismaClient, pageSize = 5_000): DigestSource {
  return {
    async count() {
      const [row] = await prisma.$queryRaw<{ n: number }[]>`
        SELECT ((SELECT count(*) FROM "ApiKey") + (SELECT count(*) FROM "CustomerAccount"))::int AS n`;
      return row?.n ?? 0;
    },
    async *digests() {
      for (let after = ""; ; ) {
        const rows = await prisma.$queryRaw<{ v: string }[]>`
          SELECT "hashedKey" AS v FROM "ApiKey" WHERE "hashedKey" > ${after} ORDER BY "hashedKey" LIMIT ${pageSize}`;
        for (const row of rows) yield row.v;
        if (rows.length < pageSize) break;
        after = rows.at(-1)?.v ?? after;
      }
      for (let after = ""; ; ) {
        const rows = await prisma.$queryRaw<{ v: string }[]>`
          SELECT token AS v FROM "CustomerAccount" WHERE token > ${after} ORDER BY token LIMIT ${pageSize}`;
        for (const row of rows) yield accountTokenDigest(row.v);
        if (rows.length < pageSize) break;
        after = rows.at(-1)?.v ?? after;
      }
    },
  };
}
