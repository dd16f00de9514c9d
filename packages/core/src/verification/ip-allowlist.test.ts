import { describe, expect, it } from "vitest";
import { isIpAllowed, toIpRanges } from "./ip-allowlist.ts";

/** [allowlist entry, client address, allowed?] */
const table: [string, string, boolean][] = [
  ["10.0.0.1", "10.0.0.1", true],
  ["10.0.0.1", "10.0.0.2", false],
  ["10.0.0.0/8", "10.255.255.255", true],
  ["10.0.0.0/8", "11.0.0.0", false],
  ["10.0.0.0/8", "::ffff:10.1.2.3", true], // IPv4-mapped IPv6, as a dual-stack socket reports it
  ["10.0.0.0/8", "::ffff:a01:203", true], // the same address in hex
  ["::ffff:10.0.0.0/104", "10.9.9.9", true], // a mapped range is the IPv4 range
  ["0.0.0.0/0", "203.0.113.7", true],
  ["0.0.0.0/0", "2001:db8::1", false], // an IPv4 range never matches an IPv6 address
  ["2001:db8::/32", "2001:db8:ffff::1", true],
  ["2001:db8::/32", "2001:DB8::1", true],
  ["2001:db8::/32", "2001:db9::1", false],
  ["2001:db8::1", "2001:0db8:0000:0000:0000:0000:0000:0001", true],
  ["::/0", "::1", true],
  ["::/0", "127.0.0.1", false],
  ["::1", "::1", true],
  // Look-alikes: other parsers read these as 10.0.0.1 or 8.0.0.1; here they are not addresses at all.
  ["10.0.0.1", "010.0.0.1", false],
  ["10.0.0.1", "10.1", false],
  ["127.0.0.1", "0x7f.0.0.1", false],
  ["127.0.0.1", "2130706433", false],
  ["10.0.0.1", "10.0.0.1 ", false],
  ["10.0.0.1", " 10.0.0.1", false],
  ["10.0.0.1", "10.0.0.1/32", false],
  ["fe80::1", "fe80::1%eth0", false],
  ["10.0.0.1", "", false],
  ["10.0.0.1", "localhost", false],
];

describe("isIpAllowed", () => {
  it.each(table)("%s allows %j: %s", (entry, address, allowed) => {
    expect(isIpAllowed(toIpRanges([entry]), address)).toBe(allowed);
  });

  it("an empty list allows any address, even none; a list refuses a missing address", () => {
    expect(isIpAllowed([], null)).toBe(true);
    expect(isIpAllowed([], "not an address")).toBe(true);
    expect(isIpAllowed(toIpRanges(["10.0.0.0/8"]), null)).toBe(false);
    expect(isIpAllowed(toIpRanges(["10.0.0.0/8"]), undefined)).toBe(false);
  });

  it("matches any of several ranges", () => {
    const ranges = toIpRanges(["192.0.2.0/24", "2001:db8::/32"]);
    expect(isIpAllowed(ranges, "192.0.2.200")).toBe(true);
    expect(isIpAllowed(ranges, "2001:db8::7")).toBe(true);
    expect(isIpAllowed(ranges, "198.51.100.1")).toBe(false);
  });
});
