import { decodeChange, type Verification, verificationChannel, waitForEchoesWith } from "@tessera/core";
import { listenForNotifications, type NotificationListener, type PrismaClient } from "@tessera/db";
import type { Logger } from "./log.ts";

/** How long a mutation that created a key or token waits for its own NOTIFY before returning anyway. */
const echoTimeoutMs = 2_000;
/** Payloads heard recently, so an echo that arrives before its waiter registers is not missed. */
const recentPayloads = 1_000;

/**
 * Cross-instance invalidation on PostgreSQL: every change is announced with NOTIFY in its own
 * transaction (see runChange); this instance LISTENs and drops what changed.
 * The cache is trusted only while LISTEN is in place: until the first LISTEN succeeds, and from the
 * moment the connection drops until it listens again, the cache is flushed and bypassed (every
 * verification reads the database), because notifications sent meanwhile are lost. The existence
 * filter likewise, and it is reloaded after each LISTEN (trusted again once loaded).
 * A mutation here that created a key or token returns only once this connection heard its NOTIFY
 * back (or after 2 s, or at once while not listening): see runChange.
 */
export function startChangeListener(
  url: string,
  prisma: PrismaClient,
  verification: Verification,
  logger: Logger,
): NotificationListener {
  verification.setBypass(true);
  let listening = false;
  const heard = new Set<string>();
  const waiting = new Map<string, () => void>();
  const stopWaiting = waitForEchoesWith(prisma, async (payloads) => {
    if (!listening) return;
    await Promise.all(
      payloads.map((payload) =>
        heard.has(payload)
          ? undefined
          : new Promise<void>((resolve) => {
              const timer = setTimeout(resolve, echoTimeoutMs);
              waiting.set(payload, () => {
                clearTimeout(timer);
                resolve();
              });
            }),
      ),
    );
    for (const payload of payloads) waiting.delete(payload);
  });
  const listener = listenForNotifications(url, verificationChannel, {
    onNotification(payload) {
      const change = decodeChange(payload);
      if (change) verification.apply(change);
      if (change?.kind !== "created") return;
      waiting.get(payload)?.();
      heard.add(payload);
      if (heard.size > recentPayloads) heard.delete(heard.values().next().value as string);
    },
    onListening() {
      listening = true;
      verification.setBypass(false);
      logger.info("listening for verification changes", { channel: verificationChannel });
    },
    onLost(error) {
      listening = false;
      verification.setBypass(true);
      for (const release of waiting.values()) release();
      logger.warn("verification change listener lost; cache bypassed until it reconnects", {
        error: error instanceof Error ? error.message : String(error),
      });
    },
  });
  return {
    async close() {
      stopWaiting();
      await listener.close();
    },
  };
}
