import type { Prisma, PrismaClient } from "@tessera/db";

/**
 * A change that may alter a verification answer. Keys and accounts are named by id; resource
 * changes (a new resource, a resource moved into or out of a group, resources deleted) can change
 * the group chain of many resources at once, so they drop every cached chain.
 */
export type VerificationChange = { kind: "key"; id: string } | { kind: "account"; id: string } | { kind: "resources" };

/** The PostgreSQL channel every instance LISTENs on. */
export const verificationChannel = "tessera_verification";

export function encodeChange(change: VerificationChange): string {
  return change.kind === "resources" ? "resources" : `${change.kind}:${change.id}`;
}

export function decodeChange(payload: string): VerificationChange | null {
  if (payload === "resources") return { kind: "resources" };
  const [kind, id] = payload.split(":");
  if ((kind === "key" || kind === "account") && id) return { kind, id };
  return null;
}

/**
 * Tells the other instances, from INSIDE the transaction that makes the change: PostgreSQL delivers
 * a NOTIFY only when its transaction commits, and never when it rolls back, so listeners hear about
 * exactly the changes that happened, right after they happened. (On PGlite, a single process, nobody
 * listens; the local `applyVerificationChange` is what counts there.)
 */
export async function announceVerificationChange(
  tx: Prisma.TransactionClient,
  change: VerificationChange,
): Promise<void> {
  await tx.$executeRaw`SELECT pg_notify(${verificationChannel}, ${encodeChange(change)})`;
}

const localListeners = new WeakMap<PrismaClient, Set<(change: VerificationChange) => void>>();

/**
 * Drops the change from this process's caches. Core operations call it right AFTER their transaction
 * commits and before they return: invalidating before the commit would let a verification running in
 * between cache the old row again. (A load that started before the commit and finishes after this
 * call is not cached either: see CacheGate.epoch.) So the next verification on this instance, once
 * the mutation has returned, reads the committed state.
 */
export function applyVerificationChange(prisma: PrismaClient, change: VerificationChange): void {
  for (const listener of localListeners.get(prisma) ?? []) listener(change);
}

/** Registers a cache for the changes made through this client; returns the unsubscribe function. */
export function onVerificationChange(prisma: PrismaClient, listener: (change: VerificationChange) => void): () => void {
  const listeners = localListeners.get(prisma) ?? new Set();
  localListeners.set(prisma, listeners);
  listeners.add(listener);
  return () => listeners.delete(listener);
}
