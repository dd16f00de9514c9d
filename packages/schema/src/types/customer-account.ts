import { builder } from "../builder.ts";

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
    "A customer account the partner manages. Its account token identifies it: a call acts for the account by sending the partner's API key with this token.",
  fields: (t) => ({
    name: t.exposeString("name", { description: "The account's name." }),
    status: t.expose("status", { type: CustomerAccountStatusEnum, description: "ACTIVE, SUSPENDED or CLOSED." }),
    token: t.string({
      nullable: true,
      description:
        "The account token. Readable by OWNER and ADMIN members and by keys with `accounts:read`; null for everyone else.",
      select: { token: true, organizationId: true },
      resolve: async (account, _args, ctx) => {
        const access = await ctx.access.inOrganization(account.organizationId);
        const mayRead = access?.role
          ? access.role === "OWNER" || access.role === "ADMIN"
          : access?.scopes.has("accounts:read");
        return mayRead ? account.token : null;
      },
    }),
    createdAt: t.expose("createdAt", { type: "DateTime", description: "When the account was created." }),
  }),
});
