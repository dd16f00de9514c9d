import { type ApiKeyFilter, apiKeyListWhere, decodeId } from "@tessera/core";
import { GraphQLError } from "graphql";
import { builder } from "../builder.ts";
import type { Context } from "../context.ts";
import { organizationList } from "../organization-list.ts";
import { totalCountField } from "../pagination.ts";
import { ApiKeyStatusEnum } from "./api-key.ts";
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
  }),
});

type ApiKeyListArgs = {
  filter?: {
    search?: string | null;
    statuses?: ApiKeyFilter["statuses"];
    apiVersion?: string | null;
    createdById?: string | number | null;
  } | null;
};

function listWhere(organizationId: string, args: ApiKeyListArgs, ctx: Context) {
  const filter = args.filter ?? {};
  let createdById: string | null = null;
  if (filter.createdById != null) {
    createdById = decodeId(String(filter.createdById), "User");
    if (!createdById) {
      throw new GraphQLError("`filter.createdById` must be a User id.", { extensions: { code: "BAD_USER_INPUT" } });
    }
  }
  return apiKeyListWhere(organizationId, { ...filter, createdById }, ctx.clock.now());
}

builder.prismaObjectField(OrganizationRef, "apiKeys", (t) =>
  t.prismaConnection(
    {
      type: "ApiKey",
      cursor: "id",
      description:
        "The organization's API keys, newest first (ties by id), with stable cursors. `first` is 1..100 (default 50). Needs `keys:read` or `keys:write` (members of every role have them); without, a FORBIDDEN error.",
      args: { filter: t.arg({ type: ApiKeyFilterInput, description: "Narrows the list." }) },
      ...organizationList({ rule: "keys", rows: (ctx) => ctx.prisma.apiKey, where: listWhere }),
    },
    {
      name: "ApiKeyConnection",
      description: "A page of API keys, with the total number matching the filter.",
      fields: (t) => ({ totalCount: totalCountField(t, "How many keys match the filter, on all pages.") }),
    },
    { name: "ApiKeyEdge", description: "An API key in a page, with its cursor." },
  ),
);
