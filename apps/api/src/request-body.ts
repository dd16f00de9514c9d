import type { IncomingMessage, ServerResponse } from "node:http";

/**
 * Reads a request body, counting bytes as they arrive: null as soon as it passes `limit`, whatever
 * Content-Length said or whether there was one (a chunked body has none, and a client may lie).
 */
export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  if (Number(req.headers["content-length"] ?? 0) > limit) return null;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
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
