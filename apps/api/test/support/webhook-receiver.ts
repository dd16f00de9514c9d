import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

export type ReceivedRequest = { path: string; headers: IncomingHttpHeaders; body: string };

export type WebhookReceiver = {
  /** http://127.0.0.1:<port>, the base URL to register (plus any path). */
  url: string;
  received: ReceivedRequest[];
  /** Status codes for the next requests, in order; afterwards every request gets 204. */
  answerWith(...statuses: number[]): void;
  close(): Promise<void>;
};

/** A real HTTP server on 127.0.0.1 that records every request and answers as told. */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: ReceivedRequest[] = [];
  let statuses: number[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      received.push({ path: req.url ?? "/", headers: req.headers, body: Buffer.concat(chunks).toString() });
      const status = statuses.shift() ?? 204;
      // A redirect points at this same receiver: following it would show up as a second request.
      res.writeHead(status, status >= 300 && status < 400 ? { location: "/redirected" } : {});
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    answerWith(...next) {
      statuses = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
