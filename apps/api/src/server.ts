import type { IncomingMessage, ServerResponse } from "node:http";
import {
  type Clock,
  defaultTeamSettings,
  SetupGate,
  setupPending,
  systemClock,
  type TeamSettings,
  Verification,
  type VerificationSettings,
} from "@tessera/core";
import type { PrismaClient } from "@tessera/db";
import { startChangeListener } from "./change-listener.ts";
import { clientAddress } from "./client-address.ts";
import { apiKeysExportPath, createApiKeysExport } from "./export-api-keys.ts";
import type { Logger } from "./log.ts";
import { createMetrics, handleMetricsRequest } from "./metrics.ts";
import { readBody, refuseBody } from "./request-body.ts";
import { createSecurityHeaders } from "./security-headers.ts";
import { createSessionSecurity, type SessionSecurityOptions } from "./session-security.ts";
import { createWebHandler } from "./static-web.ts";
import { createVerifyRoute, verifyPath } from "./verify-route.ts";
import { createTesseraYoga } from "./yoga.ts";

export type AppOptions = {
  prisma: PrismaClient;
  logger: Logger;
  clock?: Clock;
  secureCookies?: boolean;
  /** How many proxies in front of Tessera append to X-Forwarded-For (0: trust none). */
  trustedProxyHops?: number;
  verificationSettings?: VerificationSettings;
  /** A PostgreSQL server's URL: LISTEN there for other instances' changes (unset: single process). */
  listenUrl?: string;
  /** When set, /metrics needs `Authorization: Bearer <token>`. */
  metricsToken?: string;
  /** Public address, email on or off, organization creation (defaults: localhost:4000, off, members). */
  team?: Partial<TeamSettings>;
} & SessionSecurityOptions;

const maxBodyBytes = 1024 * 1024;

const tooLarge = { error: "payload_too_large", message: "Request bodies are limited to 1 MiB." };

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
  res.end(JSON.stringify(body));
}

/**
 * Tessera's HTTP surface: `/graphql` (with GraphiQL in a browser), `/healthz`, and clear JSON errors
 * for everything else. Returns the yoga instance too, so tests can call it in-process with
 * `yoga.fetch` — no port, no mocks.
 */
export function createApp(options: AppOptions) {
  const { prisma, logger } = options;
  const clock = options.clock ?? systemClock;
  // Metrics read the verification's stats only when scraped, so they can exist before it and be
  // handed to it as its observer.
  const metrics = createMetrics(() => verification.stats());
  const verification = new Verification({
    prisma,
    clock,
    settings: options.verificationSettings,
    observer: metrics.observeVerification,
    onFlushError: (error) => logger.warn("usage flush failed; retrying", { error: String(error) }),
    onFilterLoadError: (error) => logger.warn("existence filter load failed; retrying", { error: String(error) }),
    // Said once when Redis goes away and once when it is back, never per verification.
    onRateLimitStoreDegraded: (degraded, error) =>
      degraded
        ? logger.warn("rate limits degraded: Redis is unreachable, each instance counts alone until it returns", {
            error: error instanceof Error ? error.message : error === undefined ? undefined : String(error),
          })
        : logger.info("rate limits shared again: Redis is back"),
    onCreditsError: (error) => logger.warn("credits exhausted event failed", { error: String(error) }),
  });
  // With a LISTEN connection the filter loads once listening (changes made meanwhile are heard);
  // a single instance hears all its changes locally, so it loads at once.
  const listener = options.listenUrl ? startChangeListener(options.listenUrl, prisma, verification, logger) : null;
  if (!listener) void verification.loadFilter();
  const secureCookies = options.secureCookies ?? false;
  const security = createSessionSecurity(prisma, clock, logger, options);
  const securityHeaders = createSecurityHeaders(secureCookies);
  const handleVerifyRequest = createVerifyRoute(verification, securityHeaders.forJsonAnswers);
  const team: TeamSettings = { ...defaultTeamSettings, ...options.team };
  const setup = new SetupGate();
  const yoga = createTesseraYoga({ prisma, clock, secureCookies, verification, security, team, setup }, logger, [
    metrics.graphqlPlugin,
  ]);
  const serveWeb = createWebHandler(prisma, team);
  const exportApiKeys = createApiKeysExport({ prisma, clock, security });

  /** The client's address, for the audit log and the failed-verification limit. */
  function addressOf(req: IncomingMessage): string | null {
    return clientAddress(req.headers["x-forwarded-for"], req.socket.remoteAddress, options.trustedProxyHops ?? 0);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = req.url ?? "/";
    // The verification hot path: answered before anything else is computed (the path without its
    // query, the start time, the per-request log line: none of it is needed to verify).
    if (url === verifyPath || (url.startsWith(verifyPath) && url[verifyPath.length] === "?")) {
      try {
        // Its security headers are written with each answer (precomputed), not by helmet per call.
        return await handleVerifyRequest(req, res, addressOf(req));
      } catch (error) {
        logger.error("verification failed", { error: error instanceof Error ? error.message : String(error) });
        if (!res.headersSent) {
          const body = { error: "internal", message: "Something went wrong on our side." };
          sendJson(res, 500, body, securityHeaders.forJsonAnswers);
        }
        return;
      }
    }
    const started = performance.now();
    const path = url.split("?")[0] ?? "/";
    res.on("finish", () => {
      logger.info("request", {
        method: req.method,
        path,
        status: res.statusCode,
        ms: Math.round((performance.now() - started) * 10) / 10,
      });
    });
    try {
      securityHeaders.apply(req, res);
      if (Number(req.headers["content-length"] ?? 0) > maxBodyBytes) return refuseBody(req, res, tooLarge, false);
      if (path === apiKeysExportPath) return await exportApiKeys(req, res);
      if (path === "/healthz") {
        try {
          await prisma.$queryRaw`SELECT 1`;
          return sendJson(res, 200, { status: "ok" });
        } catch {
          return sendJson(res, 503, { status: "unavailable", message: "The database does not answer." });
        }
      }
      if (path === "/metrics") {
        return await handleMetricsRequest(req.headers.authorization, res, metrics, options.metricsToken);
      }
      if (path === "/graphql") {
        if (req.method !== "GET" && req.method !== "HEAD") {
          const body = await readBody(req, maxBodyBytes);
          if (!body) return refuseBody(req, res, tooLarge, true);
          // The body is consumed here; yoga's node adapter takes a Buffer in `req.body` as the request body.
          if (body.length > 0) (req as IncomingMessage & { body?: Buffer }).body = body;
        }
        await yoga(req, res, { sourceAddress: addressOf(req) });
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

  /** Stops listening and writes the usage counted so far (clean shutdown). */
  async function close(): Promise<void> {
    await listener?.close();
    await security.activity.stop();
    // A failed final flush must not keep the process from closing its database.
    await verification
      .close()
      .catch((error) => logger.error("usage flush at shutdown failed", { error: String(error) }));
  }

  /**
   * While the database has no user: a new setup link (the previous one stops working), to be logged
   * once by the caller. Null when someone already owns this Tessera.
   */
  async function openSetup(): Promise<string | null> {
    if (!(await setupPending(prisma))) return null;
    return setup.open(team);
  }

  return { yoga, handle, verification, metrics, security, openSetup, close };
}

export type App = ReturnType<typeof createApp>;
