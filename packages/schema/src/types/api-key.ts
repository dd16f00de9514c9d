import { apiKeyStatus } from "@tessera/core";
import type { ScopeKind } from "@tessera/db";
import { builder } from "../builder.ts";
import { maxNestedItems } from "../pagination.ts";

/** The names of the scopes of one kind a key holds by name, sorted. */
const heldScopes = (key: { scopes: { scope: { name: string; kind: ScopeKind } }[] }, kind: ScopeKind) =>
  key.scopes
    .filter((s) => s.scope.kind === kind)
    .map((s) => s.scope.name)
    .sort();

export const KeyRoleEnum = builder.enumType("KeyRole", {
  description: "The role an API key acts with in the partner's API.",
  values: {
    EDITOR: { description: "May read and change data; may hold any management scope." },
    VIEWER: {
      description: "May only read data; may hold read management scopes only (`keys:read`, never `keys:write`).",
    },
  } as const,
});

export const ApiKeyStatusEnum = builder.enumType("ApiKeyStatus", {
  description: "Where a key is in its life. EXPIRED and REVOKED keys are refused by verification.",
  values: {
    ACTIVE: { description: "Usable, and more than 90 days from expiry." },
    EXPIRING: { description: "Usable, but expires within 90 days: renew it." },
    EXPIRED: { description: "Past its expiry date. It can never be renewed: create a new key." },
    REVOKED: { description: "Revoked by an admin. Irreversible." },
  } as const,
});

export const ApiKeyRef = builder.prismaNode("ApiKey", {
  id: { field: "id" },
  description:
    "An API key. Its secret is shown once, when it is created; Tessera keeps only a hash. Readable with `keys:read` or `keys:write` (every member may); a key always reads itself. Elsewhere a key you may not read is left out of lists and is null (or a FORBIDDEN error where the field cannot be null).",
  fields: (t) => ({
    name: t.exposeString("name", { description: "A name unique within the organization." }),
    description: t.exposeString("description", { nullable: true, description: "What the key is for." }),
    hint: t.exposeString("hint", {
      description: "The prefix and first characters of the secret, to recognise the key. Never the secret.",
    }),
    role: t.expose("role", { type: KeyRoleEnum, description: "The role the key acts with." }),
    apiVersion: t.string({
      description: "The API version the key is pinned to (from the organization's catalogue).",
      select: { apiVersion: { select: { name: true } } },
      resolve: (key) => key.apiVersion.name,
    }),
    status: t.field({
      type: ApiKeyStatusEnum,
      description: "ACTIVE, EXPIRING (expires within 90 days), EXPIRED or REVOKED, as of now.",
      select: { revokedAt: true, expiresAt: true },
      resolve: (key, _args, ctx) => apiKeyStatus(key, ctx.clock.now()),
    }),
    allScopes: t.exposeBoolean("allScopes", {
      description:
        "True when the key holds every DATA scope of the organization's catalogue, now and later. Never includes a management scope.",
    }),
    scopes: t.stringList({
      description:
        "The data scopes the key holds by name when `allScopes` is false (empty when it is true): what services check at verification.",
      select: { scopes: { select: { scope: { select: { name: true, kind: true } } } } },
      resolve: (key) => heldScopes(key, "DATA"),
    }),
    managementScopes: t.stringList({
      description:
        "The management scopes the key holds by name (`keys:write`, …): everything it may do to Tessera when it calls the API as `Authorization: Bearer`. Empty: it cannot manage Tessera.",
      select: { scopes: { select: { scope: { select: { name: true, kind: true } } } } },
      resolve: (key) => heldScopes(key, "MANAGEMENT"),
    }),
    allResources: t.exposeBoolean("allResources", { description: "True when the key may reach every resource." }),
    resources: t.prismaField({
      type: ["Resource"],
      description:
        "The resources and groups the key may reach when `allResources` is false (a group grants what it contains), by name, at most 100. Empty unless you may read resources (`resources:read`; every member may).",
      select: { id: true },
      resolve: (query, key, _args, ctx) =>
        ctx.prisma.resource.findMany({
          ...query,
          where: { grantedToKeys: { some: { apiKeyId: key.id } } },
          orderBy: [{ name: "asc" }, { id: "asc" }],
          take: maxNestedItems,
        }),
    }),
    allCustomerAccounts: t.exposeBoolean("allCustomerAccounts", {
      description: "True when the key may act for every customer account of the organization.",
    }),
    customerAccounts: t.prismaField({
      type: ["CustomerAccount"],
      description:
        "The customer accounts the key may act for when `allCustomerAccounts` is false, by name, at most 100. Empty unless you may read accounts (`accounts:read`; every member may).",
      select: { id: true },
      resolve: (query, key, _args, ctx) =>
        ctx.prisma.customerAccount.findMany({
          ...query,
          where: { apiKeys: { some: { apiKeyId: key.id } } },
          orderBy: [{ name: "asc" }, { id: "asc" }],
          take: maxNestedItems,
        }),
    }),
    origins: t.exposeStringList("origins", {
      description:
        "Allowed HTTP origins: `host`, `*.host` (subdomains) or `?` (requests without Origin/Referer). Empty: any origin.",
    }),
    userAgent: t.exposeString("userAgent", {
      nullable: true,
      description: "A case-sensitive substring the User-Agent must contain; null: any user agent.",
    }),
    expiresAt: t.expose("expiresAt", { type: "DateTime", description: "When the key stops working." }),
    createdAt: t.expose("createdAt", { type: "DateTime", description: "When the key was created." }),
    updatedAt: t.expose("updatedAt", { type: "DateTime", description: "When the key was last changed." }),
    lastUsedAt: t.expose("lastUsedAt", {
      type: "DateTime",
      nullable: true,
      description: "When the key was last used successfully; null if never.",
    }),
    renewedAt: t.expose("renewedAt", {
      type: "DateTime",
      nullable: true,
      description: "When the key was last renewed.",
    }),
    revokedAt: t.expose("revokedAt", { type: "DateTime", nullable: true, description: "When the key was revoked." }),
    revokedReason: t.exposeString("revokedReason", {
      nullable: true,
      description: "Why the key was revoked, as given by whoever revoked it.",
    }),
    createdBy: t.relation("createdByUser", {
      nullable: true,
      description:
        "The member who created the key; null when another key created it, the member was removed, or you may not read members (`members:read`; every member may).",
    }),
    ownedResources: t.prismaField({
      type: ["Resource"],
      description:
        "Resources this key owns (it created them), by name, at most 100. On delete they are transferred or deleted. Empty unless you may read resources (`resources:read`).",
      select: { id: true },
      resolve: (query, key, _args, ctx) =>
        ctx.prisma.resource.findMany({
          ...query,
          where: { owners: { some: { apiKeyId: key.id } } },
          orderBy: [{ name: "asc" }, { id: "asc" }],
          take: maxNestedItems,
        }),
    }),
  }),
});
