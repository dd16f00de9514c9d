import type { ManagementScope } from "@tessera/core";
import type { Context } from "./context.ts";

/** The read permission a node type needs; types not listed here are never reachable through `node`. */
const readScopeByType: Record<string, ManagementScope> = {
  ApiKey: "keys:read",
  CustomerAccount: "accounts:read",
  Resource: "resources:read",
  WebhookEndpoint: "webhooks:read",
};

/**
 * Tenant isolation for `node(id)`: an object of another organization reads exactly like an id that
 * does not exist (null), so global ids cannot be used to probe other tenants.
 */
export async function isVisibleNode(ctx: Context, typename: string, node: object): Promise<boolean> {
  if (typename === "Organization") {
    return (await ctx.access.inOrganization((node as { id: string }).id)) !== null;
  }
  if (typename === "User") return isVisibleUser(ctx, (node as { id: string }).id);
  const scope = readScopeByType[typename];
  const organizationId = (node as { organizationId?: string }).organizationId;
  if (!scope || !organizationId) return false;
  return (await ctx.access.inOrganization(organizationId))?.scopes.has(scope) ?? false;
}

/** A user is visible to themself and to anyone (member or key) of an organization they belong to. */
async function isVisibleUser(ctx: Context, userId: string): Promise<boolean> {
  const viewer = ctx.viewer;
  if (viewer.kind === "user" && viewer.userId === userId) return true;
  if (viewer.kind === "anonymous") return false;
  const shared = await ctx.prisma.membership.count({
    where: {
      userId,
      organization:
        viewer.kind === "apiKey" ? { id: viewer.organizationId } : { memberships: { some: { userId: viewer.userId } } },
    },
  });
  return shared > 0;
}
