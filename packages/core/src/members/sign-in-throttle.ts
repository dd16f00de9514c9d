import type { PrismaClient } from "@tessera/db";
import { RateLimiterPrisma, RateLimiterRes } from "rate-limiter-flexible";
import { DomainError } from "../errors.ts";
import { sha256 } from "../secrets.ts";

/** Too many sign-in attempts: the same answer whether or not the account exists or the password was right. */
export class SignInThrottledError extends DomainError {
  readonly code = "THROTTLED";
  constructor(readonly retryAfter: Date) {
    const minutes = Math.max(1, Math.ceil((retryAfter.getTime() - Date.now()) / 60_000));
    super(`Too many sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`);
    this.name = "SignInThrottledError";
  }
}

export type SignInThrottleOptions = {
  /** Attempts one address may make on one account per window before that pair is locked (5). */
  accountAddressAttempts: number;
  /** The window, and the first lock of an account+address pair; each further lock within a day doubles (900 s). */
  windowSeconds: number;
  /** The longest lock of one account+address pair (1 day). */
  maxLockSeconds: number;
  /** Attempts one address may make on all accounts per window (100): stops spraying many accounts. */
  addressAttempts: number;
  /** Attempts on one account from all addresses per window (50): the ceiling for a distributed attack. */
  accountAttempts: number;
};

export const defaultSignInThrottle: SignInThrottleOptions = {
  accountAddressAttempts: 5,
  windowSeconds: 15 * 60,
  maxLockSeconds: 24 * 60 * 60,
  addressAttempts: 100,
  accountAttempts: 50,
};

/** What the throttle decided about one attempt. */
export type ThrottleDecision =
  | { allowed: true }
  | {
      allowed: false;
      retryAfter: Date;
      /** True for the attempt that crossed a limit: the one worth an audit event (later ones are only logged). */
      firstRefusal: boolean;
    };

/**
 * Sign-in throttling with rate-limiter-flexible's Prisma store, so one code path serves the embedded
 * database (which has no `pg` pool for RateLimiterPostgres) and PostgreSQL, where every instance
 * shares the counters. Three limits, each counting attempts before the password is checked (so
 * parallel guesses cannot slip past a check-then-count race):
 *
 * - account + address: the lockout. An attacker locks only their own address out of the account, so
 *   they cannot deny the real member access from elsewhere; each repeated lock doubles.
 * - address: one address spraying many accounts.
 * - account, from every address: a ceiling for a distributed guesser. It is the one limit an attacker
 *   could use to lock a member out, so it is high and short (one window, never growing).
 *
 * A successful sign-in clears the account+address counter and gives back its point on the others.
 * Keys hash the email and the address, so the table holds neither in clear.
 */
export class SignInThrottle {
  readonly options: SignInThrottleOptions;
  private readonly pair: RateLimiterPrisma;
  private readonly pairLocks: RateLimiterPrisma;
  private readonly address: RateLimiterPrisma;
  private readonly account: RateLimiterPrisma;

  /** `namespace` keeps another throttle's counters apart in the same table (password resets: "reset:"). */
  constructor(prisma: PrismaClient, options: Partial<SignInThrottleOptions> = {}, namespace = "") {
    this.options = { ...defaultSignInThrottle, ...options };
    const o = this.options;
    const store = { storeClient: prisma, tableName: "signInThrottle" };
    const prefix = (name: string) => `${namespace}${name}`;
    this.pair = new RateLimiterPrisma({
      ...store,
      keyPrefix: prefix("pair"),
      points: o.accountAddressAttempts,
      duration: o.windowSeconds,
    });
    this.pairLocks = new RateLimiterPrisma({
      ...store,
      keyPrefix: prefix("locks"),
      points: 1_000_000,
      duration: 24 * 60 * 60,
    });
    this.address = new RateLimiterPrisma({
      ...store,
      keyPrefix: prefix("addr"),
      points: o.addressAttempts,
      duration: o.windowSeconds,
      blockDuration: o.windowSeconds,
    });
    this.account = new RateLimiterPrisma({
      ...store,
      keyPrefix: prefix("acct"),
      points: o.accountAttempts,
      duration: o.windowSeconds,
      blockDuration: o.windowSeconds,
    });
  }

  /** Counts one attempt on `email` from `address`, before its password is checked. */
  async attempt(email: string, address: string | null): Promise<ThrottleDecision> {
    const keys = throttleKeys(email, address);
    const pair = await outcome(this.pair.consume(keys.pair), this.pair.points);
    // Attempts from an address already locked out of this account are refused without counting
    // against the account's ceiling: otherwise one address could keep guessing past its own lock
    // until the account was locked for everyone, the member included.
    const pairAlreadyLocked = pair.waitMs > 0 && !pair.firstRefusal;
    const [addr, acct] = await Promise.all([
      outcome(this.address.consume(keys.address), this.address.points),
      pairAlreadyLocked ? notCounted : outcome(this.account.consume(keys.account), this.account.points),
    ]);
    let waitMs = Math.max(addr.waitMs, acct.waitMs);
    if (pair.firstRefusal) {
      // The pair just crossed its limit: lock it, twice as long as its previous lock that day.
      const locks = (await this.pairLocks.consume(keys.pair)).consumedPoints;
      const seconds = Math.min(this.options.windowSeconds * 2 ** (locks - 1), this.options.maxLockSeconds);
      await this.pair.block(keys.pair, seconds);
      waitMs = Math.max(waitMs, seconds * 1000);
    } else {
      waitMs = Math.max(waitMs, pair.waitMs);
    }
    if (waitMs === 0) return { allowed: true };
    return {
      allowed: false,
      retryAfter: new Date(Date.now() + waitMs),
      firstRefusal: pair.firstRefusal || addr.firstRefusal || acct.firstRefusal,
    };
  }

  /** A correct password: the pair starts over, and the attempt no longer counts against the others. */
  async succeeded(email: string, address: string | null): Promise<void> {
    const keys = throttleKeys(email, address);
    await Promise.all([
      this.pair.delete(keys.pair),
      this.address.reward(keys.address, 1),
      this.account.reward(keys.account, 1),
    ]);
  }
}

function throttleKeys(email: string, address: string | null) {
  const account = sha256(`account:${email}`).slice(0, 32);
  const addr = sha256(`address:${address ?? "unknown"}`).slice(0, 32);
  return { account, address: addr, pair: `${account}:${addr}` };
}

/** Turns a consume() into how long to wait (0: allowed); store failures are real errors and propagate. */
const notCounted = { waitMs: 0, firstRefusal: false };

async function outcome(consumed: Promise<RateLimiterRes>, points: number) {
  try {
    await consumed;
    return { waitMs: 0, firstRefusal: false };
  } catch (error) {
    if (!(error instanceof RateLimiterRes)) throw error;
    return { waitMs: Math.max(error.msBeforeNext, 1000), firstRefusal: error.consumedPoints === points + 1 };
  }
}
