import { recordAuditByCaller } from "../audit.ts";
import type { AuditAction } from "../audit-actions.ts";
import { ValidationError } from "../errors.ts";
import type { OperationContext } from "../operation-context.ts";
import { requireActor } from "../operation-context.ts";
import { canOwnResources } from "../roles.ts";
import { runChange } from "../verification/changes.ts";
import { enqueueApiKeyEvent } from "../webhooks/events.ts";
import { authorizeKeyWrite, lockKey } from "./key-access.ts";

export type DeleteApiKeyInput = {
  id: string;
  /** A member (user id) with role EDITOR or higher who receives ownership of every resource the key owns. */
  transferOwnershipTo?: string | null;
};

export type DeletedApiKey = {
  deletedId: string;
  /** Resources now owned by the member named in `transferOwnershipTo`. */
  transferredResourceIds: string[];
  /** Resources the key owned alone, deleted with it (none when ownership was transferred). */
  deletedResourceIds: string[];
};

const notAnOwnerCandidate = "transferOwnershipTo must be a member of this organization with role EDITOR or higher.";

/**
 * Deletes a key physically, with everything hanging off it, in one transaction: its restrictions
 * (scopes, resources, accounts), access-control entries and ownerships go by cascade. Before that, the
 * resources it owns are either handed to the named member or, without one, deleted when the key was
 * their only owner (co-owned resources simply lose the key as an owner).
 */
export async function deleteApiKey(ctx: OperationContext, input: DeleteApiKeyInput): Promise<DeletedApiKey> {
  requireActor(ctx.viewer);
  const { organizationId } = await authorizeKeyWrite(ctx, input.id);
  const recipientId = input.transferOwnershipTo ?? null;

  return runChange(ctx, async (tx, changed) => {
    const key = await lockKey(tx, organizationId, input.id);
    const audit = (action: AuditAction, target: { type: string; id: string; label: string }, changes = {}) =>
      recordAuditByCaller(tx, ctx, { organizationId, action, target, changes });

    let recipient: { id: string; email: string } | null = null;
    if (recipientId) {
      const membership = await tx.membership.findUnique({
        where: { organizationId_userId: { organizationId, userId: recipientId } },
        select: { role: true, user: { select: { id: true, email: true } } },
      });
      if (!membership || !canOwnResources(membership.role)) {
        throw new ValidationError(notAnOwnerCandidate, "transferOwnershipTo");
      }
      recipient = membership.user;
    }

    const owned = await tx.resource.findMany({
      where: { owners: { some: { apiKeyId: key.id } } },
      select: { id: true, name: true, owners: { select: { apiKeyId: true } } },
      orderBy: { id: "asc" },
    });
    const transferred: string[] = [];
    const deleted: string[] = [];
    if (recipient) {
      // skipDuplicates: a member who already co-owns a resource keeps exactly one owner row.
      await tx.resourceOwner.createMany({
        data: owned.map((r) => ({ resourceId: r.id, userId: recipient.id })),
        skipDuplicates: true,
      });
      for (const resource of owned) {
        transferred.push(resource.id);
        await audit(
          "resource.ownership_transferred",
          { type: "Resource", id: resource.id, label: resource.name },
          { from: { apiKeyId: key.id, name: key.name }, to: { userId: recipient.id, email: recipient.email } },
        );
      }
    } else {
      const solelyOwned = owned.filter((r) => r.owners.every((o) => o.apiKeyId === key.id));
      await tx.resource.deleteMany({ where: { id: { in: solelyOwned.map((r) => r.id) } } });
      for (const resource of solelyOwned) {
        deleted.push(resource.id);
        await audit(
          "resource.deleted",
          { type: "Resource", id: resource.id, label: resource.name },
          { reason: "owned solely by a deleted API key", apiKeyId: key.id },
        );
      }
    }

    await enqueueApiKeyEvent(tx, "api_key.deleted", key.id, ctx.clock.now());
    await tx.apiKey.delete({ where: { id: key.id } });
    await audit(
      "api_key.deleted",
      { type: "ApiKey", id: key.id, label: key.name },
      {
        transferOwnershipTo: recipient ? { userId: recipient.id, email: recipient.email } : null,
        transferredResourceIds: transferred,
        deletedResourceIds: deleted,
      },
    );
    // A deleted key must read as unknown at once; resources deleted with it leave the groups (and
    // grants) other keys are verified against.
    changed({ kind: "key", id: key.id });
    if (deleted.length) changed({ kind: "resources" });
    return { deletedId: key.id, transferredResourceIds: transferred, deletedResourceIds: deleted };
  });
}
