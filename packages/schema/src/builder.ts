import SchemaBuilder from "@pothos/core";
import ErrorsPlugin from "@pothos/plugin-errors";
import PrismaPlugin from "@pothos/plugin-prisma";
import RelayPlugin from "@pothos/plugin-relay";
import ScopeAuthPlugin from "@pothos/plugin-scope-auth";
import type { ManagementScope } from "@tessera/core";
import type { Context } from "./context.ts";
import type PrismaTypes from "./generated/pothos-types.ts";
import { getDatamodel } from "./generated/pothos-types.ts";
import { isVisibleNode } from "./node-visibility.ts";

/** Scopes computed once per request (see `authScopes` below) and checked declaratively on fields. */
type AuthScopes = {
  /** A member signed in with a session, or an API key. */
  authenticated: boolean;
  /** The caller may use this management permission in this organization. */
  organization: { organizationId: string; scope: ManagementScope };
  /** The caller is an OWNER or ADMIN member of this organization (never a key). */
  organizationAdmin: string;
};

export const builder = new SchemaBuilder<{
  Context: Context;
  PrismaTypes: PrismaTypes;
  AuthScopes: AuthScopes;
  DefaultFieldNullability: false;
  DefaultEdgesNullability: { list: false; items: false };
  DefaultNodeNullability: false;
  DefaultInputFieldRequiredness: false;
  Scalars: {
    DateTime: { Input: Date; Output: Date };
    JSON: { Input: unknown; Output: unknown };
  };
}>({
  plugins: [ScopeAuthPlugin, ErrorsPlugin, PrismaPlugin, RelayPlugin],
  defaultFieldNullability: false,
  prisma: {
    client: (ctx) => ctx.prisma,
    dmmf: getDatamodel(),
    exposeDescriptions: false,
    filterConnectionTotalCount: true,
    onUnusedQuery: null,
    defaultConnectionSize: 50,
    maxConnectionSize: 100,
  },
  relay: {
    clientMutationId: "omit",
    cursorType: "String",
    nodesOnConnection: true,
    nodesQueryOptions: false,
    nodeTypeOptions: { description: "An object with a globally unique id (Relay object identification)." },
    idFieldOptions: { description: "Globally unique, opaque id. Use it with `node(id:)` and in mutation inputs." },
    pageInfoTypeOptions: { description: "Where a page of a connection sits in the whole list." },
    cursorFieldOptions: { description: "Opaque cursor of this edge; pass it as `after` to get the next page." },
    nodeFieldOptions: { nullable: false, description: "The object at this edge." },
    edgesFieldOptions: { nullable: { list: false, items: false }, description: "The page, with a cursor per object." },
    pageInfoFieldOptions: { description: "Whether there is a next page, and its cursor." },
    hasNextPageFieldOptions: { description: "True when more objects follow this page." },
    hasPreviousPageFieldOptions: { description: "True when objects precede this page." },
    startCursorFieldOptions: { description: "Cursor of the first object of this page." },
    endCursorFieldOptions: {
      description: "Cursor of the last object of this page; pass it as `after` for the next page.",
    },
    nodeQueryOptions: {
      args: { id: { description: "A global id, as returned in any `id` field." } },
      description: "Fetches any object by its global id; null when it does not exist or you may not see it.",
      resolve: async (_root, { id }, ctx, _info, resolveNode) => {
        const node = await resolveNode(id);
        return node && (await isVisibleNode(ctx, id.typename, node)) ? node : null;
      },
    },
  },
  errors: { directResult: true },
  scopeAuth: {
    treatErrorsAsUnauthorized: false,
    authScopes: async (ctx) => ({
      authenticated: ctx.viewer.kind !== "anonymous",
      organization: async ({ organizationId, scope }) =>
        (await ctx.access.inOrganization(organizationId))?.scopes.has(scope) ?? false,
      organizationAdmin: async (organizationId) => {
        const role = (await ctx.access.inOrganization(organizationId))?.role;
        return role === "OWNER" || role === "ADMIN";
      },
    }),
  },
});
