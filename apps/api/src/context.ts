import {
  AccessResolver,
  type Clock,
  type SessionSecurity,
  type SetupGate,
  type TeamSettings,
  UnauthenticatedError,
  type Verification,
  type Viewer,
  viewerFromApiKey,
  viewerFromSessionToken,
} from "@tessera/core";
import type { PrismaClient } from "@tessera/db";
import type { Context } from "@tessera/schema";
import { GraphQLError } from "graphql";
import { clearedSessionCookie, readSessionCookie, sessionCookie } from "./cookies.ts";

/** What the HTTP layer knows about the connection (passed as yoga's server context). */
export type ServerContext = { sourceAddress?: string | null };

export type ContextDeps = {
  prisma: PrismaClient;
  clock: Clock;
  secureCookies: boolean;
  verification: Verification;
  security: SessionSecurity;
  team: TeamSettings;
  setup: SetupGate;
};

/**
 * Resolves who is calling, once per request: `Authorization: Bearer <key>` wins over the session
 * cookie. A bad key fails the whole request with 401 (an integrator must notice at once); a stale
 * cookie just means anonymous, as a browser would expect.
 */
export async function createContext(
  deps: ContextDeps,
  request: Request,
  server: ServerContext,
  /** Collects the Set-Cookie headers resolvers ask for; the yoga instance applies them to the response. */
  cookies: string[],
): Promise<Context> {
  const viewer = await resolveViewer(deps, request, server.sourceAddress ?? null);
  return {
    prisma: deps.prisma,
    clock: deps.clock,
    verification: deps.verification,
    viewer,
    access: new AccessResolver(deps.prisma, viewer),
    sourceAddress: server.sourceAddress ?? null,
    userAgent: request.headers.get("user-agent"),
    sessionCookie: {
      set: (token, expiresAt) => cookies.push(sessionCookie(token, expiresAt, deps.secureCookies)),
      clear: () => cookies.push(clearedSessionCookie(deps.secureCookies)),
    },
    security: deps.security,
    team: deps.team,
    setup: deps.setup,
  };
}

async function resolveViewer(deps: ContextDeps, request: Request, address: string | null): Promise<Viewer> {
  const authorization = request.headers.get("authorization");
  if (authorization) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (!match?.[1]) {
      throw unauthenticated("The Authorization header must be `Bearer <api key>`.");
    }
    try {
      return await viewerFromApiKey(deps.verification, match[1], {
        // Verification takes the Referer when a request has no Origin; so does a Bearer call.
        origin: request.headers.get("origin") ?? request.headers.get("referer"),
        userAgent: request.headers.get("user-agent"),
        // The client address as TESSERA_TRUST_PROXY says to read it, for the key's IP allowlist.
        address,
      });
    } catch (error) {
      if (error instanceof UnauthenticatedError) throw unauthenticated(error.message);
      throw error;
    }
  }
  const token = readSessionCookie(request);
  return token ? viewerFromSessionToken(deps, token) : { kind: "anonymous" };
}

function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: "UNAUTHENTICATED", http: { status: 401, headers: { "WWW-Authenticate": "Bearer" } } },
  });
}
