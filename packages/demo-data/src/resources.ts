import type { Prisma, ResourceKind } from "@tessera/db";
import { demoOrganizationSlug as acme, neighbourOrganizationSlug as globex } from "./organizations.ts";
import { type DemoClock, demoId } from "./stable-values.ts";

/** Organization, name, kind, parent group, owners (`user:<email>` or `key:<key name>`). */
const resources: [string, string, ResourceKind, string | null, string[]][] = [
  [acme, "North depot", "VEHICLE_GROUP", null, ["user:owner@acme.test"]],
  [acme, "Truck 101", "VEHICLE", "North depot", ["user:owner@acme.test"]],
  [acme, "Truck 102", "VEHICLE", "North depot", ["user:editor@acme.test"]],
  [acme, "South depot", "VEHICLE_GROUP", null, ["user:admin@acme.test"]],
  [acme, "South refrigerated", "VEHICLE_GROUP", "South depot", ["user:admin@acme.test"]],
  [acme, "Van 201", "VEHICLE", "South depot", ["user:admin@acme.test"]],
  [acme, "Reefer 301", "VEHICLE", "South refrigerated", ["user:admin@acme.test"]],
  [acme, "Telematics feed", "DATA_SOURCE", null, ["user:owner@acme.test"]],
  [acme, "Q4 route study", "PROJECT", null, ["user:editor@acme.test"]],
  [acme, "Dashboard project", "PROJECT", null, ["key:Fleet dashboard"]],
  [acme, "Dashboard feed", "DATA_SOURCE", null, ["key:Fleet dashboard", "user:editor@acme.test"]],
  [globex, "Globex trucks", "VEHICLE_GROUP", null, ["user:owner@globex.test"]],
  [globex, "Globex truck 1", "VEHICLE", "Globex trucks", ["user:owner@globex.test"]],
];

/** Resources in groups, owned by members or keys (so after the keys). */
export async function createResources(tx: Prisma.TransactionClient, { ago }: DemoClock): Promise<void> {
  for (const [i, [slug, name, kind, parent, owners]] of resources.entries()) {
    await tx.resource.create({
      data: {
        id: demoId(`${slug}:resource:${name}`),
        organizationId: demoId(slug),
        kind,
        name,
        parentId: parent ? demoId(`${slug}:resource:${parent}`) : null,
        createdAt: ago(250 - i),
        owners: {
          create: owners.map((o) =>
            o.startsWith("user:") ? { userId: demoId(o.slice(5)) } : { apiKeyId: demoId(`${slug}:key:${o.slice(4)}`) },
          ),
        },
      },
    });
  }
}

/** Access granted on single resources, to a key or to a member. */
export async function createAccessEntries(tx: Prisma.TransactionClient): Promise<void> {
  await tx.accessControlEntry.createMany({
    data: [
      {
        resourceId: demoId(`${acme}:resource:North depot`),
        apiKeyId: demoId(`${acme}:key:Route planner integration`),
        permission: "READ",
      },
      {
        resourceId: demoId(`${acme}:resource:Dashboard feed`),
        apiKeyId: demoId(`${acme}:key:Fleet dashboard`),
        permission: "WRITE",
      },
      {
        resourceId: demoId(`${acme}:resource:Q4 route study`),
        userId: demoId("viewer@acme.test"),
        permission: "READ",
      },
    ],
  });
}
