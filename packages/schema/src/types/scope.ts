import { builder } from "../builder.ts";

export const ScopeRef = builder.prismaNode("Scope", {
  id: { field: "id" },
  description:
    "An action an API key may be allowed: a data scope of the partner's catalogue such as `vehicles:read` (what services check at verification), or a management scope Tessera itself honours (`keys:write`, …). Readable by everyone in the organization; OWNER and ADMIN change the data scopes.",
  fields: (t) => ({
    name: t.exposeString("name", { description: "The scope's name, e.g. `vehicles:read`. Never changes." }),
    description: t.exposeString("description", { description: "What the scope allows." }),
    management: t.boolean({
      description:
        "True for the scopes that let a key manage Tessera itself (`keys:*`, `accounts:*`, `resources:*`, `members:*`, `webhooks:*`).",
      resolve: (scope) => scope.kind === "MANAGEMENT",
    }),
    retiredAt: t.expose("retiredAt", {
      type: "DateTime",
      nullable: true,
      description:
        "When the scope was retired (`retireScope`); null while it is in use. A retired scope cannot be granted and no longer verifies; keys that hold it still list it.",
    }),
    keyCount: t.int({
      nullable: true,
      description:
        "How many keys that are not revoked hold this scope by name (all-scopes keys are not counted: they hold every data scope). Null unless you may read keys (every member may; keys need `keys:read`).",
      select: { _count: { select: { apiKeys: { where: { apiKey: { revokedAt: null } } } } } },
      resolve: async (scope, _args, ctx) =>
        (await ctx.access.mayRead(scope.organizationId, "keys")) ? scope._count.apiKeys : null,
    }),
  }),
});
