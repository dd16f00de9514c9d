import type { Viewer } from "@tessera/core";
import { builder } from "../builder.ts";
import { ApiKeyRef } from "./api-key.ts";
import { OrganizationRef } from "./organization.ts";
import { UserRef } from "./user.ts";

export const ViewerRef = builder.objectRef<Viewer>("Viewer").implement({
  description: "Who is calling: a signed-in member (`user`), an API key (`apiKey`), or nobody (both null).",
  fields: (t) => ({
    user: t.prismaField({
      type: UserRef,
      nullable: true,
      description: "The signed-in user, when the call carries a session cookie.",
      resolve: (query, viewer, _args, ctx) =>
        viewer.kind === "user" ? ctx.prisma.user.findUnique({ ...query, where: { id: viewer.userId } }) : null,
    }),
    apiKey: t.prismaField({
      type: ApiKeyRef,
      nullable: true,
      description: "The API key, when the call carries `Authorization: Bearer <key>`.",
      resolve: (query, viewer, _args, ctx) =>
        viewer.kind === "apiKey" ? ctx.prisma.apiKey.findUnique({ ...query, where: { id: viewer.keyId } }) : null,
    }),
    organizations: t.prismaField({
      type: [OrganizationRef],
      description: "The organizations you can act in: your memberships, or the key's own organization.",
      resolve: (query, viewer, _args, ctx) => {
        if (viewer.kind === "user") {
          return ctx.prisma.organization.findMany({
            ...query,
            where: { memberships: { some: { userId: viewer.userId } } },
            orderBy: { name: "asc" },
          });
        }
        if (viewer.kind === "apiKey") {
          return ctx.prisma.organization.findMany({ ...query, where: { id: viewer.organizationId } });
        }
        return [];
      },
    }),
  }),
});

builder.queryFields((t) => ({
  viewer: t.field({
    type: ViewerRef,
    description: "Who is calling. Needs no credentials: anonymous callers get a viewer with no user and no key.",
    resolve: (_root, _args, ctx) => ctx.viewer,
  }),
  organization: t.prismaField({
    type: OrganizationRef,
    nullable: true,
    description: "The organization with this slug; null when it does not exist or you are not a member.",
    args: { slug: t.arg.string({ required: true, description: "The organization's slug." }) },
    resolve: async (query, _root, { slug }, ctx) => {
      const org = await ctx.prisma.organization.findUnique({ ...query, where: { slug } });
      if (!org || !(await ctx.access.inOrganization(org.id))) return null;
      return org;
    },
  }),
}));
