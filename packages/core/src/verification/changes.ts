import type { Prisma, PrismaClient } from "@tessera/db";

/**
 * A change that may alter a verification answer. Keys and accounts are named by id; resource
 * changes (a new resource, a resource moved into or out of a group, resources deleted) can change
 * the group chain of many resources at once, so they drop every cached chain. `created` names a new
 * key's hash or a new account token's digest (an account created, a token rotated): it joins every
 * instance's existence filter, which otherwise answers "no such key" without asking the database.
 */
export type VerificationChange =
  | { kind: "key"; id: string }
  | { kind: "account"; id: string }
  | { kind: "resources" }
  | { kind: "created"; digest: string };

/** The PostgreSQL channel every instance LISTENs on. */
export const verificationChannel = "tessera_verification";

/** The NOTIFY payload of a change; `decodeChange` reads it back on the other instances. */
function encodeChange(change: VerificationChange): string {
  if (change.kind === "resources") return "resources";
  return change.kind === "created" ? `created:${change.digest}` : `${change.kind}:${change.id}`;
}

export function decodeChange(payload: string): VerificationChange | null {
  if (payload === "resources") return { kind: "resources" };
  const [kind, id] = payload.split(":");
  if (!id) return null;
  if (kind === "key" || kind === "account") return { kind, id };
  if (kind === "created") return { kind, digest: id };
  return null;
}

const localListeners = new WeakMap<PrismaClient, Set<(change: VerificationChange) => void>>();

/** Resolves once this instance has heard its own NOTIFY of these payloads back (see `runChange`). */
export type EchoWait = (payloads: readonly string[]) => Promise<void>;
const echoWaits = new WeakMap<PrismaClient, EchoWait>();

/**
 * Runs a change to what verification reads (a key, an account, resources) in one transaction, and
 * tells every cache about it. Why one helper: the two halves must always go together, and one
 * forgotten half serves a stale answer. Every change `work` names with `changed(…)` is:
 * - announced to the other instances from INSIDE the transaction (NOTIFY): PostgreSQL delivers a
 *   NOTIFY only when its transaction commits, never when it rolls back, so listeners hear about
 *   exactly the changes that happened, right after they happened (on PGlite, one process, nobody
 *   listens);
 * - dropped from this process's caches right AFTER the commit, before this returns: dropping it
 *   before the commit would let a verification in between cache the old row again (and a load that
 *   started before the commit and ends after is not cached either, see CacheGate.epoch).
 * A `work` that throws rolls back: nothing is announced, nothing is dropped. What `work` names may
 * depend on what it found (a delete names "resources" only when resources went with it).
 * A `created` change must reach the other instances' filters before the caller hands out the new
 * key or token (or they would answer "no such key" for a valid one): when this instance listens
 * (`waitForEchoesWith`), runChange returns only once its own LISTEN connection has heard the NOTIFY
 * back, by which time PostgreSQL has queued it for every listener (see docs/verification.md for
 * the window that remains).
 */
export async function runChange<T>(
  ctx: { prisma: PrismaClient },
  work: (tx: Prisma.TransactionClient, changed: (change: VerificationChange) => void) => Promise<T>,
): Promise<T> {
  const { result, changes } = await ctx.prisma.$transaction(async (tx) => {
    // By payload, so a change named twice is announced and applied once.
    const changes = new Map<string, VerificationChange>();
    const result = await work(tx, (change) => changes.set(encodeChange(change), change));
    for (const payload of changes.keys()) await tx.$executeRaw`SELECT pg_notify(${verificationChannel}, ${payload})`;
    return { result, changes: [...changes.values()] };
  });
  for (const change of changes) applyLocally(ctx.prisma, change);
  const created = changes.filter((change) => change.kind === "created").map(encodeChange);
  const waitForEchoes = echoWaits.get(ctx.prisma);
  if (created.length && waitForEchoes) await waitForEchoes(created);
  return result;
}

/** Registers how runChange waits for its own NOTIFY echo on this client (the LISTEN side does). */
export function waitForEchoesWith(prisma: PrismaClient, wait: EchoWait): () => void {
  echoWaits.set(prisma, wait);
  return () => {
    if (echoWaits.get(prisma) === wait) echoWaits.delete(prisma);
  };
}

/** The NOTIFY payload runChange sends for a change (what an echo wait listens for). */
export { encodeChange as changePayload };

/** Drops the change from this process's caches (the ones registered with `onVerificationChange`). */
function applyLocally(prisma: PrismaClient, change: VerificationChange): void {
  for (const listener of localListeners.get(prisma) ?? []) listener(change);
}

/** Registers a cache for the changes made through this client; returns the unsubscribe function. */
export function onVerificationChange(prisma: PrismaClient, listener: (change: VerificationChange) => void): () => void {
  const listeners = localListeners.get(prisma) ?? new Set();
  localListeners.set(prisma, listeners);
  listeners.add(listener);
  return () => listeners.delete(listener);
}
