import { describe, expect, it } from "vitest";
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
