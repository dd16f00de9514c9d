import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../src/log.ts";
import { createApp } from "../src/server.ts";
import { createWebHandler } from "../src/static-web.ts";
import { createTestDatabase, type TestDatabase } from "./support/database.ts";

// The web app's files and GraphiQL as a browser receives them, over a real socket. The build is
// stood in for by a small directory, so this test needs no Vite build.
let db: TestDatabase;
let server: Server;
let base: string;
let parent: string;
let dist: string;

/** A GET with the path sent exactly as written (fetch would resolve `..` and `%2e%2e` first). */
function rawGet(path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}/`, { path, headers: { accept: "text/html" } }, (res) => {
      let body = "";
      res.on("data", (chunk) => {
        body += chunk;
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

beforeAll(async () => {
  db = await createTestDatabase();
  parent = mkdtempSync(join(tmpdir(), "tessera-web-"));
  dist = join(parent, "dist");
  mkdirSync(join(dist, "assets"), { recursive: true });
  writeFileSync(
    join(dist, "index.html"),
    '<!doctype html><script type="module" src="/assets/index-abc123.js"></script>',
  );
  writeFileSync(join(dist, "assets/index-abc123.js"), "console.log('console')");
  writeFileSync(join(dist, "assets/index-abc123.css"), "body{}");
  writeFileSync(join(parent, "secret.txt"), "outside the build");
  const app = createApp({ prisma: db.prisma, logger: createLogger("error") });
  const serveWeb = createWebHandler(db.prisma, undefined, dist);
  server = createServer(async (req, res) => {
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    if (path.startsWith("/graphql") || !(await serveWeb(req, res, path))) await app.handle(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await db.close();
  rmSync(parent, { recursive: true, force: true });
});

const html = { accept: "text/html,application/xhtml+xml" };

describe("serving the web app", () => {
  it("serves hashed assets with their content type, cached for good", async () => {
    const js = await fetch(`${base}/assets/index-abc123.js`);
    expect(js.status).toBe(200);
    expect(js.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(js.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    const css = await fetch(`${base}/assets/index-abc123.css`);
    expect(css.headers.get("content-type")).toBe("text/css; charset=utf-8");
  });

  it("answers / and deep links with index.html, revalidated every time", async () => {
    for (const path of ["/", "/keys?status=EXPIRING", "/accounts/some/deep/path"]) {
      const response = await fetch(`${base}${path}`, { headers: html });
      expect(response.status, path).toBe(200);
      expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
      expect(response.headers.get("cache-control")).toBe("no-cache");
      expect(await response.text()).toContain("/assets/index-abc123.js");
    }
  });

  it("keeps API clients on JSON 404s: no index.html for non-browser requests or missing assets", async () => {
    const api = await fetch(`${base}/keys`);
    expect(api.status).toBe(404);
    expect(await api.json()).toMatchObject({ error: "not_found" });
    const asset = await fetch(`${base}/assets/missing.js`);
    expect(asset.status).toBe(404);
  });

  it("never serves a file outside the build directory", async () => {
    for (const path of ["/../secret.txt", "/%2e%2e/secret.txt", "/assets/..%2f..%2fsecret.txt", "/%00index.html"]) {
      const response = await rawGet(path);
      expect(response.body, path).not.toContain("outside the build");
    }
    // The same request for a file inside the build is served, so the check above can fail.
    expect((await rawGet("/assets/..%2fassets/index-abc123.js")).body).toContain("console");
  });

  it("says whether the demo data is loaded, whether setup is pending and whether email is on, for the sign-in page", async () => {
    const response = await fetch(`${base}/web-config.json`);
    expect(await response.json()).toEqual({ demo: false, setupPending: true, email: false });
  });

  it("serves GraphiQL with every asset inline, so it works without internet access", async () => {
    const response = await fetch(`${base}/graphql`, { headers: html });
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page).toContain("Tessera GraphQL");
    expect(page).toContain('"credentials":"same-origin"');
    expect(page).not.toMatch(/<(script|link)[^>]+(src|href)="https?:/);
  });
});
