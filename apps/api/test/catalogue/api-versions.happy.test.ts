import { describe, expect, it } from "vitest";
import { createKey } from "../api-keys/support.ts";
import { useHarness } from "../support/harness.ts";
import { useHttpServer, verifyOverGraphQL } from "../verification/support.ts";
import {
  catalogueQuery,
  createVersionMutation,
  daysFromNow,
  deprecateVersionMutation,
  gid,
  run,
  setDefaultVersionMutation,
  versionId,
} from "./documents.ts";

const h = useHarness();
const http = useHttpServer(() => h.app);

async function verifyHttp(body: Record<string, unknown>) {
  const response = await fetch(`${http.url}/v1/keys/verify`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return { headers: response.headers, answer: await response.json() };
}

describe("API versions", () => {
  it("a new version is released now; setting it as the default gives it to new keys, and both are audited", async () => {
    const org = await h.newOrganization();
    const created = await run(org.as.ADMIN, createVersionMutation, {
      organizationId: gid("Organization", org.org.id),
      name: "v3",
      description: " Trips and fuel cards. ",
    });
    expect(created).toMatchObject({
      __typename: "CreateApiVersionPayload",
      apiVersion: {
        name: "v3",
        description: "Trips and fuel cards.",
        deprecated: false,
        isDefault: false,
        keyCount: 0,
      },
    });
    expect((await createKey(org)).apiKey.apiVersion).toBe("v2");

    const chosen = await run(org.as.OWNER, setDefaultVersionMutation, { id: created.apiVersion.id });
    expect(chosen).toMatchObject({ __typename: "SetDefaultApiVersionPayload", apiVersion: { isDefault: true } });
    expect((await createKey(org)).apiKey.apiVersion).toBe("v3");
    const { data } = await org.as.VIEWER.gql(catalogueQuery, { slug: org.org.slug });
    expect(data?.organization.defaultApiVersion).toEqual({ name: "v3" });
    expect(
      data?.organization.apiVersions.map((v: { name: string; isDefault: boolean }) => [v.name, v.isDefault]),
    ).toEqual([
      ["v3", true],
      ["v2", false],
      ["v1", false],
    ]);

    const events = await h.db.prisma.auditEvent.findMany({
      where: { organizationId: org.org.id, action: { startsWith: "api_version." } },
      orderBy: { createdAt: "asc" },
    });
    expect(events.map((e) => [e.action, e.targetLabel, e.changes])).toEqual([
      ["api_version.created", "v3", { name: "v3", description: "Trips and fuel cards.", default: false }],
      ["api_version.default_changed", "v3", { from: "v2", to: "v3" }],
    ]);
  });

  it("setting the default that is already the default changes and records nothing", async () => {
    const org = await h.newOrganization();
    const id = await versionId(h.db.prisma, org.org.id, "v2");
    expect((await run(org.as.OWNER, setDefaultVersionMutation, { id })).apiVersion.isDefault).toBe(true);
    expect(await h.db.prisma.auditEvent.count({ where: { organizationId: org.org.id } })).toBe(0);
  });

  it("deprecating a version: its keys still verify, saying so on both doors with Deprecation and Sunset headers", async () => {
    const org = await h.newOrganization();
    const key = await createKey(org);
    const v3 = await run(org.as.OWNER, createVersionMutation, {
      organizationId: gid("Organization", org.org.id),
      name: "v3",
    });
    await run(org.as.OWNER, setDefaultVersionMutation, { id: v3.apiVersion.id });
    const before = await verifyHttp({ key: key.secret });
    expect(before.answer).toMatchObject({ valid: true, apiVersionDeprecated: false, apiVersionSunsetAt: null });
    expect(before.headers.get("deprecation")).toBeNull();
    expect(before.headers.get("sunset")).toBeNull();

    const sunsetAt = "2027-06-30T00:00:00.000Z";
    const v2 = await versionId(h.db.prisma, org.org.id, "v2");
    const deprecated = await run(org.as.ADMIN, deprecateVersionMutation, { id: v2, sunsetAt });
    expect(deprecated).toMatchObject({
      __typename: "DeprecateApiVersionPayload",
      apiVersion: { name: "v2", deprecated: true, sunsetAt, keyCount: 1 },
    });
    const deprecatedAt = new Date(deprecated.apiVersion.deprecatedAt);

    const after = await verifyHttp({ key: key.secret });
    expect(after.answer).toMatchObject({
      valid: true,
      code: "VALID",
      apiVersion: "v2",
      apiVersionDeprecated: true,
      apiVersionSunsetAt: sunsetAt,
    });
    expect(after.headers.get("deprecation")).toBe(`@${Math.floor(deprecatedAt.getTime() / 1000)}`);
    expect(after.headers.get("sunset")).toBe("Wed, 30 Jun 2027 00:00:00 GMT");
    expect(await verifyOverGraphQL(h.app, { key: key.secret })).toMatchObject({
      apiVersionDeprecated: true,
      apiVersionSunsetAt: sunsetAt,
    });
    // A refusal carries neither the fields nor the headers.
    const refused = await verifyHttp({ key: key.secret, scope: "nukes:launch" });
    expect(refused.answer).toMatchObject({ valid: false, apiVersionDeprecated: null, apiVersionSunsetAt: null });
    expect(refused.headers.get("deprecation")).toBeNull();

    // Deprecating again moves the sunset and keeps the deprecation date.
    const moved = await run(org.as.OWNER, deprecateVersionMutation, { id: v2, sunsetAt: "2027-12-31T00:00:00.000Z" });
    expect(new Date(moved.apiVersion.deprecatedAt)).toEqual(deprecatedAt);
    expect((await verifyHttp({ key: key.secret })).headers.get("sunset")).toBe("Fri, 31 Dec 2027 00:00:00 GMT");
    const events = await h.db.prisma.auditEvent.findMany({
      where: { organizationId: org.org.id, action: "api_version.deprecated" },
      orderBy: { createdAt: "asc" },
    });
    expect(events.map((e) => (e.changes as { sunsetAt: unknown }).sunsetAt)).toEqual([
      { from: null, to: sunsetAt },
      { from: sunsetAt, to: "2027-12-31T00:00:00.000Z" },
    ]);
  });

  it("after the sunset, keys on the version still verify (the partner decides)", async () => {
    const org = await h.newOrganization();
    const key = await createKey(org, { apiVersion: "v2" });
    const v3 = await run(org.as.OWNER, createVersionMutation, {
      organizationId: gid("Organization", org.org.id),
      name: "v3",
    });
    await run(org.as.OWNER, setDefaultVersionMutation, { id: v3.apiVersion.id });
    const v2 = await versionId(h.db.prisma, org.org.id, "v2");
    await run(org.as.OWNER, deprecateVersionMutation, { id: v2, sunsetAt: daysFromNow(0) });
    h.clock.advance(3 * 86_400_000);
    try {
      const answer = await verifyOverGraphQL(h.app, { key: key.secret });
      expect(answer).toMatchObject({ valid: true, apiVersionDeprecated: true });
    } finally {
      h.clock.advance(-3 * 86_400_000);
    }
  });
});
