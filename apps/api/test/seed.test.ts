import { apiKeyStatus, hashApiKey, managementScopes } from "@tessera/core";
import { demoKeySecrets, seedDemoData } from "@tessera/demo-data";
import { describe, expect, it } from "vitest";
import { useHarness } from "./support/harness.ts";

const h = useHarness();

describe("demo data", () => {
  it("loads into an empty database once, deterministically, with every status represented", async () => {
    const prisma = h.db.prisma;
    expect(await seedDemoData(prisma)).toBe(true);
    expect(await seedDemoData(prisma)).toBe(false);

    const orgs = await prisma.organization.findMany({ orderBy: { slug: "asc" }, select: { slug: true, name: true } });
    expect(orgs).toEqual([
      { slug: "acme-fleet", name: "Acme Fleet" },
      { slug: "globex-logistics", name: "Globex Logistics" },
    ]);
    const members = await prisma.membership.findMany({
      where: { organization: { slug: "acme-fleet" } },
      select: { role: true, user: { select: { email: true } } },
      orderBy: [{ role: "asc" }, { user: { email: "asc" } }],
    });
    expect(members.map((m) => `${m.user.email}:${m.role}`)).toEqual([
      "owner@acme.test:OWNER",
      "admin@acme.test:ADMIN",
      "partner@both.test:ADMIN",
      "editor@acme.test:EDITOR",
      "viewer@acme.test:VIEWER",
    ]);
    // One demo member belongs to both organizations, so the organization switcher has two to offer.
    const partner = await prisma.membership.findMany({
      where: { user: { email: "partner@both.test" } },
      select: { role: true, organization: { select: { slug: true } } },
      orderBy: { organization: { slug: "asc" } },
    });
    expect(partner.map((m) => `${m.organization.slug}:${m.role}`)).toEqual([
      "acme-fleet:ADMIN",
      "globex-logistics:VIEWER",
    ]);

    const keys = await prisma.apiKey.findMany({ where: { organization: { slug: "acme-fleet" } } });
    expect(new Set(keys.map((k) => apiKeyStatus(k, new Date())))).toEqual(
      new Set(["ACTIVE", "EXPIRING", "EXPIRED", "REVOKED"]),
    );
    const accounts = await prisma.customerAccount.findMany({ where: { organization: { slug: "acme-fleet" } } });
    expect(new Set(accounts.map((a) => a.status))).toEqual(new Set(["ACTIVE", "SUSPENDED", "CLOSED"]));
    const kinds = await prisma.resource.findMany({ select: { kind: true }, distinct: ["kind"] });
    expect(kinds.map((k) => k.kind).sort()).toEqual(["DATA_SOURCE", "PROJECT", "VEHICLE", "VEHICLE_GROUP"]);
    expect(await prisma.resourceOwner.count({ where: { apiKeyId: { not: null } } })).toBeGreaterThan(0);
    const versions = await prisma.apiVersion.findMany({ where: { organization: { slug: "acme-fleet" } } });
    expect(versions.map((v) => `${v.name}:${v.deprecated}`).sort()).toEqual(["v1:true", "v2:false"]);

    // The demo data went straight into the database after the app started (a server seeds before it
    // starts): reload the existence filter, as a start would, so the keys are known without a race.
    await h.app.verification.loadFilter();
    // The documented demo secrets authenticate (and only their hashes are stored).
    const automation = await prisma.apiKey.findUnique({ where: { hashedKey: hashApiKey(demoKeySecrets.automation) } });
    expect(automation?.name).toBe("Tessera automation");
    const viewer = await h
      .client({ authorization: `Bearer ${demoKeySecrets.automation}` })
      .gql("{ viewer { apiKey { name } organizations { slug } } }");
    expect(viewer.data?.viewer).toEqual({
      apiKey: { name: "Tessera automation" },
      organizations: [{ slug: "acme-fleet" }],
    });

    // One explicit management key; every other demo key is a data key that cannot manage Tessera.
    const powers = await h
      .client({ authorization: `Bearer ${demoKeySecrets.automation}` })
      .gql(
        `{ organization(slug: "acme-fleet") { apiKeys(first: 20) { nodes { name role allScopes managementScopes } } } }`,
      );
    const nodes = powers.data?.organization.apiKeys.nodes as { name: string; managementScopes: string[] }[];
    expect(nodes.filter((k) => k.managementScopes.length).map((k) => k.name)).toEqual(["Tessera automation"]);
    expect(nodes.find((k) => k.name === "Tessera automation")).toMatchObject({
      role: "EDITOR",
      allScopes: true,
      managementScopes: managementScopes.map((s) => s.name).sort(),
    });
    const dashboard = h.client({ authorization: `Bearer ${demoKeySecrets.dashboard}` });
    const refused = await dashboard.gql(
      `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { __typename } }`,
      {
        input: {
          organizationId: automation
            ? `${Buffer.from(`Organization:${automation.organizationId}`).toString("base64")}`
            : "",
        },
      },
    );
    expect(refused.data?.createApiKey.__typename).toBe("ForbiddenError");
  });
});
