import type { IncomingMessage, ServerResponse } from "node:http";

/**
 * Reads a request body, counting bytes as they arrive: null as soon as it passes `limit`, whatever
 * Content-Length said or whether there was one (a chunked body has none, and a client may lie).
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  if (Number(req.headers["content-length"] ?? 0) > limit) return Promise.resolve(null);
  // Plain listeners rather than an async iterator: this runs on every verification (the hot path).
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        // Stop reading; the caller answers 413 and closes the connection.
        req.off("data", onData);
        req.pause();
        resolve(null);
        return;
      }
      chunks.push(chunk);
    };
    req.on("data", onData);
    req.on("end", () => resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

/**
 * Answers 413 and closes the connection. A body cut off mid-stream (`cutOff`) is never read further:
 * the connection is destroyed once the answer is out, whatever the client still sends.
 */
export function refuseBody(
  req: IncomingMessage,
  res: ServerResponse,
  body: unknown,
  cutOff: boolean,
  headers: Record<string, string> = {},
): void {
  res.writeHead(413, { "content-type": "application/json; charset=utf-8", ...headers, connection: "close" });
  res.end(JSON.stringify(body), () => {
    if (cutOff) req.destroy();
  });
}
