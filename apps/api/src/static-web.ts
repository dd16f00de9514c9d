import { createReadStream, type Stats } from "node:fs";
import { stat } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { extname, join, resolve, sep } from "node:path";
import { defaultTeamSettings, setupPending, type TeamSettings } from "@tessera/core";
import type { PrismaClient } from "@tessera/db";
import { demoOrganizationSlug } from "@tessera/demo-data";

/** Where `apps/web`'s build lands (`pnpm start` builds it when missing or stale). */
export const defaultWebDist = resolve(import.meta.dirname, "../../web/dist");

const contentTypes: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".txt": "text/plain; charset=utf-8",
};

/** Paths the SPA never answers, so API clients keep getting the API's own JSON errors. */
const apiPrefixes = ["/graphql", "/healthz", "/v1/", "/metrics"];

/**
 * Serves the built web app: hashed files under /assets/ cached for a year (immutable), everything else
 * revalidated, and index.html for any other browser navigation so deep links (/keys?status=EXPIRING)
 * survive a reload. Paths are resolved inside the build directory; anything escaping it is refused.
 * Returns false when the request is not the web app's, leaving it to the next route.
 */
export function createWebHandler(
  prisma: PrismaClient,
  team: Pick<TeamSettings, "emailEnabled"> = defaultTeamSettings,
  distDir = defaultWebDist,
) {
  const root = resolve(distDir);

  async function fileAt(path: string): Promise<{ file: string; stats: Stats } | null> {
    let decoded: string;
    try {
      decoded = decodeURIComponent(path);
    } catch {
      return null;
    }
    if (decoded.includes("\0")) return null;
    const file = resolve(join(root, decoded));
    if (file !== root && !file.startsWith(root + sep)) return null;
    const stats = await stat(file).catch(() => null);
    return stats?.isFile() ? { file, stats } : null;
  }

  function send(req: IncomingMessage, res: ServerResponse, file: string, stats: Stats, cache: string): void {
    res.writeHead(200, {
      "content-type": contentTypes[extname(file)] ?? "application/octet-stream",
      "content-length": stats.size,
      "cache-control": cache,
      "x-content-type-options": "nosniff",
    });
    if (req.method === "HEAD") res.end();
    else createReadStream(file).pipe(res);
  }

  return async function serveWeb(req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean> {
    if (req.method !== "GET" && req.method !== "HEAD") return false;
    if (apiPrefixes.some((prefix) => path === prefix.replace(/\/$/, "") || path.startsWith(prefix))) return false;

    if (path === "/web-config.json") {
      // The demo organization's presence means the demo data is loaded.
      const demo = (await prisma.organization.count({ where: { slug: demoOrganizationSlug } })) > 0;
      // `setupPending`: the sign-in page points to the setup link in the server log. `email`: whether
      // "forgot password" can send anything (without it, the page says to ask an owner).
      const body = { demo, setupPending: await setupPending(prisma), email: team.emailEnabled };
      res.writeHead(200, { "content-type": contentTypes[".json"]!, "cache-control": "no-store" });
      res.end(JSON.stringify(body));
      return true;
    }

    // The setup page exists only while nobody owns this Tessera.
    if (path === "/setup" && !(await setupPending(prisma))) {
      res.writeHead(404, { "content-type": contentTypes[".txt"]!, "cache-control": "no-store" });
      res.end("This Tessera already has an owner: sign in at /.");
      return true;
    }

    const found = path === "/" ? null : await fileAt(path);
    if (found) {
      const immutable = path.startsWith("/assets/");
      send(req, res, found.file, found.stats, immutable ? "public, max-age=31536000, immutable" : "no-cache");
      return true;
    }

    // Browser navigations to any other path get the app; other clients (fetch, curl) get the JSON 404.
    if (path !== "/" && !(req.headers.accept ?? "").includes("text/html")) return false;
    const index = await fileAt("/index.html");
    if (!index) {
      res.writeHead(503, { "content-type": contentTypes[".txt"]!, "cache-control": "no-store" });
      res.end("The web app is not built. `pnpm start` builds it (or run `pnpm --filter @tessera/web build`).");
      return true;
    }
    send(req, res, index.file, index.stats, "no-cache");
    return true;
  };
}
