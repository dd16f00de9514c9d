import { type RestrictionLost, restrictionsOn, subtreeIds } from "@tessera/core";
import type { Permission } from "@tessera/db";
import { builder } from "../builder.ts";
import { maxNestedItems } from "../pagination.ts";
import { ApiKeyRef } from "./api-key.ts";
import { ResourceRef } from "./resource.ts";
import { UserRef } from "./user.ts";

export const ResourcePermissionEnum = builder.enumType("ResourcePermission", {
  description: "What an access entry grants on a resource (and, for a group, on everything it contains).",
  values: {
    READ: { description: "See the resource." },
    WRITE: { description: "Rename, move and delete it (with `resources:write` or role EDITOR or higher)." },
  } as const,
});

type AccessEntryShape = {
  id: string;
  organizationId: string;
  userId: string | null;
  apiKeyId: string | null;
  permission: Permission;
  createdAt: Date;
};

export const ResourceAccessEntryRef = builder.objectRef<AccessEntryShape>("ResourceAccessEntry").implement({
  description:
    "A permission a member or a key holds on a resource. Readable like resources; the member or key in it only where you may read members or keys.",
  fields: (t) => ({
    id: t.exposeID("id", { description: "The entry's id." }),
    permission: t.field({
      type: ResourcePermissionEnum,
      description: "What it grants.",
      resolve: (entry) => (entry.permission === "WRITE" ? "WRITE" : "READ"),
    }),
    user: t.field({
      type: UserRef,
      nullable: true,
      description: "The member it is granted to; null for a key, or when you may not read members.",
      resolve: (entry, _args, ctx) =>
        entry.userId ? ctx.prisma.user.findUnique({ where: { id: entry.userId } }) : null,
    }),
    apiKey: t.field({
      type: ApiKeyRef,
      nullable: true,
      description: "The key it is granted to; null for a member, or when you may not read keys.",
      resolve: (entry, _args, ctx) =>
        entry.apiKeyId ? ctx.prisma.apiKey.findUnique({ where: { id: entry.apiKeyId } }) : null,
    }),
    createdAt: t.expose("createdAt", { type: "DateTime", description: "When it was granted." }),
  }),
});

type RestrictionLossShape = RestrictionLost & { organizationId: string };

export const KeyRestrictionLossRef = builder.objectRef<RestrictionLossShape>("KeyRestrictionLoss").implement({
  description:
    "A key restricted to resources that a deletion removes. A key left with no resources stays restricted (to nothing) and is refused with RESOURCE_FORBIDDEN until it is edited; it never widens to all resources. Readable where you may read keys.",
  fields: (t) => ({
    apiKey: t.field({
      type: ApiKeyRef,
      nullable: true,
      description: "The key; null once it no longer exists.",
      resolve: (loss, _args, ctx) => ctx.prisma.apiKey.findUnique({ where: { id: loss.apiKeyId } }),
    }),
    keyName: t.exposeString("name", { description: "The key's name." }),
    lostResourceCount: t.int({
      description: "How many of the key's resources the deletion removes.",
      resolve: (loss) => loss.resourceIds.length,
    }),
    leftWithNoResources: t.exposeBoolean("leftWithNoResources", {
      description: "True when the key was restricted to deleted resources only: it will reach no resource at all.",
    }),
  }),
});

type DeletionImpactShape = { organizationId: string; resourceIds: string[]; restrictionsLost: RestrictionLossShape[] };

export const ResourceDeletionImpactRef = builder.objectRef<DeletionImpactShape>("ResourceDeletionImpact").implement({
  description: "What deleting a resource would take with it; nothing is deleted by reading this.",
  fields: (t) => ({
    resourceCount: t.int({
      description: "How many resources go: the resource itself and, for a group, everything it contains.",
      resolve: (impact) => impact.resourceIds.length,
    }),
    restrictionsLost: t.field({
      type: [KeyRestrictionLossRef],
      description: "The keys restricted to any of them, which lose those entries. Only keys you may read.",
      resolve: (impact) => impact.restrictionsLost,
    }),
  }),
});

/** The restrictions lost, labelled with the organization (whose read rule decides who sees them). */
export function withOrganization(organizationId: string, lost: RestrictionLost[]): RestrictionLossShape[] {
  return lost.map((loss) => ({ ...loss, organizationId }));
}

builder.prismaObjectFields(ResourceRef, (t) => ({
  accessEntries: t.field({
    type: [ResourceAccessEntryRef],
    description: "Who else holds a permission on this resource (oldest first, at most 100).",
    resolve: async (resource, _args, ctx) => {
      const entries = await ctx.prisma.accessControlEntry.findMany({
        where: { resourceId: resource.id, permission: { in: ["READ", "WRITE"] } },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        take: maxNestedItems,
      });
      return entries.map((entry) => ({ ...entry, organizationId: resource.organizationId }));
    },
  }),
  deletionImpact: t.field({
    type: ResourceDeletionImpactRef,
    description:
      "What `deleteResource` (with `recursive` for a group) would delete and which keys would lose a restriction.",
    resolve: async (resource, _args, ctx) => {
      const resourceIds = await subtreeIds(ctx.prisma, resource.id);
      const lost = await restrictionsOn(ctx.prisma, resourceIds);
      return {
        organizationId: resource.organizationId,
        resourceIds,
        restrictionsLost: withOrganization(resource.organizationId, lost),
      };
    },
  }),
}));
