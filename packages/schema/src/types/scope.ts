import { builder } from "../builder.ts";

export const ScopeKindEnum = builder.enumType("ScopeKind", {
  description: "Whether a scope is the partner's own action (DATA) or power over Tessera itself (MANAGEMENT).",
  values: {
    DATA: {
      description:
        "The partner's own action, e.g. `vehicles:read`: what services check at verification. `allScopes` means every DATA scope that is not retired.",
    },
    MANAGEMENT: {
      description:
        "What a key may do to Tessera itself (`keys:write`, …), granted only by name in `managementScopes`; never verified, never implied by `allScopes`.",
    },
  } as const,
});

export const ScopeRef = builder.prismaNode("Scope", {
  id: { field: "id" },
  description:
    "An action an API key may be allowed: a data scope of the partner's catalogue such as `vehicles:read` (what services check at verification), or a management scope Tessera itself honours (`keys:write`, …). Readable by everyone in the organization; OWNER and ADMIN change the data scopes.",
  fields: (t) => ({
    name: t.exposeString("name", { description: "The scope's name, e.g. `vehicles:read`. Never changes." }),
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
