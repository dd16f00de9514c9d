import { createResource, decodeOptionalTargetId, decodeTargetId } from "@tessera/core";
import type { Resource } from "@tessera/db";
import { builder } from "../builder.ts";
import { mutationErrors } from "../errors.ts";
import { ResourceKindEnum, ResourceRef } from "./resource.ts";

const CreateResourceInput = builder.inputType("CreateResourceInput", {
  description: "A new resource. Whoever creates it (the member, or the API key) becomes its owner.",
  fields: (t) => ({
    organizationId: t.id({ required: true, description: "The organization the resource belongs to." }),
    kind: t.field({ type: ResourceKindEnum, required: true, description: "What the resource is." }),
    name: t.string({ required: true, description: "The resource's name: 1 to 100 characters, trimmed." }),
    parentId: t.id({
      description: "The VEHICLE_GROUP of the same organization that will contain the resource; null for none.",
    }),
  }),
});

const CreateResourcePayload = builder.objectRef<{ resource: Resource }>("CreateResourcePayload").implement({
  description: "The resource was created and is owned by the caller.",
  fields: (t) => ({
    resource: t.field({ type: ResourceRef, description: "The new resource.", resolve: (payload) => payload.resource }),
  }),
});

builder.mutationFields((t) => ({
  createResource: t.field({
    type: CreateResourcePayload,
    description:
      "Creates a resource owned by the caller (the member, or the API key). Needs OWNER, ADMIN, EDITOR or `resources:write`.",
    errors: {
      types: mutationErrors,
      union: {
        name: "CreateResourceResult",
        description: "What `createResource` answers: its payload, or the expected error that changed nothing.",
      },
    },
    args: { input: t.arg({ type: CreateResourceInput, required: true, description: "The new resource." }) },
    resolve: async (_root, { input }, ctx) => ({
      resource: await createResource(ctx, {
        organizationId: decodeTargetId(String(input.organizationId), "Organization", "Organization not found."),
        kind: input.kind,
        name: input.name,
        parentId: decodeOptionalTargetId(input.parentId, "Resource", "Parent resource not found."),
      }),
    }),
  }),
}));
