import { managementScopes } from "@tessera/core";
import type { Prisma } from "@tessera/db";
import { type DemoClock, demoId } from "./stable-values.ts";

const domainScopes = [
  ["vehicles:read", "Read vehicles and their details."],
  ["vehicles:write", "Create and change vehicles."],
  ["locations:read", "Read vehicle locations and tracks."],
  ["routes:read", "Read planned routes."],
  ["routes:write", "Create and change routes."],
  ["drivers:read", "Read drivers."],
  ["reports:read", "Read reports."],
] as const;

/** An organization's API versions (v1 deprecated, v2 current). */
export async function createApiVersions(tx: Prisma.TransactionClient, slug: string, { ago }: DemoClock): Promise<void> {
  await tx.apiVersion.createMany({
    data: [
      {
        id: demoId(`${slug}:v1`),
        organizationId: demoId(slug),
        name: "v1",
        description: "First API; sunset planned.",
        deprecated: true,
        releasedAt: ago(700),
      },
      {
        id: demoId(`${slug}:v2`),
        organizationId: demoId(slug),
        name: "v2",
        description: "Current API.",
        releasedAt: ago(200),
      },
    ],
  });
}

/** An organization's scopes: a fleet API's domain scopes and every management scope. */
export async function createScopes(tx: Prisma.TransactionClient, slug: string): Promise<void> {
  await tx.scope.createMany({
    data: [
      ...domainScopes.map(([scope, description]) => ({
        id: demoId(`${slug}:scope:${scope}`),
        organizationId: demoId(slug),
        name: scope,
        description,
        kind: "DATA" as const,
      })),
      ...managementScopes.map((s) => ({
        id: demoId(`${slug}:scope:${s.name}`),
        organizationId: demoId(slug),
        name: s.name,
        description: s.description,
        kind: "MANAGEMENT" as const,
      })),
    ],
  });
}
