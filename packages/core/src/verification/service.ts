import type { PrismaClient } from "@tessera/db";
import { Redis } from "ioredis";
import { hashApiKey, isWellFormedApiKey } from "../api-key-secret.ts";
import type { Clock } from "../clock.ts";
import { mayBeAccountToken } from "../customer-accounts/account-token.ts";
import { CachedLookup, CacheGate, type CacheSettings, type CacheStats } from "./cached-lookup.ts";
import { onVerificationChange, type VerificationChange } from "./changes.ts";
import type { VerifyCode } from "./codes.ts";
import { CreditStore } from "./credits.ts";
import type { AccountEntry, KeyEntry, ResourceChain } from "./entry.ts";
import { accountTokenDigest, databaseDigests, ExistenceFilter, type ExistenceFilterStats } from "./existence-filter.ts";
import { FailureLimiter, type FailureLimitSettings } from "./failure-limiter.ts";
import { loadAccountEntry, loadKeyEntry, loadResourceChain } from "./loaders.ts";
import { RateLimits } from "./rate-limits.ts";
import { type KeyStateCode, keyStateCode } from "./rules.ts";
import { UsageRecorder } from "./usage.ts";
import {
  type Lookup,
  refusal,
  type VerifyApiKeyInput,
  type VerifyApiKeyResult,
  type VerifyDeps,
  type VerifyOutcome,
  verifyApiKey,
} from "./verify.ts";

export type VerificationSettings = {
  cache: CacheSettings;
  failureLimit: FailureLimitSettings;
  /** How often counted usage is written, in milliseconds. */
  usageFlushMs: number;
  /** Where named rate limits count: each instance's memory, or one Redis for all (REDIS_URL). */
  rateLimitStore: { kind: "memory" } | { kind: "redis"; url: string };
};

export const defaultVerificationSettings: VerificationSettings = {
  cache: { maxEntries: 100_000, freshnessMs: 30_000, negativeMs: 5_000 },
  failureLimit: { points: 100, windowSeconds: 60, refusalDelayMs: 250 },
  usageFlushMs: 5_000,
  rateLimitStore: { kind: "memory" },
};

/** Called after every verification, for metrics: the code and how long it took, in seconds. */
export type VerificationObserver = (code: VerifyCode, seconds: number) => void;

/** What a Verification works with, given once at construction. */
export type VerificationOptions = {
  prisma: PrismaClient;
  clock: Clock;
  settings?: VerificationSettings;
  /** Told about every answer (metrics); by default nobody is. */
  observer?: VerificationObserver;
  /** Told about a failed periodic usage flush (it is retried at the next one); by default nobody is. */
  onFlushError?: (error: unknown) => void;
  /** Told about a failed load of the existence filter (retried in 5 s); by default nobody is. */
  onFilterLoadError?: (error: unknown) => void;
  /** Told when the Redis rate-limit store becomes unreachable (true) or answers again (false), once each time. */
  onRateLimitStoreDegraded?: (degraded: boolean, error?: unknown) => void;
  /** Told about a failed `api_key.credits_exhausted` event write. */
  onCreditsError?: (error: unknown) => void;
};

/** A read-only snapshot for metrics, taken when asked (the hot path only bumps plain numbers). */
export type VerificationStats = CacheStats & {
  /** Entries held by the key cache. */
  keyEntries: number;
  /** True while the caches are bypassed (cross-instance invalidation not assured). */
  bypassed: boolean;
  /** How long the oldest counted usage has waited to be written (0: nothing waits). */
  usageFlushLagSeconds: number;
  /** The existence filter: trusted or not, its entries, and the database reads it saved. */
  filter: ExistenceFilterStats;
  /** Answers decided by the memory insurance limiter because Redis was unreachable. */
  degradedAnswers: number;
  /** True while the Redis rate-limit store is unreachable. */
  rateLimitStoreDegraded: boolean;
  /** Refusals held back because their address was over its failure limit. */
  heldRefusals: number;
};

/** Refusals held back at once, at most (see `Verification.held`). */
const maxHeld = 10_000;

/** Thrown by a memory-only lookup that would need the database (see `Verification.verify`). */
class NeedsDatabase extends Error {}

