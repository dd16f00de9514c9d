import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LocalWindows } from "./local-windows.ts";
import { RateLimits } from "./rate-limits.ts";

const rule = { name: "requests", limit: 3, durationMs: 60_000, autoApply: true };
const other = { name: "burst", limit: 1, durationMs: 1_000, autoApply: false };

describe("RateLimits (memory)", () => {
  it("admits `limit` points per window, then names the exhausted limit with remaining 0", async () => {
    const limits = new RateLimits({ kind: "memory" });
    const charge = [{ pool: "key:a", rule, cost: 1 }];
    const remaining = [];
    for (let i = 0; i < 3; i++) remaining.push((await limits.charge(charge)).charged[0]?.remaining);
    expect(remaining).toEqual([2, 1, 0]);
    const refused = await limits.charge(charge);
    expect(refused.exceeded).toMatchObject({ name: "requests", limit: 3, remaining: 0 });
    expect(refused.exceeded?.resetAt.getTime()).toBeGreaterThan(Date.now());
    expect(refused.degraded).toBe(false);
  });

  it("a refusal consumes nothing: the other limit's point and the refused one are given back", async () => {
    const limits = new RateLimits({ kind: "memory" });
    await limits.charge([{ pool: "key:a", rule: other, cost: 1 }]);
    const both = [
      { pool: "key:a", rule, cost: 1 },
      { pool: "key:a", rule: other, cost: 1 },
    ];
    for (let i = 0; i < 5; i++) expect((await limits.charge(both)).exceeded?.name).toBe("burst");
    // Five refusals later `requests` still has all 3 points.
    expect((await limits.charge([{ pool: "key:a", rule, cost: 1 }])).charged[0]?.remaining).toBe(2);
  });

  it("pools are separate; cost 0 checks without taking; a cost above what is left is refused", async () => {
    const limits = new RateLimits({ kind: "memory" });
    expect((await limits.charge([{ pool: "key:a", rule, cost: 3 }])).exceeded).toBeNull();
    expect((await limits.charge([{ pool: "key:b", rule, cost: 1 }])).exceeded).toBeNull();
    expect((await limits.charge([{ pool: "key:a", rule, cost: 0 }])).exceeded?.name).toBe("requests");
    expect((await limits.charge([{ pool: "key:b", rule, cost: 0 }])).charged[0]?.remaining).toBe(2);
    expect((await limits.charge([{ pool: "key:b", rule, cost: 3 }])).exceeded?.name).toBe("requests");
    expect((await limits.charge([{ pool: "key:b", rule, cost: 2 }])).charged[0]?.remaining).toBe(0);
  });
});

describe("LocalWindows (the memory store)", () => {
  const charge = [{ pool: "key:a", rule, cost: 1 }];

  it("a window starts with the first charge and ends `durationMs` later, with all points again", () => {
    const windows = new LocalWindows();
    const first = windows.charge(charge, 1_000);
    expect(first.charged[0]).toMatchObject({ remaining: 2, resetAt: new Date(61_000) });
    windows.charge(charge, 2_000);
    windows.charge(charge, 3_000);
    expect(windows.charge(charge, 60_999).exceeded?.name).toBe("requests");
    const next = windows.charge(charge, 61_000);
    expect(next.exceeded).toBeNull();
    expect(next.charged[0]).toMatchObject({ remaining: 2, resetAt: new Date(121_000) });
  });

  it("refund gives points back to the window that took them, never below zero, and never to a later window", () => {
    const windows = new LocalWindows();
    const three = windows.charge([{ pool: "key:a", rule, cost: 3 }], 0);
    windows.refund([{ pool: "key:a", rule, cost: 2 }], three.receipts);
    expect(windows.charge(charge, 20).charged[0]?.remaining).toBe(1);
    windows.refund([{ pool: "key:a", rule, cost: 50 }], three.receipts);
    const late = windows.charge(charge, 59_000);
    expect(late.charged[0]?.remaining).toBe(2);
    // The window ends; a new one starts with a charge; the old window's refund must not reach it.
    const fresh = windows.charge(charge, 60_001);
    expect(fresh.charged[0]?.remaining).toBe(2);
    windows.refund([{ pool: "key:a", rule, cost: 1 }], late.receipts);
    expect(windows.charge(charge, 60_002).charged[0]?.remaining).toBe(1);
  });

  it("ended windows are swept once the map grows, so idle pools do not pile up", () => {
    const windows = new LocalWindows();
    for (let i = 0; i < 1_024; i++) windows.charge([{ pool: `key:${i}`, rule: other, cost: 1 }], 0);
    expect(windows.size).toBe(1_024);
    // One second later every `burst` window has ended: the next new pool sweeps them.
    windows.charge([{ pool: "key:new", rule: other, cost: 1 }], 1_000);
    expect(windows.size).toBe(1);
  });
});

