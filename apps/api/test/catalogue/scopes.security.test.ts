import { describe, expect, it } from "vitest";
import { useHarness } from "../support/harness.ts";
import {
  addScope,
  catalogueSnapshot,
  createScopeMutation,
  gid,
  restoreScopeMutation,
  retireScopeMutation,
  run,
  updateScopeMutation,
} from "./documents.ts";

const h = useHarness();

describe("who may change the scope catalogue", () => {
  it("EDITOR and VIEWER members are Forbidden, anonymous callers told to sign in; nothing changes", async () => {
    const org = await h.newOrganization();
    const scope = await addScope(org, "trips:read");
    const organizationId = gid("Organization", org.org.id);
    const before = await catalogueSnapshot(h.db.prisma, org.org.id);
    const attempts: [string, Record<string, unknown>][] = [
      [createScopeMutation, { organizationId, name: "trips:write", description: "x" }],
      [updateScopeMutation, { id: scope.id, description: "x" }],
      [retireScopeMutation, { id: scope.id }],
      [restoreScopeMutation, { id: scope.id }],
    ];
    for (const [document, input] of attempts) {
      for (const role of ["EDITOR", "VIEWER"] as const) {
        const payload = await run(org.as[role], document, input);
        expect(payload).toEqual({
          __typename: "ForbiddenError",
          code: "FORBIDDEN",
          message: `Your role (${role}) cannot change the scope catalogue or the API versions; owners and admins can.`,
        });
      }
      expect((await run(h.anonymous, document, input)).__typename).toBe("UnauthenticatedError");
    }
    expect(await catalogueSnapshot(h.db.prisma, org.org.id)).toEqual(before);
  });

  it("no API key may change the catalogue, whatever its scopes (all of them included)", async () => {
    const org = await h.newOrganization();
    const scope = await addScope(org, "trips:read");
    const before = await catalogueSnapshot(h.db.prisma, org.org.id);
    for (const managementScopes of ["all", ["keys:write", "resources:write", "webhooks:write"]] as const) {
      const { client } = await org.keyClient({ managementScopes });
      const created = await run(client, createScopeMutation, {
        organizationId: gid("Organization", org.org.id),
        name: "trips:write",
        description: "x",
      });
      expect(created).toMatchObject({
        __typename: "ForbiddenError",
        message: expect.stringContaining("API keys cannot"),
      });
      expect((await run(client, retireScopeMutation, { id: scope.id })).__typename).toBe("ForbiddenError");
    }
    expect(await catalogueSnapshot(h.db.prisma, org.org.id)).toEqual(before);
  });

  it("another organization's scopes and organization read as not found, for its owner and its keys", async () => {
    const victim = await h.newOrganization();
    const attacker = await h.newOrganization();
    const scope = await addScope(victim, "trips:read");
    const before = await catalogueSnapshot(h.db.prisma, victim.org.id);
    const attackerKey = (await attacker.keyClient({ managementScopes: "all" })).client;
    for (const client of [attacker.as.OWNER, attackerKey]) {
      const created = await run(client, createScopeMutation, {
        organizationId: gid("Organization", victim.org.id),
        name: "trips:write",
        description: "x",
      });
      expect(created).toEqual({ __typename: "NotFoundError", code: "NOT_FOUND", message: "Organization not found." });
      for (const [document, input] of [
        [updateScopeMutation, { id: scope.id, description: "x" }],
        [retireScopeMutation, { id: scope.id }],
        [restoreScopeMutation, { id: scope.id }],
      ] as const) {
        expect(await run(client, document, input)).toEqual({
          __typename: "NotFoundError",
          code: "NOT_FOUND",
          message: "Scope not found.",
        });
      }
    }
    expect(await catalogueSnapshot(h.db.prisma, victim.org.id)).toEqual(before);
  });

  it("hostile names and descriptions are refused or stored as plain text", async () => {
    const org = await h.newOrganization();
    const organizationId = gid("Organization", org.org.id);
    for (const name of ['trips:read\'; DROP TABLE "Scope"; --', "<script>:x", "trips:read\u0000", "trips:réad"]) {
      const result = await org.as.OWNER.gql(createScopeMutation, { input: { organizationId, name, description: "x" } });
      // Refused as a ValidationError, or (NUL) before GraphQL runs at all.
      const outcome = result.data?.createScope?.__typename ?? result.status;
      expect(["ValidationError", 400], name).toContain(outcome);
    }
    expect(await h.db.prisma.scope.count({ where: { organizationId: org.org.id, kind: "DATA" } })).toBe(2);
    const payload = await run(org.as.OWNER, createScopeMutation, {
      organizationId,
      name: "trips:read",
      description: "<img src=x onerror=alert(1)> '; --",
    });
    expect(payload.scope.description).toBe("<img src=x onerror=alert(1)> '; --");
  });

  it("how many keys hold a scope or sit on a version is for those who may read keys: members and keys:read", async () => {
    const org = await h.newOrganization();
    const query = `{ organization(slug: "${org.org.slug}") { scopes { name keyCount } apiVersions { name keyCount } } }`;
    const counts = async (client: Parameters<typeof run>[0]) => {
      const { data } = await client.gql(query);
      const scope = data?.organization.scopes.find((s: { name: string }) => s.name === "vehicles:read");
      const version = data?.organization.apiVersions.find((v: { name: string }) => v.name === "v2");
      return [scope?.keyCount, version?.keyCount];
    };
    const reader = await org.keyClient({ scopes: ["vehicles:read"], managementScopes: ["keys:read"] });
    const blind = await org.keyClient({ scopes: ["vehicles:read"], managementScopes: ["resources:read"] });
    expect(await counts(org.as.VIEWER)).toEqual([2, 2]);
    expect(await counts(reader.client)).toEqual([2, 2]);
    expect(await counts(blind.client)).toEqual([null, null]);
  });
});