/**
 * The lookup as an address over its limit gets it: what memory knows, and a database read only when
 * `mayRead` (the existence filter is trusted and says the key or token may exist: a real one, or one
 * made-up in a thousand), so a service behind the same address as an attacker still gets its valid
 * key verified once its cache entry has expired.
 */
function memoryFirst<V>(lookup: CachedLookup<V>, mayRead: () => boolean): Lookup<V> {
  return {
    peek: (lookupKey) => lookup.peek(lookupKey),
    get(lookupKey) {
      const known = lookup.peek(lookupKey);
      if (known !== undefined) return Promise.resolve(known);
      return mayRead() ? lookup.get(lookupKey) : Promise.reject(new NeedsDatabase());
    },
  };
}

/**
 * A refusal that may be probing (counted by the failure limiter, hidden behind RATE_LIMITED once an
 * address is over it). A key's own exhausted limit or credits is not: the key passed every check.
 */
function isProbe(result: VerifyApiKeyResult): boolean {
  return !result.valid && result.code !== "USAGE_EXCEEDED" && !result.ratelimit;
}

/** The outcome of authenticating a Bearer key: the key, or why it is refused. */
export type KeyAuthentication = { entry: KeyEntry } | { code: KeyStateCode };

/**
 * One per server process: the caches in front of the database, the usage counter and the failure
 * limiter, shared by both verification doors and by Bearer authentication, so that all three see an
 * invalidation at the same moment.
 */
export class Verification {
  /** Read by tests that count database reads; metrics read `stats()`. */
  readonly gate = new CacheGate();
  private readonly keys: CachedLookup<KeyEntry>;
  private readonly accounts: CachedLookup<AccountEntry>;
  private readonly resources: CachedLookup<ResourceChain>;
  readonly usage: UsageRecorder;
  private readonly limiter: FailureLimiter;
  readonly filter: ExistenceFilter;
  private readonly deps: VerifyDeps;
  /** The same lookups, answering from the caches and the filter first (addresses over their limit). */
  private readonly memoryDeps: VerifyDeps;
  private readonly unsubscribe: () => void;
  private readonly timer: NodeJS.Timeout;
  private readonly clock: Clock;
  private readonly observer: VerificationObserver;
  private readonly traffic: VerifyDeps["traffic"];
  private readonly redis: Redis | null;
  private degradedAnswers = 0;
  private storeDegraded = false;
  private heldRefusals = 0;
  private readonly refusalDelayMs: number;
  /** The wait every held refusal shares until it ends (one timer, however many refusals wait). */
  private hold: Promise<void> | null = null;
  /** Refusals waiting for `hold` now. */
  private holding = 0;

  constructor(options: VerificationOptions) {
    const { prisma, clock, settings = defaultVerificationSettings, onFlushError = () => {} } = options;
    this.clock = clock;
    this.observer = options.observer ?? (() => {});
    const filter = new ExistenceFilter(databaseDigests(prisma), options.onFilterLoadError);
    this.filter = filter;
    this.keys = new CachedLookup(
      this.gate,
      settings.cache,
      (hash) => loadKeyEntry(prisma, hash),
      (e) => e.keyId,
      (hash) => filter.mayExist(hash),
    );
    this.accounts = new CachedLookup(
      this.gate,
      settings.cache,
      (token) => loadAccountEntry(prisma, token),
      (a) => a.accountId,
      (token) => mayBeAccountToken(token) && filter.mayExist(accountTokenDigest(token)),
    );
    this.resources = new CachedLookup(
      this.gate,
      settings.cache,
      (id) => loadResourceChain(prisma, id),
      (r) => r.ids[0] ?? "",
    );
    this.usage = new UsageRecorder(prisma, clock);
    this.limiter = new FailureLimiter(settings.failureLimit);
    this.refusalDelayMs = settings.failureLimit.refusalDelayMs;
    this.redis =
      settings.rateLimitStore.kind === "redis" ? this.connectRedis(settings.rateLimitStore.url, options) : null;
    const traffic = {
      limits: new RateLimits(this.redis ? { kind: "redis", client: this.redis } : { kind: "memory" }),
      credits: new CreditStore(prisma, options.onCreditsError),
    };
    this.traffic = traffic;
    this.deps = { keys: this.keys, accounts: this.accounts, resources: this.resources, clock, traffic };
    const filterTrusted = () => filter.stats.trusted;
    this.memoryDeps = {
      keys: memoryFirst(this.keys, filterTrusted),
      accounts: memoryFirst(this.accounts, filterTrusted),
      resources: memoryFirst(this.resources, () => false),
      clock,
      traffic,
    };
    this.unsubscribe = onVerificationChange(prisma, (change) => this.apply(change));
    this.timer = setInterval(() => this.usage.flush().catch(onFlushError), settings.usageFlushMs);
    this.timer.unref();
  }

