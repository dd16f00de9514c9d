import { describe, expect, it } from "vitest";
import { createMutation } from "../api-keys/support.ts";
import { useHarness } from "../support/harness.ts";
import {
  addScope,
  catalogueSnapshot,
  createScopeMutation,
  gid,
  restoreScopeMutation,
  retireScopeMutation,
  run,
  scopeId,
  updateScopeMutation,
} from "./documents.ts";

const h = useHarness();

describe("the scope catalogue refuses", () => {
  it("malformed, over-long and reserved names, and missing or over-long descriptions, naming the field; nothing changes", async () => {
    const org = await h.newOrganization();
    const organizationId = gid("Organization", org.org.id);
    const before = await catalogueSnapshot(h.db.prisma, org.org.id);
    const cases: [string, string, string, string][] = [
      ["Vehicles:Read", "x", "name", "is not a scope name"],
      ["vehicles", "x", "name", "is not a scope name"],
      ["vehicles:read ", "x", "name", "is not a scope name"],
      [`${"a".repeat(40)}:${"b".repeat(24)}`, "x", "name", "at most 64 characters"],
      ["keys:write", "x", "name", "reserved"],
      ["webhooks:replay", "x", "name", "reserved"],
      ["trips:read", "   ", "description", "Describe what the scope allows"],
      ["trips:read", "d".repeat(301), "description", "at most 300"],
    ];
    for (const [name, description, field, message] of cases) {
      const payload = await run(org.as.OWNER, createScopeMutation, { organizationId, name, description });
      expect(payload, name).toMatchObject({ __typename: "ValidationError", code: "VALIDATION", field });
      expect(payload.message, name).toContain(message);
    }
    expect(await catalogueSnapshot(h.db.prisma, org.org.id)).toEqual(before);
  });

  it("a name already in the catalogue is a ConflictError, and a retired one says to restore it", async () => {
    const org = await h.newOrganization();
    const organizationId = gid("Organization", org.org.id);
    const taken = await run(org.as.OWNER, createScopeMutation, {
      organizationId,
      name: "vehicles:read",
      description: "Again.",
    });
    expect(taken).toMatchObject({
      __typename: "ConflictError",
      message: 'The scope "vehicles:read" already exists in this organization.',
    });
    const scope = await addScope(org, "trips:read");
    await run(org.as.OWNER, retireScopeMutation, { id: scope.id });
    const retired = await run(org.as.OWNER, createScopeMutation, {
      organizationId,
      name: "trips:read",
      description: "x",
    });
    expect(retired).toMatchObject({
      __typename: "ConflictError",
      message: expect.stringContaining("restore it instead"),
    });
  });

  it("retiring twice, or restoring a scope in use, is a ConflictError recorded once", async () => {
    const org = await h.newOrganization();
    const scope = await addScope(org, "trips:read");
    expect((await run(org.as.OWNER, restoreScopeMutation, { id: scope.id })).__typename).toBe("ConflictError");
    await run(org.as.OWNER, retireScopeMutation, { id: scope.id });
    const again = await run(org.as.OWNER, retireScopeMutation, { id: scope.id });
    expect(again).toMatchObject({ __typename: "ConflictError", message: 'The scope "trips:read" is already retired.' });
    expect(await h.db.prisma.auditEvent.count({ where: { organizationId: org.org.id, action: "scope.retired" } })).toBe(
      1,
    );
  });

  it("management scopes cannot be described, retired or restored", async () => {
    const org = await h.newOrganization();
    const id = await scopeId(h.db.prisma, org.org.id, "keys:write");
    const before = await catalogueSnapshot(h.db.prisma, org.org.id);
    for (const [document, input] of [
      [updateScopeMutation, { id, description: "Mine now." }],
      [retireScopeMutation, { id }],
      [restoreScopeMutation, { id }],
    ] as const) {
      const payload = await run(org.as.OWNER, document, input);
      expect(payload).toMatchObject({ __typename: "ValidationError", field: "id" });
      expect(payload.message).toContain("management scopes");
    }
    expect(await catalogueSnapshot(h.db.prisma, org.org.id)).toEqual(before);
  });

  it("a retired scope cannot be granted to a new key, nor added to a key that does not hold it", async () => {
    const org = await h.newOrganization();
    const scope = await addScope(org, "trips:read");
    await run(org.as.OWNER, retireScopeMutation, { id: scope.id });
    const created = await org.as.OWNER.gql(createMutation, {
      input: { organizationId: gid("Organization", org.org.id), scopes: ["trips:read", "vehicles:read"] },
    });
    expect(created.data?.createApiKey).toMatchObject({
      __typename: "ValidationError",
      field: "scopes",
      message: "Retired scope cannot be granted: trips:read.",
    });
    const key = await h.db.prisma.apiKey.count({ where: { organizationId: org.org.id } });
    expect(key).toBe(0);
  });

  it("an unknown or malformed scope id is NotFound", async () => {
    const org = await h.newOrganization();
    for (const id of [gid("Scope", crypto.randomUUID()), "nope", gid("ApiKey", crypto.randomUUID())]) {
      const payload = await run(org.as.OWNER, retireScopeMutation, { id });
      expect(payload, id).toEqual({ __typename: "NotFoundError", code: "NOT_FOUND", message: "Scope not found." });
    }
  });
});
