/**
 * Hostile HTTP input over a real socket: a malformed cookie, a chunked body past the limit, a forged
 * X-Forwarded-For. Each must get a clear answer, change nothing, and leave the server serving.
 */
import { createServer, type Server } from "node:http";
import { type AddressInfo, connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clientAddress } from "../src/client-address.ts";
import { sessionCookieName } from "../src/cookies.ts";
import { silentLogger } from "../src/log.ts";
import { createApp } from "../src/server.ts";
import { type OrgFixture, testPassword, useHarness } from "./support/harness.ts";

const h = useHarness();
let server: Server;
let port: number;
let org: OrgFixture;

beforeAll(async () => {
  org = await h.newOrganization();
  // One proxy in front: its address is the socket peer, the client's is the rightmost forwarded entry.
  const app = createApp({ prisma: h.db.prisma, logger: silentLogger, trustedProxyHops: 1 });
  server = createServer((req, res) => void app.handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

const viewerQuery = JSON.stringify({ query: "{ viewer { user { email } } }" });
const post = (body: string, headers: Record<string, string> = {}) =>
  fetch(`http://127.0.0.1:${port}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body,
  });

/** Sends a chunked POST of `totalBytes` over a raw socket; resolves with whatever came back before the close. */
function sendChunked(totalBytes: number, body?: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    let received = "";
    socket.on("data", (data) => {
      received += data.toString();
    });
    socket.on("error", () => {}); // ECONNRESET/EPIPE: the server closed on us, which is an accepted answer
    socket.on("close", () => resolve(received));
    socket.on("connect", async () => {
      socket.write(
        "POST /graphql HTTP/1.1\r\nHost: tessera.test\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n",
      );
      if (body !== undefined) {
        socket.write(`${Buffer.byteLength(body).toString(16)}\r\n${body}\r\n0\r\n\r\n`);
        return;
      }
      const chunk = Buffer.alloc(64 * 1024, " ");
      for (let sent = 0; sent < totalBytes && !socket.destroyed; sent += chunk.length) {
        const ok = socket.write(`${chunk.length.toString(16)}\r\n`) && socket.write(chunk) && socket.write("\r\n");
        if (!ok) await new Promise((r) => setTimeout(r, 1));
      }
      if (!socket.destroyed) socket.end("0\r\n\r\n");
    });
  });
}

describe("hostile HTTP input", () => {
  it("a malformed session cookie reads as signed out instead of failing every request", async () => {
    const response = await post(viewerQuery, { cookie: `${sessionCookieName}=%E0%A4%A` });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { viewer: { user: null } } });

    // A malformed neighbour does not spoil a valid session either.
    const valid = org.as.EDITOR.headers.cookie as string;
    const signedIn = await post(viewerQuery, { cookie: `other=%E0%A4%A; ${valid}` });
    expect(await signedIn.json()).toEqual({ data: { viewer: { user: { email: org.users.EDITOR.email } } } });
  });

  it("a chunked body over 1 MiB is refused with 413 (or the connection closed), and the server keeps serving", async () => {
    const answer = await sendChunked(3 * 1024 * 1024);
    if (answer) expect(answer).toMatch(/^HTTP\/1\.1 413 /);

    const small = await sendChunked(0, viewerQuery);
    expect(small).toMatch(/^HTTP\/1\.1 200 /);
    const after = await post(viewerQuery);
    expect(after.status).toBe(200);
  });

  it("the audit log records the address the trusted proxy saw, not the one the client forged", async () => {
    const signIn = JSON.stringify({
      query: `mutation { signIn(input: { email: "${org.users.VIEWER.email}", password: "${testPassword}" }) { __typename } }`,
    });
    const response = await post(signIn, { "x-forwarded-for": "6.6.6.6, 198.51.100.23" });
    expect((await response.json()).data.signIn.__typename).toBe("SignInPayload");
    const event = await h.db.prisma.auditEvent.findFirstOrThrow({
      where: { action: "member.signed_in", actorUserId: org.users.VIEWER.id },
    });
    expect(event.sourceAddress).toBe("198.51.100.23");
  });

  it("takes the entry as many hops from the right as proxies are trusted, and never a non-address", () => {
    expect(clientAddress("6.6.6.6, 198.51.100.23", "10.0.0.2", 1)).toBe("198.51.100.23");
    expect(clientAddress("6.6.6.6, 198.51.100.23, 10.0.0.1", "10.0.0.2", 2)).toBe("198.51.100.23");
    expect(clientAddress("6.6.6.6", "10.0.0.2", 0)).toBe("10.0.0.2");
    expect(clientAddress("<script>", "10.0.0.2", 1)).toBe("10.0.0.2");
    expect(clientAddress("198.51.100.23", "10.0.0.2", 3)).toBe("10.0.0.2");
    expect(clientAddress(undefined, "10.0.0.2", 1)).toBe("10.0.0.2");
  });
});
