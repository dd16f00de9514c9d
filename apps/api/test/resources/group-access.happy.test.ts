import { randomUUID } from "node:crypto";
import {
  assertValidParent,
  isResourceGranted,
  resourceAccessibleThrough,
  ValidationError,
  wouldCreateCycle,
} from "@tessera/core";
import type { ResourceKind } from "@tessera/db";
import { beforeAll, describe, expect, it } from "vitest";
import { useHarness } from "../support/harness.ts";

const h = useHarness();
const groupSize = 5000;

/** region ⊃ depot ⊃ 5000 vehicles; a separate group with one vehicle; a vehicle in no group. */
const tree = {} as Record<"org" | "region" | "depot" | "other" | "otherVehicle" | "loose", string> & {
  vehicles: string[];
};

async function insert(kind: ResourceKind, name: string, parentId: string | null = null): Promise<string> {
  const row = await h.db.prisma.resource.create({ data: { organizationId: tree.org, kind, name, parentId } });
  return row.id;
}

beforeAll(async () => {
  tree.org = (await h.newOrganization()).org.id;
  tree.region = await insert("VEHICLE_GROUP", "Region");
  tree.depot = await insert("VEHICLE_GROUP", "Depot", tree.region);
  tree.vehicles = Array.from({ length: groupSize }, () => randomUUID());
  await h.db.prisma.resource.createMany({
    data: tree.vehicles.map((id, i) => ({
      id,
      organizationId: tree.org,
      kind: "VEHICLE",
      name: `V${i}`,
      parentId: tree.depot,
    })),
  });
  tree.other = await insert("VEHICLE_GROUP", "Other");
  tree.otherVehicle = await insert("VEHICLE", "Other vehicle", tree.other);
  tree.loose = await insert("VEHICLE", "Loose vehicle");
});

describe("group access: a grant on a group reaches everything it contains, transitively", () => {
  it("grants through the direct group, the group's group, and the resource itself", async () => {
    const vehicle = tree.vehicles[1234] as string;
    const prisma = h.db.prisma;
    expect(await resourceAccessibleThrough(prisma, vehicle, [tree.depot])).toBe(tree.depot);
    expect(await resourceAccessibleThrough(prisma, vehicle, [tree.region])).toBe(tree.region);
    expect(await resourceAccessibleThrough(prisma, vehicle, [vehicle])).toBe(vehicle);
    // The nearest grant is the one reported.
    expect(await resourceAccessibleThrough(prisma, vehicle, [tree.region, tree.depot])).toBe(tree.depot);
    expect(await isResourceGranted(prisma, tree.depot, [tree.region])).toBe(true);
  });

  it("does not grant siblings, parents from below, or resources outside the group", async () => {
    const prisma = h.db.prisma;
    expect(await isResourceGranted(prisma, tree.vehicles[0] as string, [tree.other])).toBe(false);
    expect(await isResourceGranted(prisma, tree.otherVehicle, [tree.region, tree.depot])).toBe(false);
    expect(await isResourceGranted(prisma, tree.region, [tree.depot])).toBe(false);
    expect(await isResourceGranted(prisma, tree.loose, [tree.region, tree.other])).toBe(false);
    expect(await isResourceGranted(prisma, tree.vehicles[1] as string, [tree.vehicles[2] as string])).toBe(false);
  });

  it("no grants, malformed ids and unknown resources grant nothing (and never raise)", async () => {
    const prisma = h.db.prisma;
    expect(await isResourceGranted(prisma, tree.vehicles[0] as string, [])).toBe(false);
    expect(await isResourceGranted(prisma, tree.vehicles[0] as string, ["nope", ""])).toBe(false);
    expect(await isResourceGranted(prisma, "not-a-uuid", [tree.region])).toBe(false);
    expect(await isResourceGranted(prisma, randomUUID(), [tree.region])).toBe(false);
  });

  it(`answers for members of a ${groupSize}-member group in about the time of a few key lookups`, async () => {
    const prisma = h.db.prisma;
    await isResourceGranted(prisma, tree.vehicles[0] as string, [tree.region]); // warm-up
    const samples: number[] = [];
    for (let i = 0; i < 200; i++) {
      const vehicle = tree.vehicles[(i * 997) % groupSize] as string;
      const start = performance.now();
      expect(await isResourceGranted(prisma, vehicle, [tree.other, tree.region])).toBe(true);
      samples.push(performance.now() - start);
    }
    samples.sort((a, b) => a - b);
    const median = samples[100] as number;
    const p95 = samples[190] as number;
    console.info(
      `group access (${process.env.TEST_DB}): ${groupSize} members, 3 levels, median ${median.toFixed(2)} ms, p95 ${p95.toFixed(2)} ms`,
    );
    // Walking up touches three rows whatever the group size; walking down would read thousands.
    // The bound is generous for a noisy shared machine; the printed figures are the measurement.
    expect(median).toBeLessThan(20);
  });
});

describe("cycles: a group can never contain itself", () => {
  it("detects a resource put into itself or into one of its own descendants", async () => {
    const prisma = h.db.prisma;
    expect(await wouldCreateCycle(prisma, tree.depot, tree.depot)).toBe(true);
    expect(await wouldCreateCycle(prisma, tree.region, tree.depot)).toBe(true);
    expect(await wouldCreateCycle(prisma, tree.other, tree.depot)).toBe(false);
  });

  it("the parent check refuses such a move with a ValidationError on parentId", async () => {
    const check = h.db.prisma.$transaction((tx) =>
      assertValidParent(tx, { resourceId: tree.region, organizationId: tree.org, parentId: tree.depot }),
    );
    await expect(check).rejects.toThrow(ValidationError);
    await expect(check).rejects.toMatchObject({
      field: "parentId",
      message: expect.stringMatching(/cannot contain itself/),
    });
  });

  it("even a cycle written straight into the database cannot make the access query loop", async () => {
    const prisma = h.db.prisma;
    const a = await insert("VEHICLE_GROUP", "Loop A");
    const b = await insert("VEHICLE_GROUP", "Loop B", a);
    await prisma.resource.update({ where: { id: a }, data: { parentId: b } });
    expect(await isResourceGranted(prisma, a, [tree.region])).toBe(false);
    expect(await resourceAccessibleThrough(prisma, a, [b])).toBe(b);
  });
});
