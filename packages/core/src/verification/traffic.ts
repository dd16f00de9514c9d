import { ValidationError } from "../errors.ts";
import type { CreditStore } from "./credits.ts";
import type { AccountEntry, KeyEntry } from "./entry.ts";
import type { ChargedLimit, RateLimitCharge, RateLimitOutcome, RateLimits } from "./rate-limits.ts";

/** What a verification asks to charge: named limits with their cost, and a credit cost. */
export type TrafficRequest = {
  ratelimits?: readonly { name: string; cost?: number | null }[] | null;
  credits?: { cost?: number | null } | null;
};

/** The result of the last two checks, for a request that passed every other one. */
export type TrafficOutcome =
  | { code: "VALID"; ratelimits: ChargedLimit[]; creditsRemaining: number | null; degraded: boolean }
  | { code: "RATE_LIMITED"; ratelimit: ChargedLimit; ratelimits: ChargedLimit[]; degraded: boolean }
  | { code: "USAGE_EXCEEDED"; ratelimits: ChargedLimit[]; creditsRemaining: number; degraded: boolean };

/** A verification that names a limit neither the key nor its account has: a caller's bug, never a silent pass. */
export class UnknownRateLimitError extends ValidationError {
  constructor(names: readonly string[]) {
    super(
      `Unknown rate limit${names.length > 1 ? "s" : ""}: ${names.join(", ")}. Name limits the key or its customer account has.`,
      "ratelimits",
    );
  }
}

/** True when the key (or the account) has anything to charge for this request: the fast path skips the rest. */
export function hasTraffic(entry: KeyEntry, account: AccountEntry | null, request: TrafficRequest): boolean {
  return (
    entry.credits !== null ||
    entry.rateLimits.length > 0 ||
    (account !== null && account.rateLimits.length > 0) ||
    (request.ratelimits != null && request.ratelimits.length > 0)
  );
}

/**
 * Rate limits, then credits, for a request every other check has passed (so a refused request never
 * spends anything): limits with `autoApply` are charged on every verification, the others only when
 * named; a key's limits are its own pool, an account's are shared by every key used with its token.
 * When a limit is out of points nothing is consumed; when credits are out, the limit points are
 * given back. Synchronous when nothing waits on a store (memory limits, no credits): the hot path of
 * a key with limits then allocates no promise.
 */
export function chargeTraffic(
  deps: { limits: RateLimits; credits: CreditStore },
  entry: KeyEntry,
  account: AccountEntry | null,
  request: TrafficRequest,
  now: Date,
): TrafficOutcome | Promise<TrafficOutcome> {
  const charges = selectCharges(entry, account, request);
  const limited = charges.length ? deps.limits.charge(charges) : nothingCharged;
  if (limited instanceof Promise) return limited.then((l) => afterLimits(deps, entry, request, charges, l, now));
  return afterLimits(deps, entry, request, charges, limited, now);
}

const nothingCharged: RateLimitOutcome = Object.freeze({ charged: [], exceeded: null, degraded: false, receipts: [] });

function afterLimits(
  deps: { limits: RateLimits; credits: CreditStore },
  entry: KeyEntry,
  request: TrafficRequest,
  charges: readonly RateLimitCharge[],
  limited: RateLimitOutcome,
  now: Date,
): TrafficOutcome | Promise<TrafficOutcome> {
  const { charged: ratelimits, degraded } = limited;
  if (limited.exceeded) return { code: "RATE_LIMITED", ratelimit: limited.exceeded, ratelimits, degraded };
  if (!entry.credits) return { code: "VALID", ratelimits, creditsRemaining: null, degraded };
  return spendCredits(deps, entry, entry.credits, request, charges, limited, now);
}

async function spendCredits(
  deps: { limits: RateLimits; credits: CreditStore },
  entry: KeyEntry,
  credits: NonNullable<KeyEntry["credits"]>,
  request: TrafficRequest,
  charges: readonly RateLimitCharge[],
  { charged: ratelimits, degraded, receipts }: RateLimitOutcome,
  now: Date,
): Promise<TrafficOutcome> {
  const spend = await deps.credits.spend(entry.keyId, credits, request.credits?.cost ?? 1, now);
  if (spend.ok) return { code: "VALID", ratelimits, creditsRemaining: spend.remaining, degraded };
  await deps.limits.refund(charges, receipts);
  return { code: "USAGE_EXCEEDED", ratelimits: [], creditsRemaining: spend.remaining, degraded };
}

/** A key's auto-applied charges when the request names none and has no account: the same every call. */
const autoCharges = new WeakMap<KeyEntry, RateLimitCharge[]>();

function selectCharges(entry: KeyEntry, account: AccountEntry | null, request: TrafficRequest): RateLimitCharge[] {
  if (account === null && !request.ratelimits?.length) {
    let charges = autoCharges.get(entry);
    if (charges === undefined) {
      charges = collectCharges(entry, null, request);
      autoCharges.set(entry, charges);
    }
    return charges;
  }
  return collectCharges(entry, account, request);
}

function collectCharges(entry: KeyEntry, account: AccountEntry | null, request: TrafficRequest): RateLimitCharge[] {
  const named = new Map<string, number>();
  for (const { name, cost } of request.ratelimits ?? []) named.set(name, cost ?? 1);
  const charges: RateLimitCharge[] = [];
  const pools = [{ pool: `key:${entry.keyId}`, rules: entry.rateLimits }];
  if (account) pools.push({ pool: `account:${account.accountId}`, rules: account.rateLimits });
  const found = new Set<string>();
  for (const { pool, rules } of pools) {
    for (const rule of rules) {
      const cost = named.get(rule.name);
      if (cost !== undefined) found.add(rule.name);
      if (cost !== undefined || rule.autoApply) charges.push({ pool, rule, cost: cost ?? 1 });
    }
  }
  const unknown = [...named.keys()].filter((name) => !found.has(name));
  if (unknown.length) throw new UnknownRateLimitError(unknown);
  return charges;
}
