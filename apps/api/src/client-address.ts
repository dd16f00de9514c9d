import { isIP } from "node:net";

/**
 * The client's address for the audit log. Without trusted proxies it is the socket's peer. Behind
 * `trustedHops` proxies that each append the address they saw to `X-Forwarded-For`, the client is the
 * entry `trustedHops` places from the right of the chain [...X-Forwarded-For, peer]: everything left
 * of it was written by the client itself and proves nothing. A chain shorter than that, or an entry
 * that is not an IP address, falls back to the peer rather than to anything the client wrote.
 */
export function clientAddress(
  forwardedFor: string | string[] | undefined,
  peer: string | undefined,
  trustedHops: number,
): string | null {
  if (trustedHops > 0 && forwardedFor !== undefined) {
    const header = Array.isArray(forwardedFor) ? forwardedFor.join(",") : forwardedFor;
    const chain = [...header.split(",").map((entry) => entry.trim()), peer ?? ""];
    const candidate = chain[chain.length - 1 - trustedHops];
    if (candidate && isIP(candidate)) return candidate;
  }
  return peer || null;
}
