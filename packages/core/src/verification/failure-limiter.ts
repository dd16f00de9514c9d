import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";

export type FailureLimitSettings = {
  /** Refused verifications an address may see per window before it gets RATE_LIMITED instead. */
  points: number;
  /** The window, in seconds. */
  windowSeconds: number;
};

/**
 * Keeps verification from being a brute-force oracle: each refused verification costs the client
 * address a point; once an address has none left, its refusals all read RATE_LIMITED (so probing
 * scopes, accounts or resources with a stolen key stops telling anything). Valid answers never cost a
 * point and are never replaced, so legitimate traffic from a busy address is not slowed or refused.
 * In memory per instance: a limit is a brake, not an accounting record.
 */
export class FailureLimiter {
  private readonly limiter: RateLimiterMemory;

  constructor(settings: FailureLimitSettings) {
    this.limiter = new RateLimiterMemory({ points: settings.points, duration: settings.windowSeconds });
  }

  /** Records a refusal for the address; true when the address is over its limit. */
  async overLimit(address: string): Promise<boolean> {
    try {
      await this.limiter.consume(address);
      return false;
    } catch (error) {
      if (error instanceof RateLimiterRes) return true;
      throw error;
    }
  }
}