describe("RateLimits (Redis, shared by two instances)", () => {
  const url = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
  const clients = [new Redis(url), new Redis(url)];
  const [one, two] = clients.map((client) => new RateLimits({ kind: "redis", client })) as [RateLimits, RateLimits];
  // Until a client is connected its instance answers from the memory insurance limiter (degraded).
  beforeAll(() => Promise.all(clients.map((client) => client.ping())));
  afterAll(() => {
    for (const client of clients) client.disconnect();
  });
  const pool = () => `key:${randomBytes(6).toString("hex")}`;
  const limit = { name: "requests", limit: 20, durationMs: 60_000, autoApply: true };

  it("80 concurrent charges across both instances admit exactly 20; the refused ones consume nothing", async () => {
    const shared = pool();
    const outcomes = await Promise.all(
      Array.from({ length: 80 }, (_, i) => (i % 2 ? one : two).charge([{ pool: shared, rule: limit, cost: 1 }])),
    );
    expect(outcomes.filter((o) => o.exceeded === null)).toHaveLength(20);
    expect(outcomes.every((o) => !o.degraded)).toBe(true);
    const refused = outcomes.filter((o) => o.exceeded !== null);
    expect(refused.every((o) => o.exceeded?.remaining === 0 && o.exceeded.name === "requests")).toBe(true);
    // Nothing was left counted by the 60 refusals: the counter holds exactly the 20 admitted points.
    expect(Number(await clients[0]?.get(`tessera_rl:${shared}:requests:60000`))).toBe(20);
    // The remaining counts the admitted answers reported are each distinct, 19 down to 0.
    const remaining = outcomes.filter((o) => o.exceeded === null).map((o) => o.charged[0]?.remaining);
    expect(new Set(remaining).size).toBe(20);
    expect(Math.min(...(remaining as number[]))).toBe(0);
  });

  it("a batch admits in arrival order what fits: a cost too big is refused, a smaller one after it still passes", async () => {
    const shared = pool();
    const [a, b, c] = await Promise.all([
      one.charge([{ pool: shared, rule: limit, cost: 15 }]),
      one.charge([{ pool: shared, rule: limit, cost: 10 }]),
      one.charge([{ pool: shared, rule: limit, cost: 5 }]),
    ]);
    expect([a.exceeded, b.exceeded?.name, c.exceeded]).toEqual([null, "requests", null]);
    expect(c.charged[0]?.remaining).toBe(0);
    expect((await two.charge([{ pool: shared, rule: limit, cost: 0 }])).exceeded?.name).toBe("requests");
  });

  it("cost 0 in a batch asks without taking; a batch over the limit adds only what it admitted", async () => {
    const shared = pool();
    const costs = [15, 0, 10, 5, 0];
    const outcomes = await Promise.all(costs.map((cost) => one.charge([{ pool: shared, rule: limit, cost }])));
    expect(outcomes.map((o) => o.exceeded === null)).toEqual([true, true, false, true, false]);
    expect(Number(await clients[0]?.get(`tessera_rl:${shared}:requests:60000`))).toBe(20);
  });

  it("a refund goes back only to the window that took it: never to a new window, never creating one", async () => {
    const shared = pool();
    const second = { name: "second", limit: 5, durationMs: 1_000, autoApply: true };
    const key = `tessera_rl:${shared}:second:1000`;
    const first = await one.charge([{ pool: shared, rule: second, cost: 3 }]);
    await one.refund([{ pool: shared, rule: second, cost: 1 }], first.receipts);
    expect(Number(await clients[0]?.get(key))).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    // The window ended: a refund now creates nothing (no negative count, no fresh window).
    await two.refund([{ pool: shared, rule: second, cost: 3 }], first.receipts);
    expect(await clients[0]?.get(key)).toBeNull();
    // A new window begins; the first window's refund must not lower it.
    await two.charge([{ pool: shared, rule: second, cost: 4 }]);
    await one.refund([{ pool: shared, rule: second, cost: 4 }], first.receipts);
    expect(Number(await clients[0]?.get(key))).toBe(4);
  });

  it("with Redis unreachable, this instance's memory decides and says degraded", async () => {
    const dead = new Redis("redis://127.0.0.1:1", {
      enableOfflineQueue: false,
      lazyConnect: true,
      retryStrategy: () => null,
    });
    dead.on("error", () => {});
    const alone = new RateLimits({ kind: "redis", client: dead });
    const tight = { name: "tight", limit: 2, durationMs: 60_000, autoApply: true };
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(await alone.charge([{ pool: "key:x", rule: tight, cost: 1 }]));
    expect(answers.map((a) => [a.exceeded?.name ?? null, a.degraded])).toEqual([
      [null, true],
      [null, true],
      ["tight", true],
    ]);
    dead.disconnect();
  });

  it("when one limit refuses, the other limit's points taken by the same call are given back", async () => {
    const shared = pool();
    const tight = { name: "burst", limit: 1, durationMs: 60_000, autoApply: false };
    await one.charge([{ pool: shared, rule: tight, cost: 1 }]);
    for (let i = 0; i < 3; i++) {
      const outcome = await two.charge([
        { pool: shared, rule: limit, cost: 1 },
        { pool: shared, rule: tight, cost: 1 },
      ]);
      expect(outcome.exceeded?.name).toBe("burst");
    }
    expect((await one.charge([{ pool: shared, rule: limit, cost: 1 }])).charged[0]?.remaining).toBe(19);
  });
});
