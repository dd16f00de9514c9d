import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { createLogger } from "../src/log.ts";
import { createApp } from "../src/server.ts";
import { createTestDatabase } from "./support/database.ts";

describe("when something breaks on our side", () => {
  it("GraphQL masks the error (no message, no stack), logs the real one, and /healthz reports 503", async () => {
    const db = await createTestDatabase();
    const lines: string[] = [];
    const app = createApp({ prisma: db.prisma, logger: createLogger("info", (l) => lines.push(l)) });
    await db.close(); // every query now fails unexpectedly

    const response = await app.yoga.fetch("http://tessera.test/graphql", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        query: 'mutation { signIn(input: { email: "a@b.test", password: "x" }) { __typename } }',
      }),
    });
    const text = await response.text();
    expect(JSON.parse(text).errors).toEqual([expect.objectContaining({ message: "Unexpected error." })]);
    expect(text).not.toMatch(/\.ts:\d+|node_modules|prisma|pglite/i);
    expect(lines.some((l) => JSON.parse(l).msg === "unexpected error")).toBe(true);

    const server = createServer((req, res) => void app.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const health = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/healthz`);
      expect(health.status).toBe(503);
      expect(await health.json()).toEqual({ status: "unavailable", message: "The database does not answer." });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
