import { managementScopes } from "@tessera/core";
import { builder } from "../builder.ts";
import { maxNestedItems } from "../pagination.ts";

export const MemberRoleEnum = builder.enumType("MemberRole", {
  description: "A member's role in an organization. OWNER and ADMIN manage keys and accounts; EDITOR and VIEWER read.",
  values: {
    OWNER: { description: "Full control, including the organization itself." },
    ADMIN: { description: "Manages API keys, customer accounts and account tokens." },
    EDITOR: { description: "Reads everything but secrets and tokens; may create and own resources." },
    VIEWER: { description: "Reads everything but secrets and tokens." },
  } as const,
});

export const MemberRef = builder.prismaObject("Membership", {
  name: "Member",
  description:
    "A user's membership of an organization, with their role there. Readable by every member and by keys with `members:read`.",
  fields: (t) => ({
    user: t.relation("user", { description: "The member." }),
    role: t.expose("role", { type: MemberRoleEnum, description: "The member's role in this organization." }),
    joinedAt: t.expose("createdAt", { type: "DateTime", description: "When they joined the organization." }),
    lastActiveAt: t.field({
      type: "DateTime",
      nullable: true,
      description:
        "When they last used Tessera (any session, up to a minute behind); null when never or signed out everywhere.",
      resolve: async (m, _args, ctx) =>
        (await ctx.prisma.session.aggregate({ where: { userId: m.userId }, _max: { lastSeenAt: true } }))._max
          .lastSeenAt,
    }),
  }),
});

export const ScopeKindEnum = builder.enumType("ScopeKind", {
  description: "Whether a scope is the partner's own action (DATA) or power over Tessera itself (MANAGEMENT).",
  values: {
    DATA: {
      description:
        "The partner's own action, e.g. `vehicles:read`: what services check at verification. `allScopes` means every DATA scope.",
    },
    MANAGEMENT: {
      description:
        "What a key may do to Tessera itself (`keys:write`, …), granted only by name in `managementScopes`; never verified, never implied by `allScopes`.",
    },
  } as const,
});

builder.prismaObject("Scope", {
  description:
    "An action an API key may be allowed: a data scope such as `vehicles:read`, or a management scope Tessera itself honours (`keys:write`, …).",
  fields: (t) => ({
    name: t.exposeString("name", { description: "The scope's name, e.g. `vehicles:read`." }),
    description: t.exposeString("description", { description: "What the scope allows." }),
    kind: t.expose("kind", {
      type: ScopeKindEnum,
      description: "DATA for the partner's own actions, MANAGEMENT for power over Tessera itself.",
    }),
    management: t.boolean({
      description:
        "True for the scopes that let a key manage Tessera itself (`keys:*`, `accounts:*`, `resources:*`, `members:read`, `webhooks:*`); the same as `kind: MANAGEMENT`.",
      resolve: (scope) => scope.kind === "MANAGEMENT",
    }),
  }),
});

builder.prismaObject("ApiVersion", {
  description: "A version of the partner's API that a key is pinned to.",
  fields: (t) => ({
    name: t.exposeString("name", { description: "The version's name, e.g. `v2`." }),
    description: t.exposeString("description", { nullable: true, description: "Notes about this version." }),
    deprecated: t.exposeBoolean("deprecated", {
      description: "Deprecated versions still work for existing keys but should not be chosen for new ones.",
    }),
    releasedAt: t.expose("releasedAt", { type: "DateTime", description: "When the version was released." }),
  }),
});

export const OrganizationRef = builder.prismaNode("Organization", {
  id: { field: "id" },
  description: "A partner organization: it owns API keys, customer accounts and resources, and has members.",
  fields: (t) => ({
    slug: t.exposeString("slug", { description: "Short unique name used in URLs, e.g. `acme-fleet`." }),
    name: t.exposeString("name", { description: "Display name." }),
    viewerRole: t.field({
      type: MemberRoleEnum,
      nullable: true,
      description: "Your role in this organization; null when you call with an API key.",
      resolve: async (org, _args, ctx) => (await ctx.access.inOrganization(org.id))?.role ?? null,
    }),
    members: t.relation("memberships", {
      description:
        "Everyone who belongs to the organization, by role (OWNER first), then by email, at most 100. Empty for an API key without `members:read`.",
      query: { orderBy: [{ role: "asc" }, { user: { email: "asc" } }], take: maxNestedItems },
    }),
    scopes: t.relation("scopes", {
      description: `The scope catalogue ("available actions"): data scopes, then the management scopes (${managementScopes.map((s) => s.name).join(", ")}), at most 100.`,
      query: { orderBy: [{ kind: "asc" }, { name: "asc" }], take: maxNestedItems },
    }),
    apiVersions: t.relation("apiVersions", {
      description: "The organization's API versions, newest first, at most 100.",
      query: { orderBy: [{ releasedAt: "desc" }, { name: "desc" }], take: maxNestedItems },
    }),
  }),
});
