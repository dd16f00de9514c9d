import { customerAccountSortFields, customerAccountWhere } from "@tessera/core";
import { builder } from "../builder.ts";
import type { FilterArgs } from "../organization-list.ts";
import { totalCountField } from "../pagination.ts";
import { orderInput, sortableOrganizationList } from "../sortable-list.ts";
import { OrganizationRef } from "./organization.ts";

export const CustomerAccountStatusEnum = builder.enumType("CustomerAccountStatus", {
  description: "A customer account's status. Only ACTIVE accounts can be acted for.",
  values: {
    ACTIVE: { description: "In use: calls may act for this account." },
    SUSPENDED: { description: "Temporarily blocked; can be made ACTIVE again." },
    CLOSED: { description: "Permanently closed; cannot be reopened." },
  } as const,
});

export const CustomerAccountRef = builder.prismaNode("CustomerAccount", {
  id: { field: "id" },
  description:
    "A customer account the partner manages. Its account token identifies it: a call acts for the account by sending the partner's API key with this token. Readable with `accounts:read` or `accounts:write` (every member may); elsewhere one you may not read is left out of lists and is null (or a FORBIDDEN error where the field cannot be null).",
  fields: (t) => ({
    name: t.exposeString("name", { description: "The account's name." }),
    status: t.expose("status", { type: CustomerAccountStatusEnum, description: "ACTIVE, SUSPENDED or CLOSED." }),
    token: t.string({
      nullable: true,
      description:
        "The account token. Readable by OWNER and ADMIN members and by keys with `accounts:read` or `accounts:write`; null for everyone else.",
      select: { token: true, organizationId: true },
      resolve: async (account, _args, ctx) =>
        (await ctx.access.mayRead(account.organizationId, "accountTokens")) ? account.token : null,
    }),
    createdAt: t.expose("createdAt", { type: "DateTime", description: "When the account was created." }),
  }),
});

const CustomerAccountFilterInput = builder.inputType("CustomerAccountFilter", {
  description: "Narrows `Organization.customerAccounts`. Conditions combine with AND; absent ones do not filter.",
  fields: (t) => ({
    search: t.string({ description: "Part of the account's name, case-insensitive." }),
    statuses: t.field({
      type: [CustomerAccountStatusEnum],
      description: "Only accounts with one of these statuses; null or empty for every status.",
    }),
  }),
});

const CustomerAccountOrderInput = orderInput("CustomerAccountOrder", "customer accounts", {
  NAME: "The account's name.",
  CREATED_AT: "When the account was created.",
  STATUS: "ACTIVE, SUSPENDED, then CLOSED (ascending).",
});

builder.prismaObjectField(OrganizationRef, "customerAccounts", (t) =>
  t.connection(
    {
      type: CustomerAccountRef,
      description:
        "The organization's customer accounts in the order asked for (default: newest first), ties by id. `first` is 1..100 (default 50). Needs `accounts:read` or `accounts:write` (every member has it); without, a FORBIDDEN error.",
      args: {
        filter: t.arg({ type: CustomerAccountFilterInput, description: "Search and status filter." }),
        orderBy: t.arg({ type: CustomerAccountOrderInput, description: "How to sort; default CREATED_AT DESC." }),
      },
      ...sortableOrganizationList({
        rule: "accounts",
        rows: (ctx) => ctx.prisma.customerAccount,
        where: (organizationId, args: FilterArgs<typeof customerAccountWhere>) =>
          customerAccountWhere(organizationId, args.filter),
        typeName: "CustomerAccount",
        sort: customerAccountSortFields,
        defaultOrder: { field: "CREATED_AT", direction: "DESC" },
      }),
    },
    {
      name: "CustomerAccountConnection",
      description: "A page of customer accounts, with the total matching the filter.",
      fields: (t) => ({ totalCount: totalCountField(t, "How many accounts match the filter, on all pages.") }),
    },
    { name: "CustomerAccountEdge", description: "A customer account in a page, with its cursor." },
  ),
);
