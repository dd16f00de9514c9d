import {
  createApiKey,
  decodeReferenceIds,
  decodeTargetId,
  deleteApiKey,
  encodeId,
  keyNotFound,
  renewApiKey,
  revokeApiKey,
  updateApiKey,
} from "@tessera/core";
import { builder } from "../builder.ts";
import { mutationErrors } from "../errors.ts";
import { maxNestedItems } from "../pagination.ts";
import { ApiKeyRef, KeyRoleEnum } from "./api-key.ts";
import { CreditsInput, RateLimitInput } from "./api-key-traffic.ts";
import { ResourceRef } from "./resource.ts";

const keyId = (globalId: string | number) => decodeTargetId(String(globalId), "ApiKey", keyNotFound);
const referenceIds = (ids: readonly (string | number)[] | null | undefined, typename: string, field: string) =>
  ids == null ? ids : decodeReferenceIds(ids.map(String), typename, field);

/** The traffic controls, the same on create and update (on update, absent keeps them). */
type InputFields = Parameters<Parameters<typeof builder.inputType>[1]["fields"]>[0];
function trafficFields(t: InputFields) {
  return {
    rateLimits: t.field({
      type: [RateLimitInput],
      description: "Named rate limits (at most 20); null or empty: none.",
    }),
    credits: t.field({
      type: CreditsInput,
      description: "Usage credits; null: unlimited. On update, setting them sets `remaining` (audited).",
    }),
    ipAllowlist: t.stringList({
      description:
        "IPv4/IPv6 addresses and CIDR ranges (at most 100) verification accepts; null or empty: any address.",
    }),
  };
}

const CreateApiKeyInput = builder.inputType("CreateApiKeyInput", {
  description: "A new API key. Everything but the organization is optional and has a sensible default.",
  fields: (t) => ({
    organizationId: t.id({ required: true, description: "The organization (an Organization id) the key belongs to." }),
    name: t.string({ description: "Unique within the organization, at most 100 characters. Absent: generated." }),
    description: t.string({ description: "What the key is for, at most 1000 characters." }),
    role: t.field({ type: KeyRoleEnum, defaultValue: "VIEWER", description: "The role the key acts with." }),
    apiVersion: t.string({ description: "The API version's name. Absent: the organization's current version." }),
    scopes: t.stringList({
      description:
        "Data scope names from the catalogue. Null or absent: all data scopes, now and later (never a management scope). May be empty only when `managementScopes` is not.",
    }),
    managementScopes: t.stringList({
      description:
        "Management scopes, granted only by name (`keys:read`, `keys:write`, …). Null or absent: none, so the key cannot manage Tessera. A VIEWER key may hold read scopes only.",
    }),
    resourceIds: t.idList({ description: "Resources and groups (Resource ids) it may reach. Null: all resources." }),
    customerAccountIds: t.idList({ description: "Customer accounts it may act for. Null: all accounts." }),
    origins: t.stringList({ description: "Allowed origins: `host`, `*.host` or `?`. Absent or empty: any origin." }),
    userAgent: t.string({ description: "A case-sensitive substring the User-Agent must contain. Null: any." }),
    expiresAt: t.field({
      type: "DateTime",
      description: "When the key expires: 1 day to 12 months ahead. Null or absent: 12 months from now.",
    }),
    ...trafficFields(t),
  }),
});

const UpdateApiKeyInput = builder.inputType("UpdateApiKeyInput", {
  description:
    "Changes to a key; fields left out stay as they are. Role, secret and expiry cannot be edited (renew to extend the expiry; create a new key for another role). Revoked and expired keys are read-only.",
  fields: (t) => ({
    id: t.id({ required: true, description: "The key (an ApiKey id)." }),
    name: t.string({ description: "A new name, unique within the organization." }),
    description: t.string({ description: "A new description; null clears it." }),
    apiVersion: t.string({ description: "Pin the key to this (non-deprecated) API version." }),
    scopes: t.stringList({
      description: "The data scopes the key may use; null: all data scopes (never a management scope).",
    }),
    managementScopes: t.stringList({
      description:
        "The management scopes the key holds, by name, replacing the current ones; empty: none. Null or absent: unchanged. A VIEWER key may hold read scopes only.",
    }),
    resourceIds: t.idList({ description: "The resources the key may reach; null: all resources." }),
    customerAccountIds: t.idList({ description: "The customer accounts the key may act for; null: all accounts." }),
    origins: t.stringList({ description: "Allowed origins; empty or null: any origin." }),
    userAgent: t.string({ description: "Required User-Agent substring; null: any user agent." }),
    ...trafficFields(t),
  }),
});

