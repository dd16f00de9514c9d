import type { PrismaClient } from "@tessera/db";
import type { Clock } from "../clock.ts";

/**
 * Records when sessions were last used without a write per request: requests only mark their session
 * in memory, and `flush` (every `flushEveryMs`, and on shutdown) writes every marked session's
 * `lastSeenAt` in one UPDATE. The idle timeout treats a marked session as active, so a lag of up to
 * one flush never signs anyone out early.
 */
export class SessionActivity {
  private pending = new Set<string>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly clock: Clock,
    private readonly flushEveryMs = 60_000,
  ) {}

  touch(sessionId: string): void {
    this.pending.add(sessionId);
  }

  /** Used since the last flush (so its stored lastSeenAt may lag behind). */
  isPending(sessionId: string): boolean {
    return this.pending.has(sessionId);
  }

  async flush(): Promise<number> {
    if (this.pending.size === 0) return 0;
    const ids = [...this.pending];
    this.pending.clear();
    const { count } = await this.prisma.session.updateMany({
      where: { id: { in: ids } },
      data: { lastSeenAt: this.clock.now() },
    });
    return count;
  }

  start(onError: (error: unknown) => void = () => {}): void {
    this.timer ??= setInterval(() => void this.flush().catch(onError), this.flushEveryMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.flush();
  }
}
