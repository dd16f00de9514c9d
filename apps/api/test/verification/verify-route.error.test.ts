import { request } from "node:http";
import { describe, expect, it } from "vitest";
import { maxVerifyBodyBytes } from "../../src/verify-route.ts";
import { useHarness } from "../support/harness.ts";
import { useHttpServer } from "./support.ts";

const h = useHarness();
const http = useHttpServer(() => h.app);
const post = (body: string | ReadableStream, headers: Record<string, string> = {}) =>
  fetch(`${http.url}/v1/keys/verify`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body,
    ...(typeof body === "string" ? {} : { duplex: "half" }),
  } as RequestInit);

describe("POST /v1/keys/verify refuses what is not a verification request", () => {
  it.each([
    ["not JSON", "{key:", "The body must be JSON"],
    ["an empty body", "", "The body must be JSON"],
    ["a JSON array", '["tsr_x"]', "must be a JSON object"],
    ["JSON null", "null", "must be a JSON object"],
    ["no key", "{}", "`key` is required and must be a string."],
    ["a numeric key", '{"key": 42}', "`key` is required and must be a string."],
    ["a null key", '{"key": null}', "`key` is required and must be a string."],
    ["a numeric scope", '{"key": "k", "scope": 7}', "`scope` must be a string or null."],
    ["an object as origin", '{"key": "k", "origin": {"host": "x"}}', "`origin` must be a string or null."],
    ["a list as resourceId", '{"key": "k", "resourceId": ["a"]}', "`resourceId` must be a string or null."],
    ["a boolean accountToken", '{"key": "k", "accountToken": true}', "`accountToken` must be a string or null."],
    ["an unknown field", '{"key": "k", "user_agent": "x"}', "Unknown field: user_agent."],
  ])("%s: 400 with a clear message", async (_name, body, message) => {
    const response = await post(body);
    expect(response.status).toBe(400);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("content-security-policy")).toBe("default-src 'none'; frame-ancestors 'none'");
    const answer = (await response.json()) as { error: string; message: string };
    expect(answer.error).toBe("bad_request");
    expect(answer.message).toContain(message);
  });

  it("answers with no-store, and null optional fields are absent ones", async () => {
    const response = await post(JSON.stringify({ key: "nope", scope: null, origin: null }));
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await response.json()).toMatchObject({ valid: false, code: "NOT_FOUND", keyId: null });
  });

  it("413 for a body over the limit, announced or not", async () => {
    const big = JSON.stringify({ key: "x".repeat(maxVerifyBodyBytes) });
    expect((await post(big)).status).toBe(413);

    // Streamed (chunked, no Content-Length): bytes are counted as they arrive.
    const chunk = new TextEncoder().encode(" ".repeat(4096));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 64) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const streamed = await post(stream);
    expect(streamed.status).toBe(413);
    expect(await streamed.json()).toMatchObject({ error: "payload_too_large" });
  });

  it("413 for a chunked upload from a plain node:http client", async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const url = new URL(`${http.url}/v1/keys/verify`);
      const req = request(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: "POST",
          headers: { "transfer-encoding": "chunked" },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on("error", reject);
      for (let i = 0; i < 8; i++) req.write("x".repeat(4096));
      req.end();
    });
    expect(status).toBe(413);
  });

  it.each(["GET", "PUT", "DELETE"])("%s: 405 with Allow: POST", async (method) => {
    const response = await fetch(`${http.url}/v1/keys/verify`, { method });
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("POST");
  });
});
