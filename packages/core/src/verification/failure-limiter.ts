import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";

/** Past this many blocked addresses, expired ones are swept before another is added. */
const maxBlocked = 10_000;

export type FailureLimitSettings = {
  /** Refused verifications an address may see per window before it gets RATE_LIMITED instead. */
  points: number;
  /** The window, in seconds. */
  windowSeconds: number;
  /**
   * How long an address over its limit waits for each refusal (0: not at all). A flood that waits
   * for its answers (a fixed number of connections) then sends connections ÷ delay requests a
   * second, and the CPU it would have cost goes to valid traffic. Valid answers never wait.
   */
  refusalDelayMs: number;
};

/**
 * Keeps verification from being a brute-force oracle: each refused verification costs the client
 * address a point; once an address has none left, its refusals all read RATE_LIMITED (so probing
 * scopes, accounts or resources with a stolen key stops telling anything). Valid answers never cost a
 * point and are never replaced, so legitimate traffic from a busy address is not slowed or refused.
 * In memory per instance: a limit is a brake, not an accounting record.
 * An address over its limit is known before its next lookup (`isOverLimit`, a plain map read), so
 * that Verification answers it from memory only: a flood from one address cannot reach the database.
 */
export class FailureLimiter {
  private readonly limiter: RateLimiterMemory;
  /** Addresses over their limit, and until when (ms since the epoch). */
  private readonly blockedUntil = new Map<string, number>();

  constructor(settings: FailureLimitSettings) {
    this.limiter = new RateLimiterMemory({ points: settings.points, duration: settings.windowSeconds });
  }

  /** Records a refusal for the address; true when the address is over its limit. */
  async overLimit(address: string): Promise<boolean> {
    try {
      await this.limiter.consume(address);
      return false;
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error;
      if (this.blockedUntil.size >= maxBlocked) this.forgetExpired();
      this.blockedUntil.set(address, Date.now() + error.msBeforeNext);
      return true;
    }
  }

  /** True while the address is over its limit (no point is taken: a read, not a refusal). */
  isOverLimit(address: string): boolean {
    const until = this.blockedUntil.get(address);
    if (until === undefined) return false;
    if (until > Date.now()) return true;
    this.blockedUntil.delete(address);
    return false;
  }

  private forgetExpired(): void {
    const now = Date.now();
    for (const [address, until] of this.blockedUntil) if (until <= now) this.blockedUntil.delete(address);
  }
}
