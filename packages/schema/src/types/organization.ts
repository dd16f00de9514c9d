import { managementScopes, maxMemberSearchLength, memberSearchWhere, ValidationError } from "@tessera/core";
import { GraphQLError } from "graphql";
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
        "Everyone who belongs to the organization, by role (OWNER first), then by email, at most 100; `search` finds the others. Empty for an API key without `members:read`.",
      args: {
        search: t.arg.string({
          description: `Only members whose email or name contains this text, case-insensitive, after trimming; blank for everyone. At most ${maxMemberSearchLength} characters (longer is a BAD_USER_INPUT error).`,
        }),
      },
      query: (args, _ctx) => ({
        where: searchWhere(args.search),
        orderBy: [{ role: "asc" }, { user: { email: "asc" } }],
        take: maxNestedItems,
      }),
    }),
    scopes: t.relation("scopes", {
      description: `The scope catalogue ("available actions"), retired scopes included: data scopes, then the management scopes (${managementScopes.map((s) => s.name).join(", ")}), at most 100.`,
      query: { orderBy: [{ kind: "asc" }, { name: "asc" }], take: maxNestedItems },
    }),
    apiVersions: t.relation("apiVersions", {
      description: "The organization's API versions, newest first, at most 100.",
      query: { orderBy: [{ releasedAt: "desc" }, { name: "desc" }], take: maxNestedItems },
    }),
    defaultApiVersion: t.relation("defaultApiVersion", {
      nullable: true,
      description: "The API version new keys get when none is chosen (`setDefaultApiVersion`).",
    }),
  }),
});

/** Core's search condition; a search it refuses is a BAD_USER_INPUT error naming the argument. */
function searchWhere(search: string | null | undefined) {
  try {
    return memberSearchWhere(search);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    throw new GraphQLError(error.message, { extensions: { code: "BAD_USER_INPUT", argument: "search" } });
  }
}
