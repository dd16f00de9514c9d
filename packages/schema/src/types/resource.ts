import { builder } from "../builder.ts";

export const ResourceKindEnum = builder.enumType("ResourceKind", {
  description: "What a resource is. VEHICLE_GROUP resources are groups: access to a group grants what it contains.",
  values: {
    VEHICLE: { description: "A vehicle." },
    VEHICLE_GROUP: { description: "A group of vehicles (and of other groups)." },
    DATA_SOURCE: { description: "A data source, such as a telematics feed." },
    PROJECT: { description: "A project." },
  } as const,
});

export const ResourceRef = builder.prismaNode("Resource", {
  id: { field: "id" },
  description: "Something keys and members can be granted and can own: a vehicle, a group, a data source, a project.",
  fields: (t) => ({
    kind: t.expose("kind", { type: ResourceKindEnum, description: "What the resource is." }),
    name: t.exposeString("name", { description: "The resource's name." }),
    parent: t.relation("parent", { nullable: true, description: "The group that contains this resource, if any." }),
    ownerUsers: t.prismaField({
      type: ["User"],
      description: "Members who own this resource.",
      select: { id: true },
      resolve: (query, resource, _args, ctx) =>
        ctx.prisma.user.findMany({
          ...query,
          where: { ownedResources: { some: { resourceId: resource.id } } },
          orderBy: [{ email: "asc" }],
        }),
    }),
    ownerKeys: t.prismaField({
      type: ["ApiKey"],
      description: "API keys that own this resource (they created it).",
      select: { id: true },
      resolve: (query, resource, _args, ctx) =>
        ctx.prisma.apiKey.findMany({
          ...query,
          where: { ownedResources: { some: { resourceId: resource.id } } },
          orderBy: [{ name: "asc" }],
        }),
    }),
    createdAt: t.expose("createdAt", { type: "DateTime", description: "When the resource was created." }),
  }),
});