  /**
   * Fills the existence filter from the database and trusts it once loaded. Called at start by a
   * single instance; with a LISTEN connection, `setBypass(false)` does it once listening.
   */
  loadFilter(): Promise<void> {
    return this.filter.load();
  }

  /**
   * Verifies a key for a service. `clientAddress` is the caller's address (the service's, not its
   * user's): refusals count against it, see FailureLimiter. An address over its limit is answered
   * before any lookup from what memory knows (the caches, the existence filter); the database is read
   * for it only for a key or token the trusted filter says may exist (see memoryFirst), never for a
   * made-up one, and never while the filter is not trusted. A valid answer stays VALID; a refusal,
   * or anything else only the database could tell, is RATE_LIMITED.
   */
  verify(input: VerifyApiKeyInput, clientAddress: string | null): VerifyApiKeyResult | Promise<VerifyApiKeyResult> {
    const started = performance.now();
    if (clientAddress !== null && this.limiter.isOverLimit(clientAddress)) {
      return this.fromMemory(input).then(({ answer, keyId }) => this.answered(answer, keyId, started));
    }
    const outcome = verifyApiKey(input, this.deps);
    if (outcome instanceof Promise) return outcome.then((o) => this.settle(o, clientAddress, started));
    return this.settle(outcome, clientAddress, started);
  }

  /** A refusal that may be probing counts against the address, and reads RATE_LIMITED once it is over. */
  private settle(
    { result, keyId }: VerifyOutcome,
    clientAddress: string | null,
    started: number,
  ): VerifyApiKeyResult | Promise<VerifyApiKeyResult> {
    if (isProbe(result) && clientAddress !== null) {
      return this.limiter
        .overLimit(clientAddress)
        .then((over) => this.answered(over ? refusal.RATE_LIMITED : result, keyId, started));
    }
    return this.answered(result, keyId, started);
  }

  /** Counts the answer (usage, metrics) and holds the failure limiter's own refusal back (see held()). */
  private answered(
    answer: VerifyApiKeyResult,
    keyId: string | null,
    started: number,
  ): VerifyApiKeyResult | Promise<VerifyApiKeyResult> {
    if (answer.degraded) this.degradedAnswers++;
    if (keyId) this.usage.count(keyId, answer.code, this.clock.now());
    this.observer(answer.code, (performance.now() - started) / 1000);
    // The failure limiter's own answer (never a key's limit, which names it).
    if (answer === refusal.RATE_LIMITED && this.refusalDelayMs > 0) {
      const hold = this.held();
      if (hold) return hold.then(() => answer);
    }
    return answer;
  }

  /**
   * Ends after at most `refusalDelayMs`: refusals to an address over its failure limit wait for it
   * (a tarpit). All refusals waiting at one time share one timer and one promise, so holding costs
   * nothing per refusal but the wait (between none and the whole delay, by when each arrived); a
   * flood that waits for its answers slows to its connection count per delay. At most `maxHeld` wait
   * at once (each holds its request): beyond, refusals are answered at once, from memory as before.
   */
  private held(): Promise<void> | undefined {
    // A flood that does not wait for its answers could pile up held requests: past a bound, answer.
    if (this.holding >= maxHeld) return undefined;
    this.holding++;
    this.heldRefusals++;
    if (this.hold === null) {
      this.hold = new Promise((resolve) => {
        setTimeout(() => {
          this.hold = null;
          this.holding = 0;
          resolve();
        }, this.refusalDelayMs).unref();
      });
    }
    return this.hold;
  }

