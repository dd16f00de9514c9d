import { describe, expect, it } from "vitest";
import { BlockedAddressError, isPublicAddress } from "../../src/notifications/ssrf.ts";

describe("the webhook address guard", () => {
  it.each([
    "127.0.0.1",
    "10.1.2.3",
    "172.16.0.1",
    "192.168.1.1",
    "169.254.169.254",
    "0.0.0.0",
    "::1",
    "fe80::1",
    "fc00::1",
    "::ffff:10.0.0.1",
    // IPv4-compatible IPv6 embedding loopback and a private address
    "::7f00:1",
    "::a00:1",
  ])("refuses %s", (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });

  it.each(["93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946"])("allows the public address %s", (address) => {
    expect(isPublicAddress(address)).toBe(true);
  });

  it("names the host but not the internal address it resolved to", () => {
    const error = new BlockedAddressError("db.internal", "10.0.0.5");
    expect(error.message).toContain("db.internal");
    expect(error.message).not.toContain("10.0.0.5");
  });
});
