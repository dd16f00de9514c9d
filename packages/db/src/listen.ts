import pg from "pg";

export type NotificationHandlers = {
  /** A NOTIFY payload arrived on the channel. */
  onNotification(payload: string): void;
  /** LISTEN is in place (at start and after every reconnection). */
  onListening(): void;
  /** The connection broke: notifications may be missed until `onListening` is called again. */
  onLost(error: unknown): void;
};

export type NotificationListener = { close(): Promise<void> };

/**
 * LISTENs on one channel over a dedicated connection (never a pooled one: a pool hands connections
 * around and LISTEN belongs to one session). When the connection breaks (server restart, network,
 * `pg_terminate_backend`), `onLost` is called at once and the listener reconnects with a growing
 * delay (up to `maxRetryMs`) until it listens again.
 */
export function listenForNotifications(
  connectionString: string,
  channel: string,
  handlers: NotificationHandlers,
  options: { maxRetryMs?: number } = {},
): NotificationListener {
  const maxRetryMs = options.maxRetryMs ?? 2_000;
  let closed = false;
  let client: pg.Client | null = null;
  let retryMs = 50;
  let timer: NodeJS.Timeout | null = null;

  const lost = (c: pg.Client, error: unknown) => {
    if (client !== c) return; // already handled (error and end both fire)
    client = null;
    c.removeAllListeners();
    c.on("error", () => {});
    c.end().catch(() => {});
    if (closed) return;
    handlers.onLost(error);
    timer = setTimeout(connect, retryMs);
    retryMs = Math.min(retryMs * 2, maxRetryMs);
  };

  const connect = async () => {
    timer = null;
    if (closed) return;
    const c = new pg.Client({ connectionString, application_name: "tessera-listener" });
    client = c;
    c.on("error", (error) => lost(c, error));
    c.on("end", () => lost(c, new Error("connection ended")));
    c.on("notification", (message) => {
      if (message.channel === channel && message.payload !== undefined) handlers.onNotification(message.payload);
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
      if (client !== c || closed) return;
      retryMs = 50;
      handlers.onListening();
    } catch (error) {
      lost(c, error);
    }
  };

  void connect();
  return {
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      const c = client;
      client = null;
      if (c) {
        c.removeAllListeners();
        c.on("error", () => {});
        await c.end().catch(() => {});
      }
    },
  };
}