const RenewApiKeyInput = builder.inputType("RenewApiKeyInput", {
  description: "The key to renew: its expiry becomes 12 months from now.",
  fields: (t) => ({ id: t.id({ required: true, description: "The key (an ApiKey id); it must be active." }) }),
});

const RevokeApiKeyInput = builder.inputType("RevokeApiKeyInput", {
  description: "The key to revoke, for good.",
  fields: (t) => ({
    id: t.id({ required: true, description: "The key (an ApiKey id)." }),
    reason: t.string({ description: "Why, for the record (at most 500 characters)." }),
  }),
});

const DeleteApiKeyInput = builder.inputType("DeleteApiKeyInput", {
  description: "The key to delete, and who inherits the resources it owns.",
  fields: (t) => ({
    id: t.id({ required: true, description: "The key (an ApiKey id)." }),
    transferOwnershipTo: t.id({
      description:
        "A member (User id) with role EDITOR or higher who becomes owner of every resource the key owns. Absent: resources owned solely by the key are deleted with it.",
    }),
  }),
});

/** A payload that carries one key, loaded with whatever the client selected. */
function keyPayload<T extends { apiKeyId: string }>(name: string, description: string) {
  return builder.objectRef<T>(name).implement({
    description,
    fields: (t) => ({
      apiKey: t.prismaField({
        type: ApiKeyRef,
        description: "The key as it is now.",
        resolve: (query, payload, _args, ctx) =>
          ctx.prisma.apiKey.findUniqueOrThrow({ ...query, where: { id: payload.apiKeyId } }),
      }),
    }),
  });
}

const CreateApiKeyPayload = keyPayload<{ apiKeyId: string; secret: string }>(
  "CreateApiKeyPayload",
  "The key was created. Copy its secret now: it is never shown again.",
);
builder.objectFields(CreateApiKeyPayload, (t) => ({
  secret: t.exposeString("secret", {
    description: "The key's secret. Shown this once and never again: Tessera keeps only a hash. Store it now.",
  }),
}));

const UpdateApiKeyPayload = keyPayload("UpdateApiKeyPayload", "The key was changed.");
const RenewApiKeyPayload = keyPayload("RenewApiKeyPayload", "The key was renewed: it now expires 12 months from now.");
const RevokeApiKeyPayload = keyPayload("RevokeApiKeyPayload", "The key was revoked; it is refused from now on.");

const DeleteApiKeyPayload = builder
  .objectRef<{ deletedId: string; transferredResourceIds: string[]; deletedResourceIds: string[] }>(
    "DeleteApiKeyPayload",
  )
  .implement({
    description: "The key was deleted, with its restrictions and access-control entries.",
    fields: (t) => ({
      deletedId: t.id({ description: "The deleted key's id.", resolve: (p) => encodeId("ApiKey", p.deletedId) }),
      transferredResources: t.prismaField({
        type: [ResourceRef],
        description:
          "Resources the key owned that now belong to the member named in `transferOwnershipTo`, by name, at most 100. Empty unless you may read resources (`resources:read`).",
        resolve: (query, p, _args, ctx) =>
          ctx.prisma.resource.findMany({
            ...query,
            where: { id: { in: p.transferredResourceIds } },
            orderBy: [{ name: "asc" }, { id: "asc" }],
            take: maxNestedItems,
          }),
      }),
      deletedResourceIds: t.idList({
        description: "Resources owned solely by the key, deleted with it (empty when ownership was transferred).",
        resolve: (p) => p.deletedResourceIds.map((id) => encodeId("Resource", id)),
      }),
    }),
  });

