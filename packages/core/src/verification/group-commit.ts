/** One request waiting in a batch: its cost, and how to answer it. */
export type Waiting<R> = { cost: number; resolve: (result: R) => void; reject: (error: unknown) => void };

/** A batch: what its first request brought along (the same for all of one key), and who waits. */
export type Batch<C, R> = { context: C; waiting: Waiting<R>[] };

/**
 * A group commit per key: requests of one key that arrive while that key's previous batch runs wait,
 * then go together in the next one, so a hot key costs one round trip per batch instead of one per
 * request. `run` answers every waiting request of its batch; a batch that throws rejects them all.
 * Used by usage credits (one UPDATE per batch) and by Redis rate limits (one INCRBY per batch).
 */
export class GroupCommit<C, R> {
  private readonly queued = new Map<string, Batch<C, R>>();
  private readonly running = new Set<string>();

  constructor(private readonly run: (key: string, batch: Batch<C, R>) => Promise<void>) {}

  submit(key: string, context: C, cost: number): Promise<R> {
    return new Promise((resolve, reject) => {
      let batch = this.queued.get(key);
      if (!batch) {
        batch = { context, waiting: [] };
        this.queued.set(key, batch);
      }
      batch.waiting.push({ cost, resolve, reject });
      if (!this.running.has(key)) void this.drain(key);
    });
  }

  /** Runs the key's queued batches, one at a time, until none wait. */
  private async drain(key: string): Promise<void> {
    this.running.add(key);
    try {
      for (let batch = this.queued.get(key); batch; batch = this.queued.get(key)) {
        this.queued.delete(key);
        const { waiting } = batch;
        await this.run(key, batch).catch((error) => {
          for (const w of waiting) w.reject(error);
        });
      }
    } finally {
      this.running.delete(key);
    }
  }
}
