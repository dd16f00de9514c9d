import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import { parseIpAddress } from "./ip-allowlist.ts";

/** Past this many blocked addresses, expired ones are swept before another is added. */
const maxBlocked = 10_000;
/** IPv6 addresses whose counted form is remembered. */
const maxPrefixes = 10_000;

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

/** An IPv6 /64 may see this many times an address's refusals before all of it is over the limit. */
export const prefixFactor = 16;

/** Who a refusal counts against: the address, and for IPv6 also its /64. */
type Counted = { address: string; prefix: string | null };

/**
 * Keeps verification from being a brute-force oracle: each refused verification costs the client
 * address a point; once an address has none left, its refusals all read RATE_LIMITED (so probing
 * scopes, accounts or resources with a stolen key stops telling anything). Valid answers never cost a
 * point and are never replaced, so legitimate traffic from a busy address is not slowed or refused.
 * In memory per instance: a limit is a brake, not an accounting record.
 *
 * IPv6 clients count twice: per address, and per /64 with `prefixFactor` times the points, so one
 * attacker cannot get a fresh limit from each of its 2⁶⁴ addresses, while neighbours sharing a /64
 * (a hosting provider's /128s, a NAT64) are not put over the limit by a single noisy one. An
 * IPv4-mapped IPv6 address counts as its IPv4 address; a zone (`%eth0`) is ignored.
 * An address over its limit is known before its next lookup (`isOverLimit`, plain map reads), so
 * that Verification answers it from memory only: a flood from one address cannot reach the database.
 */
export class FailureLimiter {
  private readonly perAddress: RateLimiterMemory;
  private readonly perPrefix: RateLimiterMemory;
  /** Addresses and /64 prefixes over their limit, and until when (ms since the epoch). */
  private readonly blockedUntil = new Map<string, number>();
  /** IPv6 addresses as counted, remembered (cleared when full: recomputing one costs a parse). */
  private readonly ipv6 = new Map<string, Counted>();

  constructor(settings: FailureLimitSettings) {
    const duration = settings.windowSeconds;
    this.perAddress = new RateLimiterMemory({ points: settings.points, duration });
    this.perPrefix = new RateLimiterMemory({ points: settings.points * prefixFactor, duration });
  }

  /** Records a refusal for the address; true when the address (or its /64) is over its limit. */
  async overLimit(clientAddress: string): Promise<boolean> {
    const { address, prefix } = this.counted(clientAddress);
    const over = await this.consume(this.perAddress, address);
    const prefixOver = prefix !== null && (await this.consume(this.perPrefix, prefix));
    return over || prefixOver;
  }

  /** True while the address or its /64 is over its limit (no point is taken: a read, not a refusal). */
  isOverLimit(clientAddress: string): boolean {
    if (this.blockedUntil.size === 0) return false;
    // IPv4, the common case, without building a Counted (this runs on every verification).
    if (!clientAddress.includes(":")) return this.blocked(clientAddress);
    const { address, prefix } = this.counted(clientAddress);
    return this.blocked(address) || (prefix !== null && this.blocked(prefix));
  }

  private counted(clientAddress: string): Counted {
    if (!clientAddress.includes(":")) return { address: clientAddress, prefix: null };
    let counted = this.ipv6.get(clientAddress);
    if (counted === undefined) {
      const ip = parseIpAddress(clientAddress.split("%")[0] as string);
      if (ip === null) counted = { address: clientAddress, prefix: null };
      else if (ip.kind() === "ipv4") counted = { address: ip.toString(), prefix: null };
      else {
        const groups = ip.toNormalizedString().split(":");
        counted = { address: groups.join(":"), prefix: `${groups.slice(0, 4).join(":")}::/64` };
      }
      if (this.ipv6.size >= maxPrefixes) this.ipv6.clear();
      this.ipv6.set(clientAddress, counted);
    }
    return counted;
  }

  /** Takes a point for `key`; true (and remembered) when it had none left. */
  private async consume(limiter: RateLimiterMemory, key: string): Promise<boolean> {
    try {
      await limiter.consume(key);
      return false;
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error;
      if (this.blockedUntil.size >= maxBlocked) this.forgetExpired();
      this.blockedUntil.set(key, Date.now() + error.msBeforeNext);
      return true;
    }
  }

  private blocked(key: string): boolean {
    const until = this.blockedUntil.get(key);
    if (until === undefined) return false;
    if (until > Date.now()) return true;
    this.blockedUntil.delete(key);
    return false;
  }

  private forgetExpired(): void {
    const now = Date.now();
    for (const [key, until] of this.blockedUntil) if (until <= now) this.blockedUntil.delete(key);
  }
}