builder.mutationFields((t) => ({
  createApiKey: t.field({
    type: CreateApiKeyPayload,
    description: "Issues an API key. The payload carries its secret: the only time it is ever returned.",
    errors: {
      types: mutationErrors,
      union: {
        name: "CreateApiKeyResult",
        description: "The outcome of createApiKey: the new key with its secret, or why nothing was created.",
      },
    },
    args: { input: t.arg({ type: CreateApiKeyInput, required: true, description: "The new key." }) },
    resolve: (_root, { input }, ctx) =>
      createApiKey(ctx, {
        ...input,
        organizationId: decodeTargetId(String(input.organizationId), "Organization", "Organization not found."),
        resourceIds: referenceIds(input.resourceIds, "Resource", "resourceIds"),
        customerAccountIds: referenceIds(input.customerAccountIds, "CustomerAccount", "customerAccountIds"),
      }),
  }),
  updateApiKey: t.field({
    type: UpdateApiKeyPayload,
    description: "Edits a key's name, description, API version and restrictions.",
    errors: {
      types: mutationErrors,
      union: {
        name: "UpdateApiKeyResult",
        description: "The outcome of updateApiKey: the changed key, or why nothing changed.",
      },
    },
    args: { input: t.arg({ type: UpdateApiKeyInput, required: true, description: "The changes." }) },
    resolve: (_root, { input }, ctx) =>
      updateApiKey(ctx, {
        ...input,
        id: keyId(input.id),
        resourceIds: referenceIds(input.resourceIds, "Resource", "resourceIds"),
        customerAccountIds: referenceIds(input.customerAccountIds, "CustomerAccount", "customerAccountIds"),
      }),
  }),
  renewApiKey: t.field({
    type: RenewApiKeyPayload,
    description:
      "Renews an active key: it then expires 12 months from now. Revoked and expired keys cannot be renewed.",
    errors: {
      types: mutationErrors,
      union: {
        name: "RenewApiKeyResult",
        description: "The outcome of renewApiKey: the renewed key, or why it was not renewed.",
      },
    },
    args: { input: t.arg({ type: RenewApiKeyInput, required: true, description: "The key to renew." }) },
    resolve: (_root, { input }, ctx) => renewApiKey(ctx, { id: keyId(input.id) }),
  }),
  revokeApiKey: t.field({
    type: RevokeApiKeyPayload,
    description: "Revokes a key. Irreversible: the key is refused from the very next verification.",
    errors: {
      types: mutationErrors,
      union: {
        name: "RevokeApiKeyResult",
        description: "The outcome of revokeApiKey: the revoked key, or why it was not revoked.",
      },
    },
    args: { input: t.arg({ type: RevokeApiKeyInput, required: true, description: "The key and the reason." }) },
    resolve: (_root, { input }, ctx) => revokeApiKey(ctx, { id: keyId(input.id), reason: input.reason }),
  }),
  deleteApiKey: t.field({
    type: DeleteApiKeyPayload,
    description:
      "Deletes a key for good, transferring or deleting the resources it owns and removing its access-control entries, atomically.",
    errors: {
      types: mutationErrors,
      union: {
        name: "DeleteApiKeyResult",
        description: "The outcome of deleteApiKey: what was deleted and transferred, or why nothing was.",
      },
    },
    args: { input: t.arg({ type: DeleteApiKeyInput, required: true, description: "The key and the heir." }) },
    resolve: (_root, { input }, ctx) =>
      deleteApiKey(ctx, {
        id: keyId(input.id),
        transferOwnershipTo:
          input.transferOwnershipTo == null
            ? null
            : (decodeReferenceIds([String(input.transferOwnershipTo)], "User", "transferOwnershipTo")[0] ?? null),
      }),
  }),
}));
