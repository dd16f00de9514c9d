import { resourceSortFields, resourceWhere } from "@tessera/core";
import { builder } from "../builder.ts";
import type { FilterArgs } from "../organization-list.ts";
import { assertPageArgs, maxNestedItems, totalCountField } from "../pagination.ts";
import { orderInput, sortableOrganizationList } from "../sortable-list.ts";
import { OrganizationRef } from "./organization.ts";

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
  description:
    "Something keys and members can be granted and can own: a vehicle, a group, a data source, a project. Readable with `resources:read` or `resources:write` (every member may); elsewhere one you may not read is left out of lists and is null (or a FORBIDDEN error where the field cannot be null).",
  fields: (t) => ({
    kind: t.expose("kind", { type: ResourceKindEnum, description: "What the resource is." }),
    name: t.exposeString("name", { description: "The resource's name." }),
    parent: t.relation("parent", {
      nullable: true,
      description: "The group that contains this resource; null when there is none or you may not read resources.",
    }),
    ownerUsers: t.prismaField({
      type: ["User"],
      description:
        "Members who own this resource, by email, at most 100. Empty unless you may read members (`members:read`; every member may).",
      select: { id: true },
      resolve: (query, resource, _args, ctx) =>
        ctx.prisma.user.findMany({
          ...query,
          where: { ownedResources: { some: { resourceId: resource.id } } },
          orderBy: [{ email: "asc" }, { id: "asc" }],
          take: maxNestedItems,
        }),
    }),
    ownerKeys: t.prismaField({
      type: ["ApiKey"],
      description:
        "API keys that own this resource (they created it), by name, at most 100. Without `keys:read` you see only the calling key itself, when it is an owner.",
      select: { id: true },
      resolve: (query, resource, _args, ctx) =>
        ctx.prisma.apiKey.findMany({
          ...query,
          where: { ownedResources: { some: { resourceId: resource.id } } },
          orderBy: [{ name: "asc" }, { id: "asc" }],
          take: maxNestedItems,
        }),
    }),
    childCount: t.relationCount("children", {
      description: "How many resources this group contains directly (0 for anything that is not a group).",
    }),
    children: t.relatedConnection(
      "children",
      {
        cursor: "id",
        description:
          "What this group contains directly, by name, a page at a time (for a tree that loads as it opens). `first` is 1..100 (default 50).",
        query: (args) => {
          assertPageArgs(args);
          return { orderBy: [{ name: "asc" }, { id: "asc" }] };
        },
        totalCount: true,
      },
      {
        name: "ResourceChildConnection",
        description: "A page of the resources a group contains.",
        fields: (t) => ({ totalCount: totalCountField(t, "How many resources the group contains directly.") }),
      },
      { name: "ResourceChildEdge", description: "A contained resource in a page, with its cursor." },
    ),
    createdAt: t.expose("createdAt", { type: "DateTime", description: "When the resource was created." }),
  }),
});

const ResourceFilterInput = builder.inputType("ResourceFilter", {
  description: "Narrows `Organization.resources`. Conditions combine with AND; absent ones do not filter.",
  fields: (t) => ({
    kinds: t.field({ type: [ResourceKindEnum], description: "Only resources of these kinds; null or empty for all." }),
    search: t.string({ description: "Part of the resource's name, case-insensitive." }),
    topLevel: t.boolean({ description: "True: only resources in no group (the roots of the tree)." }),
  }),
});

const ResourceOrderInput = orderInput("ResourceOrder", "resources", {
  NAME: "The resource's name.",
  CREATED_AT: "When the resource was created.",
  KIND: "VEHICLE, VEHICLE_GROUP, DATA_SOURCE, then PROJECT (ascending).",
});

builder.prismaObjectField(OrganizationRef, "resources", (t) =>
  t.connection(
    {
      type: ResourceRef,
      description:
        "The organization's resources in the order asked for (default: newest first), ties by id. `first` is 1..100 (default 50). Needs `resources:read` or `resources:write` (every member has it); without, a FORBIDDEN error.",
      args: {
        filter: t.arg({ type: ResourceFilterInput, description: "Kind filter and name search." }),
        orderBy: t.arg({ type: ResourceOrderInput, description: "How to sort; default CREATED_AT DESC." }),
      },
      ...sortableOrganizationList({
        rule: "resources",
        rows: (ctx) => ctx.prisma.resource,
        where: (organizationId, args: FilterArgs<typeof resourceWhere>) => resourceWhere(organizationId, args.filter),
        typeName: "Resource",
        sort: resourceSortFields,
        defaultOrder: { field: "CREATED_AT", direction: "DESC" },
      }),
    },
    {
      name: "ResourceConnection",
      description: "A page of resources, with the total matching the filter.",
      fields: (t) => ({ totalCount: totalCountField(t, "How many resources match the filter, on all pages.") }),
    },
    { name: "ResourceEdge", description: "A resource in a page, with its cursor." },
  ),
);
