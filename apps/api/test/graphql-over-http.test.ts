import { serverAudits } from "graphql-http";
import { describe, expect, it } from "vitest";
import { useHarness } from "./support/harness.ts";

// The GraphQL over HTTP spec's own conformance audits (graphql-http), run against our endpoint.
const h = useHarness();
const fetchFn = (input: string, init?: RequestInit) => h.app.yoga.fetch(new URL(input), init ?? {});

// GETs without the x-graphql-yoga-csrf header are refused on purpose (CSRF prevention: a cross-site
// page could send them without a preflight). The spec only says MAY for these.
const refusedByCsrfPrevention = new Set([
  "MAY accept application/x-www-form-urlencoded formatted GET requests",
  "MAY allow URL-encoded JSON string {variables} parameter in GETs when accepting application/graphql-response+json",
  "MAY allow URL-encoded JSON string {variables} parameter in GETs when accepting application/json",
]);

describe("GraphQL over HTTP conformance", () => {
  for (const audit of serverAudits({ url: "http://tessera.test/graphql", fetchFn })) {
    const refused = refusedByCsrfPrevention.has(audit.name);
    it(refused ? `refuses (CSRF prevention): ${audit.name}` : audit.name, async () => {
      const result = await audit.fn();
      if (refused) expect(result.status).not.toBe("ok");
      else expect(result.status === "ok" ? "ok" : `${result.reason}`).toBe("ok");
    });
  }
});
