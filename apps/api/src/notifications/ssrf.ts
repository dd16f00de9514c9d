import { type LookupAddress, lookup } from "node:dns";
import { isIP, type LookupFunction } from "node:net";
import ipaddr from "ipaddr.js";

/**
 * Webhook URLs are chosen by users, so without a guard Tessera would make requests on their behalf
 * into its own network (cloud metadata at 169.254.169.254, databases, admin panels). Only public
 * unicast addresses are reachable unless private networks are allowed explicitly (development, tests).
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  // process() turns IPv4-mapped IPv6 (::ffff:10.0.0.1) into the IPv4 address it hides.
  const parsed = ipaddr.process(address);
  // IPv4-compatible IPv6 (::a.b.c.d, deprecated) is not in ipaddr's special ranges, yet may reach the
  // IPv4 address it embeds on hosts with a 6in4 tunnel: never public.
  if (parsed.kind() === "ipv6" && parsed.match(ipv4Compatible)) return false;
  return parsed.range() === "unicast";
}

const ipv4Compatible = ipaddr.parseCIDR("::/96");

export class BlockedAddressError extends Error {
  constructor(host: string, _address: string) {
    super(
      // The address itself is left out: admins read this error, and it would map the internal network.
      `refused: ${host} resolves to a private, loopback or link-local address (set TESSERA_WEBHOOK_ALLOW_PRIVATE_NETWORKS to allow)`,
    );
    this.name = "BlockedAddressError";
  }
}

/** Checks a literal IP host before connecting (the resolver is not consulted for those). */
export function assertAllowedLiteral(hostname: string, allowPrivate: boolean): void {
  const bare = hostname.replace(/^\[|\]$/g, "");
  if (!allowPrivate && isIP(bare) && !isPublicAddress(bare)) throw new BlockedAddressError(hostname, bare);
}

/**
 * A DNS lookup for http.request that refuses private addresses at connect time. Checking the
 * address actually connected to (not a separate lookup beforehand) leaves no window for DNS rebinding.
 */
export function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, "", 0);
      const list = addresses as unknown as LookupAddress[];
      const blocked = allowPrivate ? undefined : list.find((a) => !isPublicAddress(a.address));
      if (blocked) return callback(new BlockedAddressError(hostname, blocked.address), "", 0);
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, list);
      const first = list[0];
      if (!first) return callback(new Error(`no address for ${hostname}`), "", 0);
      callback(null, first.address, first.family);
    });
  };
}
