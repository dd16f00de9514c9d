import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import { parseIpAddress } from "./ip-allowlist.ts";

/** Past this many blocked addresses, expired ones are swept before another is added. */
const maxBlocked = 10_000;
/** IPv6 addresses whose /64 is remembered (cleared when full: recomputing one costs a parse). */
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

/**
 * Keeps verification from being a brute-force oracle: each refused verification costs the client
 * address a point; once an address has none left, its refusals all read RATE_LIMITED (so probing
 * scopes, accounts or resources with a stolen key stops telling anything). Valid answers never cost a
 * point and are never replaced, so legitimate traffic from a busy address is not slowed or refused.
 * In memory per instance: a limit is a brake, not an accounting record. IPv6 clients count per /64.
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

  private readonly prefixes = new Map<string, string>();

  /**
   * Who a refusal is counted against: an IPv4 address itself; an IPv6 address by its /64, the block a
   * single host or home is given, so one attacker cannot get a fresh limit from each of its 2⁶⁴
   * addresses (an IPv4-mapped IPv6 address counts as its IPv4 address).
   */
  private counted(address: string): string {
    if (!address.includes(":")) return address;
    let prefix = this.prefixes.get(address);
    if (prefix === undefined) {
      const ip = parseIpAddress(address);
      prefix =
        ip?.kind() === "ipv6"
          ? `${ip.toNormalizedString().split(":").slice(0, 4).join(":")}::/64`
          : String(ip ?? address);
      if (this.prefixes.size >= maxPrefixes) this.prefixes.clear();
      this.prefixes.set(address, prefix);
    }
    return prefix;
  }

  /** Records a refusal for the address; true when the address is over its limit. */
  async overLimit(clientAddress: string): Promise<boolean> {
    const address = this.counted(clientAddress);
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
  isOverLimit(clientAddress: string): boolean {
    if (this.blockedUntil.size === 0) return false;
    const address = this.counted(clientAddress);
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
