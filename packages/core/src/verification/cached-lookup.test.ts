import { describe, expect, it } from "vitest";
import { CachedLookup, CacheGate } from "./cached-lookup.ts";

type Row = { id: string; version: number };
const settings = { maxEntries: 2, freshnessMs: 60_000, negativeMs: 60_000 };

function setup() {
  const rows = new Map<string, Row>();
  let loads = 0;
  let pause: Promise<void> | null = null;
  const gate = new CacheGate();
  const lookup = new CachedLookup<Row>(
    gate,
    settings,
    async (k) => {
      loads++;
      const row = rows.get(k) ?? null;
      if (pause) await pause;
      return row && { ...row };
    },
    (r) => r.id,
  );
  return {
    rows,
    gate,
    lookup,
    loads: () => loads,
    hold() {
      let release = () => {};
      pause = new Promise((r) => {
        release = r;
      });
      return () => {
        pause = null;
        release();
      };
    },
  };
}

describe("CachedLookup", () => {
  it("answers repeats from memory, remembers misses, and evicts the least recently used", async () => {
    const t = setup();
    t.rows.set("a", { id: "A", version: 1 });
    t.rows.set("b", { id: "B", version: 1 });
    await t.lookup.get("a");
    await t.lookup.get("a");
    expect(await t.lookup.get("zz")).toBeNull();
    await t.lookup.get("zz");
    expect(t.loads()).toBe(2);
    await t.lookup.get("b"); // evicts "a" (max 2: zz, b)
    await t.lookup.get("a");
    expect(t.loads()).toBe(4);
    expect(t.gate.stats).toMatchObject({ hits: 2, misses: 4 });
  });

  it("an invalidation by id drops the entry, so the next read sees the new row", async () => {
    const t = setup();
    t.rows.set("a", { id: "A", version: 1 });
    await t.lookup.get("a");
    t.rows.set("a", { id: "A", version: 2 });
    expect((await t.lookup.get("a"))?.version).toBe(1);
    t.lookup.invalidateId("A");
    expect((await t.lookup.get("a"))?.version).toBe(2);
  });

  it("a load that started before an invalidation answers its caller but is never stored", async () => {
    const t = setup();
    t.rows.set("a", { id: "A", version: 1 });
    const release = t.hold();
    const inFlight = t.lookup.get("a"); // reads version 1, then waits
    t.rows.set("a", { id: "A", version: 2 });
    t.lookup.invalidateId("A"); // the change commits while the load is in flight
    release();
    expect((await inFlight)?.version).toBe(1);
    expect((await t.lookup.get("a"))?.version).toBe(2);
  });

  it("an invalidation by predicate drops the matching entries, keeps the rest, and voids loads in flight", async () => {
    const t = setup();
    t.rows.set("a", { id: "A", version: 1 });
    t.rows.set("b", { id: "B", version: 7 });
    await t.lookup.get("a");
    await t.lookup.get("b");
    const release = t.hold();
    const inFlight = t.lookup.get("c"); // no row yet; must not be remembered as missing
    t.rows.set("c", { id: "C", version: 1 });
    t.lookup.invalidateWhere((row) => row.version === 1);
    release();
    expect(await inFlight).toBeNull();
    expect(t.loads()).toBe(3);
    await t.lookup.get("b"); // kept
    expect(t.loads()).toBe(3);
    await t.lookup.get("a"); // dropped
    expect((await t.lookup.get("c"))?.id).toBe("C");
    expect(t.loads()).toBe(5);
  });

  it("while bypassed, nothing is read from or written to the cache", async () => {
    const t = setup();
    t.rows.set("a", { id: "A", version: 1 });
    await t.lookup.get("a");
    t.gate.bypass = true;
    t.rows.set("a", { id: "A", version: 2 });
    expect((await t.lookup.get("a"))?.version).toBe(2);
    await t.lookup.get("a");
    expect(t.loads()).toBe(3);
  });

  it("concurrent misses of one key share one read, but not across an invalidation", async () => {
    const t = setup();
    t.rows.set("a", { id: "A", version: 1 });
    const release = t.hold();
    const first = Array.from({ length: 20 }, () => t.lookup.get("a"));
    expect(t.loads()).toBe(1);
    t.rows.set("a", { id: "A", version: 2 });
    t.lookup.invalidateId("A"); // a change commits while the read is in flight
    const after = t.lookup.get("a"); // must not join the read that started before it
    expect(t.loads()).toBe(2);
    release();
    expect((await Promise.all(first)).map((row) => row?.version)).toEqual(Array(20).fill(1));
    expect((await after)?.version).toBe(2);
    expect(t.gate.stats.misses).toBe(2);
  });

  it("a failed read is not shared with later callers", async () => {
    let fail = true;
    let loads = 0;
    const lookup = new CachedLookup<Row>(
      new CacheGate(),
      settings,
      async (k) => {
        loads++;
        if (fail) throw new Error("database unreachable");
        return { id: k.toUpperCase(), version: 1 };
      },
      (r) => r.id,
    );
    const both = [lookup.get("a"), lookup.get("a")];
    await expect(Promise.all(both)).rejects.toThrow("database unreachable");
    expect(loads).toBe(1);
    fail = false;
    expect((await lookup.get("a"))?.id).toBe("A");
    expect(loads).toBe(2);
  });

  it("while bypassed, concurrent callers each read for themselves", async () => {
    const t = setup();
    t.rows.set("a", { id: "A", version: 1 });
    t.gate.bypass = true;
    const release = t.hold();
    const reads = [t.lookup.get("a"), t.lookup.get("a"), t.lookup.get("a")];
    release();
    await Promise.all(reads);
    expect(t.loads()).toBe(3);
  });

  it("reads a hot entry again in the background near the end of its freshness, answering from memory meanwhile", async () => {
    let loads = 0;
    let version = 1;
    let release = () => {};
    let pause: Promise<void> | null = null;
    const lookup = new CachedLookup<Row>(
      new CacheGate(),
      { maxEntries: 10, freshnessMs: 1_000, negativeMs: 1_000 },
      async (k) => {
        loads++;
        const row = { id: k, version };
        if (pause) await pause;
        return row;
      },
      (r) => r.id,
    );
    expect((await lookup.get("a"))?.version).toBe(1);
    await new Promise((r) => setTimeout(r, 920)); // past 90 % of the 1 s freshness
    version = 2;
    pause = new Promise((r) => {
      release = () => r();
    });
    expect(lookup.peek("a")?.version).toBe(1); // answered at once, the read starts behind it
    expect(lookup.peek("a")?.version).toBe(1); // once
    expect(loads).toBe(2);
    pause = null;
    release();
    await new Promise((r) => setTimeout(r, 150)); // the first entry would have expired by now
    expect(lookup.peek("a")?.version).toBe(2);
    expect(loads).toBe(2);
  });
});
