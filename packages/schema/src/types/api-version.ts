import { builder } from "../builder.ts";

export const ApiVersionRef = builder.prismaNode("ApiVersion", {
  id: { field: "id" },
  description:
    "A version of the partner's API that a key is pinned to. Readable by everyone in the organization; OWNER and ADMIN create, deprecate and choose the default.",
  fields: (t) => ({
    name: t.exposeString("name", { description: "The version's name, e.g. `v2`." }),
    description: t.exposeString("description", { nullable: true, description: "Notes about this version." }),
    deprecated: t.exposeBoolean("deprecated", {
      description:
        "Deprecated versions still work for existing keys (also after their sunset) but cannot be chosen for new ones or edits.",
    }),
    deprecatedAt: t.expose("deprecatedAt", {
      type: "DateTime",
      nullable: true,
      description: "When the version was deprecated; null while it is current.",
    }),
    sunsetAt: t.expose("sunsetAt", {
      type: "DateTime",
      nullable: true,
      description:
        "When the partner stops serving the version, as announced with `deprecateApiVersion`; null when none is announced. Keys on it still verify afterwards.",
    }),
    releasedAt: t.expose("releasedAt", { type: "DateTime", description: "When the version was released." }),
    isDefault: t.boolean({
      description: "True for the version new keys get when none is chosen.",
      select: { defaultFor: { select: { id: true } } },
      resolve: (version) => version.defaultFor !== null,
    }),
    keyCount: t.int({
      nullable: true,
      description:
        "How many keys that are not revoked are pinned to this version. Null unless you may read keys (every member may; keys need `keys:read`).",
      select: { _count: { select: { apiKeys: { where: { revokedAt: null } } } } },
      resolve: async (version, _args, ctx) =>
        (await ctx.access.mayRead(version.organizationId, "keys")) ? version._count.apiKeys : null,
    }),
  }),
});
