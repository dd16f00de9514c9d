import {
  decodeId,
  grantResourceAccess,
  type PrincipalInput,
  revokeResourceAccess,
  transferResourceOwnership,
} from "@tessera/core";
import type { AccessControlEntry, Resource } from "@tessera/db";
import { builder } from "../builder.ts";
import { ResourceRef } from "./resource.ts";
import { ResourceAccessEntryRef, ResourcePermissionEnum } from "./resource-access.ts";
import { resourceErrors, resourceId, resourcePayload } from "./resource-mutations.ts";

const TransferResourceOwnershipInput = builder.inputType("TransferResourceOwnershipInput", {
  description: "A resource and its new owner: exactly one of `toUserId` and `toKeyId`.",
  fields: (t) => ({
    id: t.id({ required: true, description: "The resource (a Resource id)." }),
    toUserId: t.id({ description: "A member (a User id) with role EDITOR or higher." }),
    toKeyId: t.id({ description: "An active API key (an ApiKey id) of the organization." }),
  }),
});

const PrincipalInputRef = builder.inputType("ResourcePrincipalInput", {
  description: "Who an access entry is for: exactly one of a member and a key of the resource's organization.",
  fields: (t) => ({
    userId: t.id({ description: "A member (a User id)." }),
    keyId: t.id({ description: "An API key (an ApiKey id)." }),
  }),
});

const ResourceAccessInput = (name: string, description: string) =>
  builder.inputType(name, {
    description,
    fields: (t) => ({
      resourceId: t.id({
        required: true,
        description: "The resource (a Resource id); a group covers what it contains.",
      }),
      principal: t.field({ type: PrincipalInputRef, required: true, description: "The member or key." }),
      permission: t.field({ type: ResourcePermissionEnum, required: true, description: "READ or WRITE." }),
    }),
  });

/**
 * A principal's ids as core takes them. A malformed id, or one of another type, is passed on as an
 * id no member or key has, so it reads like any unknown principal (a validation error on `principal`).
 */
function principalIds(input: { userId?: string | number | null; keyId?: string | number | null }): PrincipalInput {
  const decode = (id: string | number | null | undefined, typename: string) =>
    id == null ? null : (decodeId(String(id), typename) ?? String(id));
  return { userId: decode(input.userId, "User"), keyId: decode(input.keyId, "ApiKey") };
}

const GrantResourceAccessPayload = builder
  .objectRef<{ resource: Resource; entry: AccessControlEntry }>("GrantResourceAccessPayload")
  .implement({
    description: "The permission is granted (granting one already held changes nothing).",
    fields: (t) => ({
      resource: t.field({ type: ResourceRef, description: "The resource.", resolve: (p) => p.resource }),
      accessEntry: t.field({
        type: ResourceAccessEntryRef,
        description: "The entry that grants it.",
        resolve: (p) => ({ ...p.entry, organizationId: p.resource.organizationId }),
      }),
    }),
  });

builder.mutationFields((t) => ({
  transferResourceOwnership: t.field({
    type: resourcePayload("TransferResourceOwnershipPayload", "The resource has its new owner, and only that one."),
    description:
      "Hands a resource to a new owner, replacing every current owner. Needs OWNER or ADMIN, or `resources:write` and ownership of the resource or a group above it.",
    errors: resourceErrors("TransferResourceOwnershipResult", "transferResourceOwnership"),
    args: {
      input: t.arg({
        type: TransferResourceOwnershipInput,
        required: true,
        description: "The resource and its new owner.",
      }),
    },
    resolve: async (_root, { input }, ctx) => {
      const to = principalIds({ userId: input.toUserId, keyId: input.toKeyId });
      return {
        resource: await transferResourceOwnership(ctx, {
          id: resourceId(input.id),
          toUserId: to.userId,
          toKeyId: to.keyId,
        }),
      };
    },
  }),
  grantResourceAccess: t.field({
    type: GrantResourceAccessPayload,
    description:
      "Grants a member or a key READ or WRITE on a resource (for a group, on what it contains). WRITE lets them rename, move and delete it. Needs the same say as `transferResourceOwnership`.",
    errors: resourceErrors("GrantResourceAccessResult", "grantResourceAccess"),
    args: {
      input: t.arg({
        type: ResourceAccessInput("GrantResourceAccessInput", "A permission to grant."),
        required: true,
        description: "The resource, the member or key, and the permission.",
      }),
    },
    resolve: (_root, { input }, ctx) =>
      grantResourceAccess(ctx, {
        resourceId: resourceId(input.resourceId),
        principal: principalIds(input.principal),
        permission: input.permission,
      }),
  }),
  revokeResourceAccess: t.field({
    type: resourcePayload("RevokeResourceAccessPayload", "The permission is taken back."),
    description: "Takes back a permission granted with `grantResourceAccess`. Needs the same say as granting it.",
    errors: resourceErrors("RevokeResourceAccessResult", "revokeResourceAccess"),
    args: {
      input: t.arg({
        type: ResourceAccessInput("RevokeResourceAccessInput", "A permission to take back."),
        required: true,
        description: "The resource, the member or key, and the permission.",
      }),
    },
    resolve: async (_root, { input }, ctx) => ({
      resource: await revokeResourceAccess(ctx, {
        resourceId: resourceId(input.resourceId),
        principal: principalIds(input.principal),
        permission: input.permission,
      }),
    }),
  }),
}));
