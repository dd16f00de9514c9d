import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll } from "vitest";
import { silentLogger } from "../../src/log.ts";
import { type App, createApp } from "../../src/server.ts";
import type { Harness } from "./harness.ts";

/**
 * A real HTTP server over the harness's database and clock, for routes yoga.fetch does not reach (the
 * CSV export, headers written by the node handler). `base()` is its URL once the file's tests start.
 */
export function useHttpServer(h: Harness): { base: () => string } {
  let base = "";
  let server: Server;
  let app: App;
  beforeAll(async () => {
    app = createApp({ prisma: h.db.prisma, logger: silentLogger, clock: h.clock });
    server = createServer((req, res) => void app.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await app.close();
  });
  return { base: () => base };
}
