import { type ApiKeyFilter, apiKeyListWhere, apiKeySortFields, decodeId } from "@tessera/core";
import { GraphQLError } from "graphql";
import { builder } from "../builder.ts";
import type { Context } from "../context.ts";
import { totalCountField } from "../pagination.ts";
import { orderInput, sortableOrganizationList } from "../sortable-list.ts";
import { ApiKeyRef, ApiKeyStatusEnum } from "./api-key.ts";
import { OrganizationRef } from "./organization.ts";

export const ApiKeyFilterInput = builder.inputType("ApiKeyFilter", {
  description: "Narrows a list of API keys. All given parts must match.",
  fields: (t) => ({
    search: t.string({ description: "Case-insensitive text found in the name, the description or the hint." }),
    statuses: t.field({
      type: [ApiKeyStatusEnum],
      description: "Only keys in one of these statuses (as of now). Empty or absent: any status.",
    }),
    apiVersion: t.string({ description: "Only keys pinned to this API version (its name, e.g. `v2`)." }),
    createdById: t.id({ description: "Only keys created by this member (a User id)." }),
    createdByKeyId: t.id({ description: "Only keys created by this API key (an ApiKey id)." }),
    expiresBefore: t.field({
      type: "DateTime",
      description: "Only keys that expire before this moment (expired ones included; combine with `statuses`).",
    }),
    unusedSince: t.field({
      type: "DateTime",
      description: "Only keys not used since this moment: never used, or last used before it.",
    }),
    customerAccountId: t.id({
      description:
        "Only keys restricted to this customer account (a CustomerAccount id): keys allowed every account are left out.",
    }),
    resourceId: t.id({
      description: "Only keys restricted to this resource (a Resource id): keys allowed every resource are left out.",
    }),
  }),
});

export const ApiKeyOrderInput = orderInput("ApiKeyOrder", "API keys", {
  NAME: "The key's name.",
  CREATED_AT: "When the key was created.",
  EXPIRES_AT: "When the key expires.",
  LAST_USED_AT: "When the key was last used; keys never used come last in both directions.",
  STATUS: "ACTIVE, EXPIRING, EXPIRED, then REVOKED (ascending); within a status, latest expiry first.",
});

type ApiKeyListArgs = {
  filter?: {
    search?: string | null;
    statuses?: ApiKeyFilter["statuses"];
    apiVersion?: string | null;
    createdById?: string | number | null;
    createdByKeyId?: string | number | null;
    expiresBefore?: Date | null;
    unusedSince?: Date | null;
    customerAccountId?: string | number | null;
    resourceId?: string | number | null;
  } | null;
};

/** The raw id inside a global id of `typename`; a malformed id or one of another type is a clear error. */
function filterId(value: string | number | null | undefined, field: string, typename: string): string | null {
  if (value == null) return null;
  const id = decodeId(String(value), typename);
  if (!id) {
    throw new GraphQLError(`\`filter.${field}\` must be a${/^[AEIOU]/.test(typename) ? "n" : ""} ${typename} id.`, {
      extensions: { code: "BAD_USER_INPUT" },
    });
  }
  return id;
}

/**
 * Ids of another organization need no check of their own: the list is always one organization's keys,
 * so an account, resource or key of another organization matches nothing (an empty list, like an unknown id).
 */
function listWhere(organizationId: string, args: ApiKeyListArgs, ctx: Context) {
  const filter = args.filter ?? {};
  return apiKeyListWhere(
    organizationId,
    {
      ...filter,
      createdById: filterId(filter.createdById, "createdById", "User"),
      createdByKeyId: filterId(filter.createdByKeyId, "createdByKeyId", "ApiKey"),
      customerAccountId: filterId(filter.customerAccountId, "customerAccountId", "CustomerAccount"),
      resourceId: filterId(filter.resourceId, "resourceId", "Resource"),
    },
    ctx.clock.now(),
  );
}

builder.prismaObjectField(OrganizationRef, "apiKeys", (t) =>
  t.connection(
    {
      type: ApiKeyRef,
      description:
        "The organization's API keys in the order asked for (default: newest first), ties by id, with stable cursors. `first` is 1..100 (default 50). Needs `keys:read` or `keys:write` (members of every role have them); without, a FORBIDDEN error.",
      args: {
        filter: t.arg({ type: ApiKeyFilterInput, description: "Narrows the list." }),
        orderBy: t.arg({ type: ApiKeyOrderInput, description: "How to sort; default CREATED_AT DESC." }),
      },
      ...sortableOrganizationList({
        rule: "keys",
        rows: (ctx) => ctx.prisma.apiKey,
        where: listWhere,
        typeName: "ApiKey",
        sort: apiKeySortFields,
        defaultOrder: { field: "CREATED_AT", direction: "DESC" },
      }),
    },
    {
      name: "ApiKeyConnection",
      description: "A page of API keys, with the total number matching the filter.",
      fields: (t) => ({ totalCount: totalCountField(t, "How many keys match the filter, on all pages.") }),
    },
    { name: "ApiKeyEdge", description: "An API key in a page, with its cursor." },
  ),
);
