import {
  createResource,
  type DeletedResource,
  decodeOptionalTargetId,
  decodeTargetId,
  deleteResource,
  encodeId,
  moveResource,
  resourceNotFound,
  updateResource,
} from "@tessera/core";
import type { Resource } from "@tessera/db";
import { builder } from "../builder.ts";
import { mutationErrors } from "../errors.ts";
import { ResourceKindEnum, ResourceRef } from "./resource.ts";
import { KeyRestrictionLossRef, withOrganization } from "./resource-access.ts";

/** The database id of the resource a mutation acts on; anything else reads as not found. */
export const resourceId = (globalId: string | number) => decodeTargetId(String(globalId), "Resource", resourceNotFound);

/** The error members and union of a resource mutation's result. */
export const resourceErrors = (name: string, mutation: string) => ({
  types: mutationErrors,
  union: {
    name,
    description: `What \`${mutation}\` answers: its payload, or the expected error that changed nothing.`,
  },
});

/** A payload carrying the changed resource. */
export const resourcePayload = (name: string, description: string) =>
  builder.objectRef<{ resource: Resource }>(name).implement({
    description,
    fields: (t) => ({
      resource: t.field({ type: ResourceRef, description: "The resource as it is now.", resolve: (p) => p.resource }),
    }),
  });

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

const UpdateResourceInput = builder.inputType("UpdateResourceInput", {
  description: "A resource's new name.",
  fields: (t) => ({
    id: t.id({ required: true, description: "The resource (a Resource id)." }),
    name: t.string({ required: true, description: "The new name: 1 to 100 characters, trimmed." }),
  }),
});

const MoveResourceInput = builder.inputType("MoveResourceInput", {
  description: "Where a resource goes.",
  fields: (t) => ({
    id: t.id({ required: true, description: "The resource to move (a Resource id)." }),
    parentId: t.id({
      description:
        "The VEHICLE_GROUP that will contain it; null for the top level. A group cannot go into itself or into a group it contains.",
    }),
  }),
});

const DeleteResourceInput = builder.inputType("DeleteResourceInput", {
  description: "A resource to delete.",
  fields: (t) => ({
    id: t.id({ required: true, description: "The resource (a Resource id)." }),
    recursive: t.boolean({
      defaultValue: false,
      description: "Required for a group that contains resources: everything it contains is deleted with it.",
    }),
  }),
});

const DeleteResourcePayload = builder.objectRef<DeletedResource>("DeleteResourcePayload").implement({
  description: "The resource (and, for a group, everything it contained) is gone.",
  fields: (t) => ({
    deletedResourceId: t.id({
      description: "The id the resource had.",
      resolve: (p) => encodeId("Resource", p.deletedId),
    }),
    deletedResourceIds: t.idList({
      description: "Every resource deleted: the resource, then what it contained.",
      resolve: (p) => p.deletedResourceIds.map((id) => encodeId("Resource", id)),
    }),
    restrictionsLost: t.field({
      type: [KeyRestrictionLossRef],
      description: "Keys that were restricted to a deleted resource and lost that entry (only keys you may read).",
      resolve: (p) => withOrganization(p.organizationId, p.restrictionsLost),
    }),
  }),
});

builder.mutationFields((t) => ({
  updateResource: t.field({
    type: resourcePayload("UpdateResourcePayload", "The resource was renamed."),
    description:
      "Renames a resource. Needs OWNER or ADMIN, or `resources:write` (role EDITOR) and ownership or WRITE access to it or a group above it.",
    errors: resourceErrors("UpdateResourceResult", "updateResource"),
    args: { input: t.arg({ type: UpdateResourceInput, required: true, description: "The resource and its name." }) },
    resolve: async (_root, { input }, ctx) => ({
      resource: await updateResource(ctx, { id: resourceId(input.id), name: input.name }),
    }),
  }),
  moveResource: t.field({
    type: resourcePayload("MoveResourcePayload", "The resource is in its new group."),
    description:
      "Moves a resource into a group or to the top level. Keys restricted to the old group stop reaching it, and keys restricted to the new one start, on every instance before this returns. Needs the same say as `updateResource` over the resource and over the new group.",
    errors: resourceErrors("MoveResourceResult", "moveResource"),
    args: { input: t.arg({ type: MoveResourceInput, required: true, description: "The resource and its new group." }) },
    resolve: async (_root, { input }, ctx) => ({
      resource: await moveResource(ctx, {
        id: resourceId(input.id),
        parentId: decodeOptionalTargetId(input.parentId, "Resource", "Parent resource not found."),
      }),
    }),
  }),
  deleteResource: t.field({
    type: DeleteResourcePayload,
    description:
      "Deletes a resource; a group that contains resources only with `recursive`, taking them with it. Keys restricted to a deleted resource lose that entry (the audit event names them); a key left with none reaches no resource. Needs the same say as `updateResource`.",
    errors: resourceErrors("DeleteResourceResult", "deleteResource"),
    args: { input: t.arg({ type: DeleteResourceInput, required: true, description: "The resource to delete." }) },
    resolve: (_root, { input }, ctx) => deleteResource(ctx, { id: resourceId(input.id), recursive: input.recursive }),
  }),
}));
