import { setTimeout as sleep } from "node:timers/promises";
import { assertValidParent } from "@tessera/core";
import { describe, expect, it } from "vitest";
import { useHarness } from "../support/harness.ts";
import {
  createResourceAs,
  createResourceDocument,
  globalId,
  listResources,
  rawId,
  resourceSnapshot,
} from "./documents.ts";

const h = useHarness();

describe("resources: expected errors change nothing", () => {
  it("a parent that is not a VEHICLE_GROUP is a ValidationError on parentId", async () => {
    const { org, as } = await h.newOrganization();
    const vehicle = await createResourceAs(as.ADMIN, org.id, { kind: "VEHICLE", name: "Truck" });
    const before = await resourceSnapshot(h.db.prisma, org.id);
    const result = await as.ADMIN.gql(createResourceDocument, {
      input: {
        organizationId: globalId("Organization", org.id),
        kind: "VEHICLE",
        name: "Trailer",
        parentId: vehicle.id,
      },
    });
    expect(result.data?.createResource).toEqual({
      __typename: "ValidationError",
      code: "VALIDATION",
      field: "parentId",
      message: "Only a VEHICLE_GROUP can contain resources; the parent is a VEHICLE.",
    });
    expect(await resourceSnapshot(h.db.prisma, org.id)).toEqual(before);
  });

  it("unknown, malformed and wrong-type parent ids are NotFound", async () => {
    const { org, as } = await h.newOrganization();
    const before = await resourceSnapshot(h.db.prisma, org.id);
    for (const parentId of [
      globalId("Resource", "7d0f6c5e-0000-4000-8000-000000000000"),
      globalId("Resource", "1; drop table"),
      globalId("Organization", org.id),
      "garbage",
    ]) {
      const result = await as.ADMIN.gql(createResourceDocument, {
        input: { organizationId: globalId("Organization", org.id), kind: "VEHICLE", name: "Orphan", parentId },
      });
      expect(result.data?.createResource).toEqual({
        __typename: "NotFoundError",
        code: "NOT_FOUND",
        message: "Parent resource not found.",
      });
    }
    expect(await resourceSnapshot(h.db.prisma, org.id)).toEqual(before);
  });

  it("blank and over-long names are a ValidationError on name", async () => {
    const { org, as } = await h.newOrganization();
    for (const name of [" ", "y".repeat(101)]) {
      const result = await as.ADMIN.gql(createResourceDocument, {
        input: { organizationId: globalId("Organization", org.id), kind: "PROJECT", name },
      });
      expect(result.data?.createResource).toMatchObject({ __typename: "ValidationError", field: "name" });
    }
    expect(await h.db.prisma.resource.count({ where: { organizationId: org.id } })).toBe(0);
  });

  it("`first` outside 1..100 is a clear error", async () => {
    const { org, as } = await h.newOrganization();
    for (const first of [0, 101]) {
      const result = await as.ADMIN.gql(listResources, { slug: org.slug, first });
      expect(result.errors?.[0]?.message).toBe(`\`first\` must be between 1 and 100 (got ${first}).`);
    }
  });

  it("a parent deleted while a child is being created waits for the child to commit, then releases it", async () => {
    const { org, as } = await h.newOrganization();
    const group = await createResourceAs(as.ADMIN, org.id, { kind: "VEHICLE_GROUP", name: "Doomed" });
    const parentId = rawId(group.id);
    const prisma = h.db.prisma;
    let deletedDuringCreate = false;
    let deletion: Promise<unknown> = Promise.resolve();

    const child = await prisma.$transaction(async (tx) => {
      await assertValidParent(tx, { resourceId: crypto.randomUUID(), organizationId: org.id, parentId });
      deletion = prisma.resource.delete({ where: { id: parentId } }).then(() => {
        deletedDuringCreate = true;
      });
      await sleep(300);
      return tx.resource.create({ data: { organizationId: org.id, kind: "VEHICLE", name: "Survivor", parentId } });
    });
    expect(deletedDuringCreate).toBe(false);
    await deletion;
    // The group is gone afterwards and the child simply has no parent (onDelete: SetNull).
    expect(await prisma.resource.findUnique({ where: { id: child.id } })).toMatchObject({ parentId: null });
  });
});
