import { decodeChange, type Verification, verificationChannel } from "@tessera/core";
import { listenForNotifications, type NotificationListener } from "@tessera/db";
import type { Logger } from "./log.ts";

/**
 * Cross-instance invalidation on PostgreSQL: every change is announced with NOTIFY in its own
 * transaction (see runChange); this instance LISTENs and drops what changed.
 * The cache is trusted only while LISTEN is in place: until the first LISTEN succeeds, and from the
 * moment the connection drops until it listens again, the cache is flushed and bypassed (every
 * verification reads the database), because notifications sent meanwhile are lost.
 */
export function startChangeListener(url: string, verification: Verification, logger: Logger): NotificationListener {
  verification.setBypass(true);
  return listenForNotifications(url, verificationChannel, {
    onNotification(payload) {
      const change = decodeChange(payload);
      if (change) verification.apply(change);
    },
    onListening() {
      verification.setBypass(false);
      logger.info("listening for verification changes", { channel: verificationChannel });
    },
    onLost(error) {
      verification.setBypass(true);
      logger.warn("verification change listener lost; cache bypassed until it reconnects", {
        error: error instanceof Error ? error.message : String(error),
      });
    },
  });
}
