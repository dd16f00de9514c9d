import { describe, expect, it } from "vitest";
import { hostOfOrigin, isOriginAllowed } from "./origin.ts";

describe("isOriginAllowed", () => {
  const cases: [string[], string | null, boolean, string][] = [
    [[], null, true, "empty list: no origin is fine"],
    [[], "https://anything.test", true, "empty list: any origin"],
    [["example.com"], "https://example.com", true, "exact host"],
    [["example.com"], "http://example.com:8443", true, "scheme and port do not matter"],
    [["example.com"], "https://example.com/some/page?q=1#x", true, "a Referer URL counts by its host"],
    [["example.com"], "example.com", true, "a bare host"],
    [["example.com"], "https://EXAMPLE.com", true, "hosts are case-insensitive"],
    [["example.com"], "https://example.com.", true, "a trailing dot is the same DNS name"],
    [["example.com"], "https://www.example.com", false, "a plain host does not cover subdomains"],
    [["example.com"], "https://example.com.evil.com", false, "look-alike: suffix appended"],
    [["example.com"], "https://notexample.com", false, "look-alike: prefix glued on"],
    [["example.com"], "https://example.co", false, "look-alike: shorter TLD"],
    [["example.com"], "https://example.com@evil.com", false, "credentials trick: the host is evil.com"],
    [["example.com"], "https://evil.com/?https://example.com", false, "the host, not the query, counts"],
    [["example.com"], "null", false, "Origin: null (sandboxed document)"],
    [["example.com"], null, false, "no origin, and ? is not listed"],
    [["example.com"], "", false, "an empty origin is no origin"],
    [["example.com", "?"], null, true, "? allows requests without Origin/Referer"],
    [["example.com", "?"], "   ", true, "blank is no origin"],
    [["?"], "https://example.com", false, "? alone allows only requests without an origin"],
    [["*.example.com"], "https://app.example.com", true, "wildcard: one level"],
    [["*.example.com"], "https://a.b.example.com", true, "wildcard: any depth"],
    [["*.example.com"], "https://example.com", false, "wildcard: not the host itself"],
    [["*.example.com"], "https://app.example.com.evil.com", false, "wildcard look-alike: suffix appended"],
    [["*.example.com"], "https://appexample.com", false, "wildcard look-alike: no dot before the base"],
    [["*.example.com"], "https://notexample.com", false, "wildcard look-alike: prefix glued on"],
    [["*.example.com"], "https://.example.com", false, "an empty label is not a subdomain"],
    [["example.com", "*.example.com"], "https://example.com", true, "host and subdomains together"],
    [["xn--bcher-kva.example"], "https://bücher.example", true, "IDNs compare as punycode"],
    [["example.com"], "https://exa mple.com", false, "garbage is refused"],
  ];
  it.each(cases)("%j with %j -> %s (%s)", (allowed, origin, expected) => {
    expect(isOriginAllowed(allowed, origin)).toBe(expected);
  });
});

describe("hostOfOrigin", () => {
  it("takes the host of an origin, a URL or a bare host, and nothing of garbage", () => {
    expect(hostOfOrigin("https://App.Example.com:443")).toBe("app.example.com");
    expect(hostOfOrigin("app.example.com:8080/path")).toBe("app.example.com");
    expect(hostOfOrigin("null")).toBeNull();
    expect(hostOfOrigin("http://")).toBeNull();
  });
});
