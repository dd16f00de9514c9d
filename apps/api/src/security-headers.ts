import { createHash } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Plugin } from "graphql-yoga";
import helmet from "helmet";

/**
 * The Content Security Policy of every response, as directives. It fits the web app (a Vite build:
 * scripts and styles from our own origin, MUI/emotion injecting <style> elements at run time) and
 * allows nothing inline for scripts: an HTML page that needs an inline script (GraphiQL) gets that
 * script's hash added by `htmlContentSecurityPolicy`, never `'unsafe-inline'`.
 */
function directives(secure: boolean): Record<string, string[]> {
  return {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "script-src-attr": ["'none'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'"],
    // GraphiQL's editor (Monaco) starts its workers from blob: URLs it makes itself.
    "worker-src": ["'self'", "blob:"],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
    ...(secure ? { "upgrade-insecure-requests": [] } : {}),
  };
}

function serialize(policy: Record<string, string[]>): string {
  return Object.entries(policy)
    .map(([name, values]) => [name, ...values].join(" "))
    .join("; ");
}

/**
 * Every response's security headers, from one helmet configuration: nosniff, no referrer, no framing
 * (X-Frame-Options DENY and frame-ancestors 'none'), the CSP above, and HSTS only when the server is
 * reached over HTTPS (TESSERA_SECURE_COOKIES), since HSTS on plain HTTP would be ignored at best and
 * pin a wrong scheme at worst.
 * - `apply` runs helmet on a response before any route runs (GraphQL, health, 404s, and routes
 *   added later).
 * - `forJsonAnswers` is the same set computed once, for the verify route, which writes it with each
 *   answer in one writeHead: helmet's per-response work cost that hot path about a fifth of its
 *   throughput. It keeps the headers a JSON answer needs and a CSP that allows nothing at all.
 */
export type SecurityHeaders = {
  apply(req: IncomingMessage, res: ServerResponse): void;
  readonly forJsonAnswers: Readonly<Record<string, string>>;
};

/** What a JSON answer needs of helmet's set; the page-only headers (COOP, DNS prefetch, …) stay out. */
const jsonAnswerHeaders = ["x-content-type-options", "x-frame-options", "referrer-policy", "strict-transport-security"];
const jsonContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";

export function createSecurityHeaders(secure: boolean): SecurityHeaders {
  const middleware = helmet({
    contentSecurityPolicy: { useDefaults: false, directives: directives(secure) },
    xFrameOptions: { action: "deny" },
    referrerPolicy: { policy: "no-referrer" },
    strictTransportSecurity: secure ? { maxAge: 31_536_000, includeSubDomains: true } : false,
  });
  // helmet only sets headers and calls next synchronously; an error here is a bug worth a 500.
  const run = (req: IncomingMessage, res: ServerResponse) =>
    middleware(req, res, (error?: unknown) => {
      if (error) throw error;
    });
  const all = headersSetBy(run);
  const forJsonAnswers: Record<string, string> = {};
  for (const name of jsonAnswerHeaders) if (all[name] !== undefined) forJsonAnswers[name] = all[name];
  forJsonAnswers["content-security-policy"] = jsonContentSecurityPolicy;
  return { apply: run, forJsonAnswers: Object.freeze(forJsonAnswers) };
}

/** The headers helmet sets (its configuration here is static: no per-request nonce or function). */
function headersSetBy(run: (req: IncomingMessage, res: ServerResponse) => void): Record<string, string> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name.toLowerCase()] = String(value);
    },
    removeHeader() {},
  };
  run({} as IncomingMessage, recorder as unknown as ServerResponse);
  return headers;
}

const inlineScript = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;
const externalStylesheet = /<link\b[^>]*\brel=["']?stylesheet["']?[^>]*>/gi;
const urlAttribute = (name: string) => new RegExp(`\\b${name}=["']?([^"'\\s>]+)`, "i");

function externalOrigin(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === "https:" ? parsed.origin : null;
  } catch {
    return null; // relative: our own origin, already allowed
  }
}

/**
 * The policy for one HTML page this server rendered itself: the base policy plus the SHA-256 of each
 * of its inline scripts and the https origins it loads scripts and styles from (and may fetch from,
 * as yoga's CDN GraphiQL does for its editor workers). Only pages we render pass through here, so
 * this trusts exactly what our own HTML references and nothing an attacker could inject later.
 */
export function contentSecurityPolicyForHtml(html: string, secure: boolean): string {
  const policy = directives(secure);
  const hashes = new Set<string>();
  const origins = new Set<string>();
  for (const [, attributes = "", body = ""] of html.matchAll(inlineScript)) {
    const src = urlAttribute("src").exec(attributes)?.[1];
    if (src) {
      const origin = externalOrigin(src);
      if (origin) origins.add(origin);
    } else if (body.trim()) {
      hashes.add(`'sha256-${createHash("sha256").update(body, "utf8").digest("base64")}'`);
    }
  }
  for (const [tag] of html.matchAll(externalStylesheet)) {
    const origin = externalOrigin(urlAttribute("href").exec(tag)?.[1] ?? "");
    if (origin) origins.add(origin);
  }
  policy["script-src"]?.push(...origins, ...hashes);
  policy["style-src"]?.push(...origins);
  policy["connect-src"]?.push(...origins);
  return serialize(policy);
}

/**
 * A yoga plugin giving each HTML page yoga renders (GraphiQL) a CSP that allows its own inline
 * scripts by hash. The hash is computed from the HTML actually sent, so whichever GraphiQL renderer
 * is configured keeps working, and any change to its script changes the hash with it.
 */
export function htmlContentSecurityPolicy(secure: boolean): Plugin {
  let last: { html: string; policy: string } | undefined;
  return {
    async onResponse({ response, setResponse }) {
      if (!response.headers.get("content-type")?.startsWith("text/html")) return;
      const html = await response.text();
      if (last?.html !== html) last = { html, policy: contentSecurityPolicyForHtml(html, secure) };
      const headers = new Headers(response.headers);
      headers.set("content-security-policy", last.policy);
      setResponse(new Response(html, { status: response.status, statusText: response.statusText, headers }));
    },
  };
}
