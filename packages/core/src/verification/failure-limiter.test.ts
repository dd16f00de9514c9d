import { describe, expect, it } from "vitest";
import { FailureLimiter, prefixFactor } from "./failure-limiter.ts";

const settings = { points: 3, windowSeconds: 60, refusalDelayMs: 0 };

/** Records `n` refusals, each from the next address of `addresses`; the last answer. */
async function refuse(limiter: FailureLimiter, addresses: string[], n: number): Promise<boolean> {
  let over = false;
  for (let i = 0; i < n; i++) over = await limiter.overLimit(addresses[i % addresses.length] as string);
  return over;
}

describe("FailureLimiter", () => {
  it("an IPv4 address is over its limit after `points` refusals; its neighbour is not", async () => {
    const limiter = new FailureLimiter(settings);
    expect(await refuse(limiter, ["192.0.2.1"], 3)).toBe(false);
    expect(limiter.isOverLimit("192.0.2.1")).toBe(false);
    expect(await refuse(limiter, ["192.0.2.1"], 1)).toBe(true);
    expect(limiter.isOverLimit("192.0.2.1")).toBe(true);
    expect(limiter.isOverLimit("192.0.2.2")).toBe(false);
  });

  it("an IPv6 address has its own limit; a neighbour in the same /64 is not put over it by one noisy address", async () => {
    const limiter = new FailureLimiter(settings);
    expect(await refuse(limiter, ["2001:db8:1:2::1", "2001:DB8:1:2:0:0:0:1"], 4)).toBe(true);
    expect(limiter.isOverLimit("2001:0db8:0001:0002::1")).toBe(true);
    expect(limiter.isOverLimit("2001:db8:1:2::2")).toBe(false);
  });

  it("a /64 as a whole gets 16 times an address's points: rotating addresses gets no fresh limit", async () => {
    const limiter = new FailureLimiter(settings);
    const rotating = Array.from({ length: 3 * prefixFactor + 1 }, (_, i) => `2001:db8:1:2::${(i + 1).toString(16)}`);
    // Each address refused once: no address is over its own limit, but the /64 is, after 49.
    expect(await refuse(limiter, rotating.slice(0, 3 * prefixFactor), 3 * prefixFactor)).toBe(false);
    expect(await refuse(limiter, rotating.slice(-1), 1)).toBe(true);
    expect(limiter.isOverLimit("2001:db8:1:2:dead:beef:0:1")).toBe(true);
    // The next /64 is someone else.
    expect(limiter.isOverLimit("2001:db8:1:3::1")).toBe(false);
  });

  it("a zone does not make a new address", async () => {
    const limiter = new FailureLimiter(settings);
    expect(await refuse(limiter, ["fe80::1%eth0", "fe80::1%eth1", "fe80::1"], 4)).toBe(true);
    expect(limiter.isOverLimit("fe80::1%any")).toBe(true);
  });

  it("an IPv4-mapped IPv6 address counts as its IPv4 address", async () => {
    const limiter = new FailureLimiter(settings);
    expect(await refuse(limiter, ["::ffff:198.51.100.5", "198.51.100.5"], 4)).toBe(true);
    expect(limiter.isOverLimit("198.51.100.5")).toBe(true);
    expect(limiter.isOverLimit("::ffff:198.51.100.6")).toBe(false);
  });

  it("text that is not an address is counted as it is", async () => {
    const limiter = new FailureLimiter(settings);
    expect(await refuse(limiter, ["not:an:address"], 4)).toBe(true);
    expect(limiter.isOverLimit("not:an:address")).toBe(true);
    expect(limiter.isOverLimit("not:an:other")).toBe(false);
  });
});
