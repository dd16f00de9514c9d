import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../src/log.ts";
import { createApp } from "../src/server.ts";
import { createTestDatabase, type TestDatabase } from "./support/database.ts";

// The HTTP surface as a client sees it over a real socket: routes, limits and error shapes.
let db: TestDatabase;
let server: Server;
let base: string;
const logLines: string[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  const app = createApp({ prisma: db.prisma, logger: createLogger("debug", (line) => logLines.push(line)) });
  server = createServer((req, res) => void app.handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await db.close();
});

const post = (body: string, headers: Record<string, string> = {}) =>
  fetch(`${base}/graphql`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });

describe("HTTP surface", () => {
  it("answers /healthz", async () => {
    const response = await fetch(`${base}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
  });

  it("answers unknown routes with a JSON 404 that says where GraphQL is", async () => {
    const response = await fetch(`${base}/nope`);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      error: "not_found",
      message: "No route for GET /nope. GraphQL is at /graphql.",
    });
  });

  it("serves GraphiQL to a browser", async () => {
    const response = await fetch(`${base}/graphql`, { headers: { accept: "text/html" } });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("Tessera GraphQL");
  });

  it("rejects malformed JSON with 400 and a clear message, no stack trace", async () => {
    const response = await post("{ not json");
    expect(response.status).toBe(400);
    const text = await response.text();
    expect(text).toMatch(/POST body sent invalid JSON/);
    expect(text).not.toMatch(/\.ts:\d+|node_modules/);
  });

  it("rejects a query with a syntax error with 400 (GraphQL over HTTP) and its location", async () => {
    const response = await post(JSON.stringify({ query: "{ viewer { " }), {
      accept: "application/graphql-response+json",
    });
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.errors[0]).toMatchObject({ message: expect.stringMatching(/Syntax Error/), locations: [{ line: 1 }] });
  });

  it("refuses mutations over GET", async () => {
    const response = await fetch(`${base}/graphql?query=${encodeURIComponent("mutation { signOut }")}`, {
      headers: { accept: "application/json", "x-graphql-yoga-csrf": "1" },
    });
    expect(response.status).toBe(405);
  });

  it("refuses GET requests without the CSRF header (a cross-site page cannot send it without a preflight)", async () => {
    const response = await fetch(`${base}/graphql?query=${encodeURIComponent("{ viewer { user { id } } }")}`, {
      headers: { accept: "application/json" },
    });
    expect(response.status).toBe(403);
  });

  it("refuses bodies over 1 MiB with 413", async () => {
    const response = await post(JSON.stringify({ query: `{ viewer { user { id } } } #${"x".repeat(1_100_000)}` }));
    expect(response.status).toBe(413);
  });

  it("limits query depth and aliases", async () => {
    const deep = "{ viewer { organizations { members { user { id } } apiKeys: members { user { id } } } } }";
    expect((await post(JSON.stringify({ query: deep }))).status).toBe(200);
    let tooDeep = "id";
    for (let i = 0; i < 12; i++) tooDeep = `parent { ${tooDeep} }`;
    const depth = await post(JSON.stringify({ query: `{ node(id: "x") { ... on Resource { ${tooDeep} } } }` }));
    expect((await depth.json()).errors[0].message).toMatch(/depth/i);
    const aliases = Array.from({ length: 25 }, (_, i) => `a${i}: viewer { user { id } }`).join(" ");
    const aliased = await post(JSON.stringify({ query: `{ ${aliases} }` }));
    expect((await aliased.json()).errors[0].message).toMatch(/alias/i);
  });

  it("does not suggest field names to strangers", async () => {
    const response = await post(JSON.stringify({ query: "{ viewr { user { id } } }" }));
    const body = await response.json();
    expect(body.errors[0].message).not.toMatch(/Did you mean/);
  });

  it("logs one structured line per request, without credentials", async () => {
    logLines.length = 0;
    await post(JSON.stringify({ query: "{ viewer { user { id } } }" }), {
      cookie: "tessera_session=tss_supersecretsessiontoken",
    });
    const entry = logLines.map((l) => JSON.parse(l)).find((l) => l.msg === "request");
    expect(entry).toMatchObject({ level: "info", method: "POST", path: "/graphql", status: 200 });
    expect(logLines.join("\n")).not.toContain("supersecret");
  });
});
