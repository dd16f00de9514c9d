/**
 * Origin restrictions, exactly as the spec states them. An entry is a bare host (`example.com`: that
 * host only), `*.host` (its subdomains at any depth, not the host itself) or `?` (the request sent no
 * Origin and no Referer). An empty list allows any origin.
 *
 * Matching compares whole DNS labels, never string prefixes or suffixes, so look-alikes such as
 * `example.com.evil.com` or `notexample.com` can never pass for `example.com`.
 */
export function isOriginAllowed(allowed: readonly string[], requestOrigin: string | null | undefined): boolean {
  if (allowed.length === 0) return true;
  const given = requestOrigin?.trim() ?? "";
  if (given === "") return allowed.includes("?");
  const host = hostOfOrigin(given);
  if (host === null) return false;
  return allowed.some((entry) => hostMatches(entry, host));
}

/**
 * The host of what a service passed as the request's origin: an Origin header (`https://app.example.com`),
 * a Referer URL (`https://app.example.com/page?q=1`) or a bare host (`app.example.com:8443`). Scheme,
 * port, path and credentials do not matter; the host is lower-cased (and IDNs turned into punycode) by the
 * URL parser, and a trailing dot (`example.com.`, the same DNS name) is dropped. Null when there is no
 * host to speak of (`null`, the Origin of sandboxed documents, or garbage).
 */
export function hostOfOrigin(value: string): string | null {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`;
  let host: string;
  try {
    host = new URL(withScheme).hostname;
  } catch {
    return null;
  }
  if (host.endsWith(".")) host = host.slice(0, -1);
  if (host === "" || host === "null") return null;
  return host;
}

function hostMatches(entry: string, host: string): boolean {
  if (entry === "?") return false;
  if (entry.startsWith("*.")) {
    // Subdomains only: the host must end with "." + the base, so a label boundary sits right before it.
    const base = entry.slice(2);
    return host.length > base.length + 1 && host.endsWith(`.${base}`);
  }
  return host === entry;
}
