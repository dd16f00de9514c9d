import type { IncomingMessage, ServerResponse } from "node:http";
import { type Clock, systemClock } from "@tessera/core";
import type { PrismaClient } from "@tessera/db";
import type { Logger } from "./log.ts";
import { createWebHandler } from "./static-web.ts";
import { createTesseraYoga } from "./yoga.ts";

export type AppOptions = {
  prisma: PrismaClient;
  logger: Logger;
  clock?: Clock;
  secureCookies?: boolean;
  trustProxy?: boolean;
};

const maxBodyBytes = 1024 * 1024;

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8" });
  res.end(JSON.stringify(body));
}

/**
 * Tessera's HTTP surface: `/graphql` (with GraphiQL in a browser), `/healthz`, and clear JSON errors
 * for everything else. Returns the yoga instance too, so tests can call it in-process with
 * `yoga.fetch` — no port, no mocks.
 */
export function createApp(options: AppOptions) {
  const { prisma, logger } = options;
  const yoga = createTesseraYoga(
    { prisma, clock: options.clock ?? systemClock, secureCookies: options.secureCookies ?? false },
    logger,
  );
  const serveWeb = createWebHandler(prisma);

  function clientAddress(req: IncomingMessage): string | null {
    const forwarded = options.trustProxy ? req.headers["x-forwarded-for"] : undefined;
    const first = typeof forwarded === "string" ? forwarded.split(",")[0]?.trim() : undefined;
    return first || req.socket.remoteAddress || null;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    res.on("finish", () => {
      logger.info("request", {
        method: req.method,
        path,
        status: res.statusCode,
        ms: Math.round((performance.now() - started) * 10) / 10,
      });
    });
    try {
      if (Number(req.headers["content-length"] ?? 0) > maxBodyBytes) {
        return sendJson(res, 413, { error: "payload_too_large", message: "Request bodies are limited to 1 MiB." });
      }
      if (path === "/healthz") {
        try {
          await prisma.$queryRaw`SELECT 1`;
          return sendJson(res, 200, { status: "ok" });
        } catch {
          return sendJson(res, 503, { status: "unavailable", message: "The database does not answer." });
        }
      }
      if (path === "/graphql") {
        await yoga(req, res, { sourceAddress: clientAddress(req) });
        return;
      }
      if (await serveWeb(req, res, path)) return;
      return sendJson(res, 404, {
        error: "not_found",
        message: `No route for ${req.method} ${path}. GraphQL is at /graphql.`,
      });
    } catch (error) {
      logger.error("request failed", { path, error: error instanceof Error ? error.message : String(error) });
      if (!res.headersSent) sendJson(res, 500, { error: "internal", message: "Something went wrong on our side." });
      else res.end();
    }
  }

  return { yoga, handle };
}

export type App = ReturnType<typeof createApp>;
