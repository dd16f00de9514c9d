import { createHash } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { silentLogger } from "../src/log.ts";
import { contentSecurityPolicyForHtml } from "../src/security-headers.ts";
import { type App, createApp } from "../src/server.ts";
import { useHarness } from "./support/harness.ts";

const h = useHarness();
const servers: { server: Server; app: App }[] = [];

/** A real HTTP server over the test database: headers are set by the node handler, not by yoga.fetch. */
async function serve(secureCookies: boolean): Promise<string> {
  const app = createApp({ prisma: h.db.prisma, logger: silentLogger, secureCookies });
  const server = createServer((req, res) => void app.handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  servers.push({ server, app });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

let base: string;
let secureBase: string;
beforeAll(async () => {
  base = await serve(false);
  secureBase = await serve(true);
});
afterAll(async () => {
  for (const { server, app } of servers) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await app.close();
  }
});

const gqlPost = {
  method: "POST",
  headers: { "content-type": "application/json" },
  body: '{"query":"{ viewer { user { id } } }"}',
};
const routes: [string, string, RequestInit][] = [
  ["GraphQL POST", "/graphql", gqlPost],
  ["GraphQL GET", "/graphql?query=%7B__typename%7D", { headers: { accept: "application/json" } }],
  ["GraphiQL", "/graphql", { headers: { accept: "text/html" } }],
  ["a GraphQL syntax error", "/graphql", { ...gqlPost, body: '{"query":"{"}' }],
  ["health", "/healthz", {}],
  ["an unknown route", "/no/such/route", {}],
  [
    "a CORS preflight",
    "/graphql",
    { method: "OPTIONS", headers: { origin: "https://evil.test", "access-control-request-method": "POST" } },
  ],
  [
    "a body over the limit",
    "/graphql",
    { method: "POST", headers: { "content-length": String(2 * 1024 * 1024) }, body: "x".repeat(2 * 1024 * 1024) },
  ],
];

const verifyPost = (body: string): RequestInit => ({
  method: "POST",
  headers: { "content-type": "application/json" },
  body,
});
const verifyRoutes: [string, number, RequestInit][] = [
  ["answer", 200, verifyPost('{"key":"tsr_unknown"}')],
  ["405 to a GET", 405, {}],
  ["400 to a malformed request", 400, verifyPost("{key:")],
  ["413 to a body over the limit", 413, verifyPost(JSON.stringify({ key: "x".repeat(32 * 1024) }))],
];

describe("security headers", () => {
  it.each(routes)("%s carries the security headers", async (_name, path, init) => {
    const response = await fetch(base + path, init);
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("referrer-policy")).toBe("no-referrer");
    expect(response.headers.get("x-frame-options")).toBe("DENY");
    const csp = response.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toMatch(/script-src [^;]*'unsafe-inline'/);
    expect(response.headers.get("strict-transport-security")).toBeNull();
    expect(response.headers.get("x-powered-by")).toBeNull();
  });

  // The verify route writes a precomputed set (no helmet per call) taken from the same helmet
  // configuration, with a CSP that allows nothing: its answers are JSON, never a page.
  it.each(verifyRoutes)("the verify route's %s carries the security headers", async (_name, status, init) => {
    for (const [url, secure] of [
      [base, false],
      [secureBase, true],
    ] as const) {
      const response = await fetch(`${url}/v1/keys/verify`, init);
      expect(response.status).toBe(status);
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(response.headers.get("referrer-policy")).toBe("no-referrer");
      expect(response.headers.get("x-frame-options")).toBe("DENY");
      expect(response.headers.get("content-security-policy")).toBe("default-src 'none'; frame-ancestors 'none'");
      expect(response.headers.get("cache-control")).toBe("no-store");
      expect(response.headers.get("strict-transport-security")).toBe(
        secure ? "max-age=31536000; includeSubDomains" : null,
      );
      expect(response.headers.get("x-powered-by")).toBeNull();
      await response.arrayBuffer();
    }
  });

  it("sends HSTS (and upgrades insecure requests) only when TESSERA_SECURE_COOKIES is on", async () => {
    for (const path of ["/healthz", "/graphql?query=%7B__typename%7D", "/nope"]) {
      const response = await fetch(secureBase + path);
      expect(response.headers.get("strict-transport-security")).toBe("max-age=31536000; includeSubDomains");
      expect(response.headers.get("content-security-policy")).toContain("upgrade-insecure-requests");
    }
    expect((await fetch(`${base}/healthz`)).headers.get("content-security-policy")).not.toContain("upgrade-insecure");
  });

  it("GraphiQL's inline scripts are allowed by their hashes, and nothing else inline", async () => {
    const response = await fetch(`${base}/graphql`, { headers: { accept: "text/html" } });
    const html = await response.text();
    const csp = response.headers.get("content-security-policy") ?? "";
    const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1] ?? "");
    expect(scripts.length).toBeGreaterThan(0);
    for (const script of scripts) {
      expect(csp).toContain(`'sha256-${createHash("sha256").update(script).digest("base64")}'`);
    }
    const scriptSrc = /script-src ([^;]*)/.exec(csp)?.[1] ?? "";
    expect(scriptSrc.split(" ").filter((s) => s.startsWith("'sha256-"))).toHaveLength(scripts.length);
    // Only one CSP header: the page's own replaces the generic one instead of intersecting with it.
    expect(csp).not.toContain(",");
  });

  it("a self-contained GraphiQL page (one inline script, inline styles) gets its script's hash and no other origin", () => {
    const script = "const workers = {}; YogaGraphiQL.renderYogaGraphiQL(root, {});";
    const html = `<!doctype html><html><head><style>body{margin:0}</style></head><body><div id="root"></div><script>${script}</script></body></html>`;
    const csp = contentSecurityPolicyForHtml(html, false);
    const hash = createHash("sha256").update(script).digest("base64");
    expect(csp).toContain(`script-src 'self' 'sha256-${hash}';`);
    expect(csp).toContain("connect-src 'self';");
    expect(csp).toContain("worker-src 'self' blob:;");
    expect(csp).toContain("frame-ancestors 'none'");
  });

  it("keeps CORS closed: no origin is allowed to call /graphql with the member's cookie", async () => {
    const preflight = await fetch(`${base}/graphql`, {
      method: "OPTIONS",
      headers: {
        origin: "https://evil.test",
        "access-control-request-method": "POST",
        "access-control-request-headers": "content-type",
      },
    });
    expect(preflight.headers.get("access-control-allow-origin")).toBeNull();
    expect(preflight.headers.get("access-control-allow-credentials")).toBeNull();
    const post = await fetch(`${base}/graphql`, {
      ...gqlPost,
      headers: { ...gqlPost.headers, origin: "https://evil.test" },
    });
    expect(post.headers.get("access-control-allow-origin")).toBeNull();
  });
});
