import ipaddr from "ipaddr.js";

/** One allowlist entry, parsed once (when a key is loaded): an address is a range of full length. */
export type IpRange = { kind: "ipv4" | "ipv6"; network: ipaddr.IPv4 | ipaddr.IPv6; bits: number };

/**
 * Parses a client address strictly: IPv4 only in four-part decimal (no `010.0.0.1`, `10.1` or
 * `0x7f.0.0.1`, which other parsers read as different addresses), IPv6 without a zone. An IPv4-mapped
 * IPv6 address (`::ffff:10.0.0.1`, what a dual-stack socket reports) reads as the IPv4 address.
 * Null when the text is not an address.
 */
export function parseIpAddress(text: string): ipaddr.IPv4 | ipaddr.IPv6 | null {
  if (ipaddr.IPv4.isValidFourPartDecimal(text)) return ipaddr.IPv4.parse(text);
  if (!text.includes(":") || text.includes("%") || !ipaddr.IPv6.isValid(text)) return null;
  const address = ipaddr.IPv6.parse(text);
  return address.isIPv4MappedAddress() ? address.toIPv4Address() : address;
}

/**
 * An allowlist entry (`10.0.0.1`, `10.0.0.0/8`, `2001:db8::/32`, `::ffff:10.0.0.0/104`) as a range,
 * or a message saying what is wrong with it. The network address is taken from the prefix, so
 * `10.1.2.3/8` is the range `10.0.0.0/8`; a mapped IPv6 range becomes the IPv4 range it covers.
 */
export function parseIpRange(entry: string): IpRange | string {
  if (/\s/.test(entry)) return `"${entry}" contains a space: list one address or range per entry.`;
  const [addressText = "", prefixText, extra] = entry.split("/");
  if (extra !== undefined) return `"${entry}" is not an address or a CIDR range (more than one "/").`;
  const address = parseIpAddress(addressText);
  if (!address) {
    const numeric = /^(0x[0-9a-f]*|\d+)(\.(0x[0-9a-f]*|\d+))*$/i.test(addressText);
    return !numeric && /[a-z]/i.test(addressText) && !addressText.includes(":")
      ? `"${entry}" looks like a hostname: list IP addresses or CIDR ranges (hostnames are not resolved).`
      : `"${entry}" is not an IPv4 address (four decimal parts, e.g. 10.0.0.1) nor an IPv6 address.`;
  }
  const mapped = address.kind() === "ipv4" && addressText.includes(":");
  const max = address.kind() === "ipv4" ? 32 : 128;
  let bits = max;
  if (prefixText !== undefined) {
    const given = /^(0|[1-9]\d{0,2})$/.test(prefixText) ? Number(prefixText) : Number.NaN;
    const allowed = mapped ? 128 : max;
    if (!(given >= 0 && given <= allowed) || (mapped && given < 96)) {
      return `"${entry}" is not a valid CIDR range: an ${mapped ? "IPv4-mapped IPv6 prefix is 96" : address.kind() === "ipv4" ? "IPv4 prefix is 0" : "IPv6 prefix is 0"}–${allowed} bits.`;
    }
    bits = mapped ? given - 96 : given;
  }
  const network =
    address.kind() === "ipv4"
      ? ipaddr.IPv4.networkAddressFromCIDR(`${address.toString()}/${bits}`)
      : ipaddr.IPv6.networkAddressFromCIDR(`${address.toString()}/${bits}`);
  return { kind: address.kind(), network, bits };
}

/** The stored form of a range: `10.0.0.0/8`, or the bare address for a single one (`10.0.0.1`). */
export function formatIpRange(range: IpRange): string {
  const max = range.kind === "ipv4" ? 32 : 128;
  return range.bits === max ? range.network.toString() : `${range.network.toString()}/${range.bits}`;
}

/**
 * Whether `ip` (the address the calling service saw) is inside one of the ranges. An empty list
 * allows any address; a list and no address, or text that is not an address, is refused.
 */
export function isIpAllowed(ranges: readonly IpRange[], ip: string | null | undefined): boolean {
  if (ranges.length === 0) return true;
  if (!ip) return false;
  const address = parseIpAddress(ip);
  if (!address) return false;
  const kind = address.kind();
  for (const range of ranges) {
    if (range.kind === kind && address.match(range.network, range.bits)) return true;
  }
  return false;
}

/** Parses stored (already validated) entries; an entry that no longer parses allows nothing. */
export function toIpRanges(entries: readonly string[]): IpRange[] {
  const ranges: IpRange[] = [];
  for (const entry of entries) {
    const range = parseIpRange(entry);
    if (typeof range !== "string") ranges.push(range);
  }
  return ranges;
}
