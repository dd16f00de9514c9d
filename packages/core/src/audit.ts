import type { Prisma } from "@tessera/db";
import type { AuditAction } from "./audit-actions.ts";
import { type OperationContext, requireActor } from "./operation-context.ts";
import type { Actor } from "./viewer.ts";

export type AuditTarget = { type: string; id?: string | null; label?: string | null };

export type AuditInput = {
  organizationId: string;
  actor: Actor;
  action: AuditAction;
  target: AuditTarget;
  sourceAddress?: string | null;
  /** The request's User-Agent, when known (cut to 500 characters). */
  userAgent?: string | null;
  /** What changed, as { field: { from, to } } or a short summary. Never a secret. */
  changes?: Prisma.InputJsonValue;
};

/** A User-Agent is whatever the client sent: kept long enough to read, never unbounded. */
const maxAuditUserAgentLength = 500;

/** Records one audit event. Call it with the transaction that makes the change, so both commit or neither. */
export async function recordAudit(tx: Prisma.TransactionClient, input: AuditInput): Promise<void> {
  await tx.auditEvent.create({
    data: {
      organizationId: input.organizationId,
      action: input.action,
      actorUserId: input.actor.kind === "user" ? input.actor.userId : null,
      actorApiKeyId: input.actor.kind === "apiKey" ? input.actor.keyId : null,
      actorLabel: input.actor.label,
      targetType: input.target.type,
      targetId: input.target.id ?? null,
      targetLabel: input.target.label ?? null,
      sourceAddress: input.sourceAddress ?? null,
      userAgent: input.userAgent?.slice(0, maxAuditUserAgentLength) ?? null,
      changes: input.changes ?? {},
    },
  });
}

/**
 * Records the audit event of an operation a member or key asked for: the caller is the actor and the
 * request's address is the source, so an operation names only what it did. Same transaction rule as
 * `recordAudit`.
 */
export async function recordAuditByCaller(
  tx: Prisma.TransactionClient,
  ctx: Pick<OperationContext, "viewer" | "sourceAddress" | "userAgent">,
  event: Omit<AuditInput, "actor" | "sourceAddress" | "userAgent">,
): Promise<void> {
  await recordAudit(tx, {
    ...event,
    actor: requireActor(ctx.viewer),
    sourceAddress: ctx.sourceAddress,
    userAgent: ctx.userAgent ?? null,
  });
}
