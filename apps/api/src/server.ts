import type { IncomingMessage, ServerResponse } from "node:http";
import { type Clock, systemClock } from "@tessera/core";
import type { PrismaClient } from "@tessera/db";
import { clientAddress } from "./client-address.ts";
import type { Logger } from "./log.ts";
import { createTesseraYoga } from "./yoga.ts";

export type AppOptions = {
  prisma: PrismaClient;
  logger: Logger;
  clock?: Clock;
  secureCookies?: boolean;
  /** How many proxies in front of Tessera append to X-Forwarded-For (0: trust none). */
  trustedProxyHops?: number;
};

const maxBodyBytes = 1024 * 1024;

const tooLarge = { error: "payload_too_large", message: "Request bodies are limited to 1 MiB." };

/**
 * Reads the request body, counting bytes as they arrive: null as soon as it passes `limit`, whatever
 * Content-Length said or whether there was one (a chunked body has none).
 */
async function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * Answers 413 and closes the connection. A body cut off mid-stream (`cutOff`) is never read further:
 * the connection is destroyed once the answer is out, whatever the client still sends.
 */
function refuseBody(req: IncomingMessage, res: ServerResponse, cutOff: boolean): void {
  res.writeHead(413, { "content-type": "application/json; charset=utf-8", connection: "close" });
  res.end(JSON.stringify(tooLarge), () => {
    if (cutOff) req.destroy();
  });
}

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
      if (Number(req.headers["content-length"] ?? 0) > maxBodyBytes) return refuseBody(req, res, false);
      if (path === "/healthz") {
        try {
          await prisma.$queryRaw`SELECT 1`;
          return sendJson(res, 200, { status: "ok" });
        } catch {
          return sendJson(res, 503, { status: "unavailable", message: "The database does not answer." });
        }
      }
      if (path === "/graphql") {
        if (req.method !== "GET" && req.method !== "HEAD") {
          const body = await readBody(req, maxBodyBytes);
          if (!body) return refuseBody(req, res, true);
          // The body is consumed here; yoga's node adapter takes a Buffer in `req.body` as the request body.
          if (body.length > 0) (req as IncomingMessage & { body?: Buffer }).body = body;
        }
        const sourceAddress = clientAddress(
          req.headers["x-forwarded-for"],
          req.socket.remoteAddress,
          options.trustedProxyHops ?? 0,
        );
        await yoga(req, res, { sourceAddress });
        return;
      }
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
