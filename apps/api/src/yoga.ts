import { EnvelopArmorPlugin } from "@escape.tech/graphql-armor";
import { useCSRFPrevention } from "@graphql-yoga/plugin-csrf-prevention";
import { renderGraphiQL } from "@graphql-yoga/render-graphiql";
import { schema } from "@tessera/schema";
import { createYoga, type Plugin } from "graphql-yoga";
import { type ContextDeps, createContext, type ServerContext } from "./context.ts";
import type { Logger } from "./log.ts";
import { refuseNulCharacters } from "./nul-characters.ts";
import { htmlContentSecurityPolicy } from "./security-headers.ts";

/**
 * The GraphQL endpoint. Unexpected errors are masked (the client sees "Unexpected error." and the
 * log gets the real one); expected ones are result-union members. graphql-armor caps depth, aliases,
 * tokens and cost; CSRF prevention refuses requests a browser could send cross-site without a preflight.
 */
export function createTesseraYoga(deps: ContextDeps, logger: Logger, extraPlugins: Plugin[] = []) {
  // Set-Cookie headers each request's resolvers asked for (sign-in, sign-out). Held by this instance,
  // keyed weakly by the request, so nothing outlives the request or is shared between servers.
  const responseCookies = new WeakMap<Request, string[]>();
  const sessionCookies: Plugin = {
    onResponse({ request, response }) {
      for (const cookie of responseCookies.get(request) ?? []) response.headers.append("set-cookie", cookie);
    },
  };
  return createYoga<ServerContext>({
    schema,
    graphqlEndpoint: "/graphql",
    landingPage: false,
    // Closed: yoga would otherwise reflect any Origin with credentials allowed, letting another site
    // call /graphql with a member's session. Browser integrators go through their own backend (README).
    cors: false,
    graphiql: {
      title: "Tessera GraphQL",
      defaultQuery: "{\n  viewer {\n    user { email }\n    organizations { slug name viewerRole }\n  }\n}\n",
      // The session cookie is HttpOnly: GraphiQL's fetches must carry it (same origin only).
      credentials: "same-origin",
    },
    // Yoga's default page loads GraphiQL from a CDN and stays blank offline; this one carries every
    // asset inline (~9 MB), so it is rendered once and reused.
    renderGraphiQL: graphiqlPage,
    context: ({ request, ...server }) => {
      const cookies: string[] = [];
      responseCookies.set(request, cookies);
      return createContext(deps, request, server, cookies);
    },
    maskedErrors: true,
    logging: {
      debug: (...args) => logger.debug("yoga", { detail: args.map(String).join(" ") }),
      info: (...args) => logger.info("yoga", { detail: args.map(String).join(" ") }),
      warn: (...args) => logger.warn("yoga", { detail: args.map(String).join(" ") }),
      error: (...args) => logger.error("unexpected error", { detail: args.map(describe).join(" ") }),
    },
    plugins: [
      useCSRFPrevention({ requestHeaders: ["x-graphql-yoga-csrf"] }),
      EnvelopArmorPlugin({
        maxDepth: { n: 10 },
        maxAliases: { n: 20 },
        costLimit: { maxCost: 10000 },
        maxTokens: { n: 2000 },
      }),
      refuseNulCharacters(),
      sessionCookies,
      ...extraPlugins,
      htmlContentSecurityPolicy(deps.secureCookies),
    ],
  });
}

let graphiqlHtml: string | undefined;
function graphiqlPage(options: Parameters<typeof renderGraphiQL>[0]): string {
  graphiqlHtml ??= renderGraphiQL(options);
  return graphiqlHtml;
}

function describe(value: unknown): string {
  if (value instanceof Error) return `${value.name}: ${value.message}\n${value.stack ?? ""}`;
  return String(value);
}

export type TesseraYoga = ReturnType<typeof createTesseraYoga>;
