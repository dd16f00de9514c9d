import type { Redis } from "ioredis";
import type { RateLimitRule } from "../api-keys/traffic-validation.ts";
import type { Receipt } from "./rate-limit-charges.ts";

/**
 * Admits a batch of one pool's charges in arrival order while each fits under the limit, and adds
 * only what it admitted, in one atomic step: nothing is taken and given back, so no other instance
 * ever sees (or is refused by) points that were never granted. A window starts with the first point
 * taken and ends `duration` ms later (the key's TTL). Cost 0 asks whether a point is left.
 * Returns the counter after the batch, the ms left in the window, the window's end on Redis's clock
 * (for refunds) and one character per charge: "1" admitted, "0" not.
 */
const admitScript = `
local limit = tonumber(ARGV[1])
local duration = tonumber(ARGV[2])
local counter = tonumber(redis.call('GET', KEYS[1]) or '0')
local taken = 0
local admitted = {}
for i = 3, #ARGV do
  local cost = tonumber(ARGV[i])
  local fits
  if cost == 0 then fits = counter + taken < limit else fits = counter + taken + cost <= limit end
  if fits then
    taken = taken + cost
    admitted[#admitted + 1] = '1'
  else
    admitted[#admitted + 1] = '0'
  end
end
if taken > 0 then
  counter = redis.call('INCRBY', KEYS[1], taken)
  if redis.call('PTTL', KEYS[1]) < 0 then redis.call('PEXPIRE', KEYS[1], duration) end
end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then ttl = duration end
local now = redis.call('TIME')
local nowMs = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
return { counter, ttl, nowMs + ttl, table.concat(admitted) }
`;

/**
 * Gives points back to the window that took them, never below zero, keeping its TTL; nothing when
 * that window has ended (the key expired, or a new window began: its end differs by at least the
 * one-second minimum window, hence the 500 ms tolerance for the clock's rounding).
 */
const refundScript = `
local value = redis.call('GET', KEYS[1])
if not value then return 0 end
local ttl = redis.call('PTTL', KEYS[1])
local now = redis.call('TIME')
local nowMs = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
if math.abs(nowMs + ttl - tonumber(ARGV[2])) > 500 then return 0 end
local left = tonumber(value) - tonumber(ARGV[1])
if left < 0 then left = 0 end
redis.call('SET', KEYS[1], left, 'KEEPTTL')
return 1
`;

type Scripted = Redis & {
  tesseraRateLimitAdmit(key: string, ...args: (string | number)[]): Promise<[number, number, number, string]>;
  tesseraRateLimitRefund(key: string, cost: number, windowEnd: number): Promise<number>;
};

/** What the store decided for a batch: per charge admitted or not, and the window after it. */
export type Admission = { counter: number; msLeft: number; receipt: Receipt; admitted: boolean[] };

/**
 * Named rate limits in Redis, one counter per pool (`tessera_rl:<pool>:<name>:<window ms>`), shared
 * by every instance, decided by the two scripts above (ioredis runs them by their SHA, loading them
 * when Redis does not know them yet).
 */
export class RedisWindows {
  private readonly client: Scripted;

  constructor(client: Redis) {
    client.defineCommand("tesseraRateLimitAdmit", { numberOfKeys: 1, lua: admitScript });
    client.defineCommand("tesseraRateLimitRefund", { numberOfKeys: 1, lua: refundScript });
    this.client = client as Scripted;
  }

  async admit(key: string, rule: RateLimitRule, costs: readonly number[]): Promise<Admission> {
    const [counter, msLeft, windowEnd, flags] = await this.client.tesseraRateLimitAdmit(
      `tessera_rl:${key}`,
      rule.limit,
      rule.durationMs,
      ...costs,
    );
    const admitted = Array.from(flags, (flag) => flag === "1");
    return { counter: Number(counter), msLeft: Number(msLeft), receipt: { store: "redis", windowEnd }, admitted };
  }

  async refund(key: string, cost: number, receipt: Receipt): Promise<void> {
    await this.client.tesseraRateLimitRefund(`tessera_rl:${key}`, cost, receipt.windowEnd);
  }
}