  private async fromMemory(input: VerifyApiKeyInput): Promise<{ answer: VerifyApiKeyResult; keyId: string | null }> {
    try {
      const { result, keyId } = await verifyApiKey(input, this.memoryDeps);
      return { answer: isProbe(result) ? refusal.RATE_LIMITED : result, keyId };
    } catch (error) {
      if (error instanceof NeedsDatabase) return { answer: refusal.RATE_LIMITED, keyId: null };
      throw error;
    }
  }

  /** Bearer authentication of management calls: the same lookup and cache as verification. */
  async authenticateKey(secret: string): Promise<KeyAuthentication> {
    if (!isWellFormedApiKey(secret)) return { code: "NOT_FOUND" };
    const entry = await this.keys.get(hashApiKey(secret));
    const code = keyStateCode(entry, this.clock.now());
    if (code || !entry) return { code: code ?? "NOT_FOUND" };
    this.usage.used(entry.keyId, this.clock.now());
    return { entry };
  }

  /** A snapshot for metrics, read at scrape time. */
  stats(): VerificationStats {
    return {
      ...this.gate.stats,
      keyEntries: this.keys.size,
      bypassed: this.gate.bypass,
      usageFlushLagSeconds: this.usage.lagSeconds(),
      filter: { ...this.filter.stats },
      degradedAnswers: this.degradedAnswers,
      rateLimitStoreDegraded: this.storeDegraded,
      heldRefusals: this.heldRefusals,
    };
  }

  /**
   * Why each change drops what it drops: a key's row holds its state and every restriction, so any
   * key change (revoke, edit, renew, delete) drops that key's entry; an account change (token
   * rotated, status changed) drops the account's token entry; a resource change (created, moved,
   * deleted) can change the group chain of any resource below it, so every chain goes; an
   * organization change (scope catalogue, API versions) drops every key entry of that organization.
   */
  apply(change: VerificationChange): void {
    if (change.kind === "key") {
      this.keys.invalidateId(change.id);
      this.traffic.credits.forget(change.id);
    } else if (change.kind === "account") this.accounts.invalidateId(change.id);
    else if (change.kind === "organization") this.keys.invalidateWhere((entry) => entry.organizationId === change.id);
    else if (change.kind === "created") this.filter.add(change.digest);
    else this.resources.clear();
  }

  /** Forgets everything (the LISTEN connection dropped: changes may have been missed). */
  flushCaches(): void {
    this.keys.clear();
    this.accounts.clear();
    this.resources.clear();
  }

  /**
   * While cross-instance invalidation is not assured, answer from the database only. Turning the
   * bypass on flushes everything and distrusts the existence filter (a key created elsewhere may
   * have been missed); turning it off starts from empty caches and reloads the filter, trusted again
   * once loaded (changes announced meanwhile are heard, since LISTEN is in place).
   */
  setBypass(bypass: boolean): void {
    this.gate.bypass = bypass;
    this.flushCaches();
    if (bypass) this.filter.distrust();
    else void this.filter.load();
  }

  /** Stops the flush timer and writes the remaining usage (clean shutdown). */
  async close(): Promise<void> {
    clearInterval(this.timer);
    this.unsubscribe();
    this.filter.close();
    if (this.redis) {
      this.redis.removeAllListeners();
      this.redis.on("error", () => {});
      this.redis.disconnect();
    }
    await this.usage.flush();
  }

  /**
   * The Redis client for shared rate limits. No offline queue: while Redis is unreachable a command
   * fails at once and the memory insurance limiter answers, so verification never waits on a dead
   * socket; it reconnects by itself, and then the shared counters decide again.
   */
  private connectRedis(url: string, options: VerificationOptions): Redis {
    const redis = new Redis(url, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectTimeout: 2_000,
      retryStrategy: (attempt) => Math.min(attempt * 100, 1_000),
    });
    const report = options.onRateLimitStoreDegraded ?? (() => {});
    const degraded = (error?: unknown) => {
      if (this.storeDegraded) return;
      this.storeDegraded = true;
      report(true, error);
    };
    redis.on("error", degraded);
    redis.on("close", () => degraded());
    redis.on("ready", () => {
      if (!this.storeDegraded) return;
      this.storeDegraded = false;
      report(false);
    });
    return redis;
  }
}
