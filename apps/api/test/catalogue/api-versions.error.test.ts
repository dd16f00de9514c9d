import { describe, expect, it } from "vitest";
import { createMutation } from "../api-keys/support.ts";
import { useHarness } from "../support/harness.ts";
import {
  catalogueSnapshot,
  createVersionMutation,
  daysFromNow,
  deprecateVersionMutation,
  gid,
  run,
  setDefaultVersionMutation,
  versionId,
} from "./documents.ts";

const h = useHarness();

describe("API versions refuse", () => {
  it("malformed names and long descriptions, naming the field, and a taken name as a conflict", async () => {
    const org = await h.newOrganization();
    const organizationId = gid("Organization", org.org.id);
    const before = await catalogueSnapshot(h.db.prisma, org.org.id);
    for (const [name, description, field] of [
      ["", null, "name"],
      ["v 3", null, "name"],
      ["x".repeat(33), null, "name"],
      ["v3", "d".repeat(301), "description"],
    ] as const) {
      const payload = await run(org.as.OWNER, createVersionMutation, { organizationId, name, description });
      expect(payload, name).toMatchObject({ __typename: "ValidationError", field });
    }
    const taken = await run(org.as.OWNER, createVersionMutation, { organizationId, name: "v2" });
    expect(taken).toEqual({
      __typename: "ConflictError",
      code: "CONFLICT",
      message: 'An API version named "v2" already exists in this organization.',
    });
    expect(await catalogueSnapshot(h.db.prisma, org.org.id)).toEqual(before);
  });

  it("a sunset before today, and deprecating the default version", async () => {
    const org = await h.newOrganization();
    const v2 = await versionId(h.db.prisma, org.org.id, "v2");
    const v3 = await run(org.as.OWNER, createVersionMutation, {
      organizationId: gid("Organization", org.org.id),
      name: "v3",
    });
    const before = await catalogueSnapshot(h.db.prisma, org.org.id);
    const past = await run(org.as.OWNER, deprecateVersionMutation, { id: v3.apiVersion.id, sunsetAt: daysFromNow(-2) });
    expect(past).toMatchObject({
      __typename: "ValidationError",
      field: "sunsetAt",
      message: "The sunset date must be today or later.",
    });
    const byDefault = await run(org.as.OWNER, deprecateVersionMutation, { id: v2, sunsetAt: daysFromNow(90) });
    expect(byDefault).toMatchObject({ __typename: "ValidationError", field: "id" });
    expect(byDefault.message).toContain("make another version the default first");
    expect(await catalogueSnapshot(h.db.prisma, org.org.id)).toEqual(before);
  });

  it("a deprecated version can be neither the default nor chosen for a new key", async () => {
    const org = await h.newOrganization();
    const v1 = await versionId(h.db.prisma, org.org.id, "v1");
    const payload = await run(org.as.OWNER, setDefaultVersionMutation, { id: v1 });
    expect(payload).toMatchObject({ __typename: "ValidationError", field: "id" });
    expect(payload.message).toContain("deprecated");
    const key = await org.as.OWNER.gql(createMutation, {
      input: { organizationId: gid("Organization", org.org.id), apiVersion: "v1" },
    });
    expect(key.data?.createApiKey).toMatchObject({ __typename: "ValidationError", field: "apiVersion" });
  });

  it("an unknown or malformed version id is NotFound", async () => {
    const org = await h.newOrganization();
    for (const id of [gid("ApiVersion", crypto.randomUUID()), "%%%", gid("Scope", crypto.randomUUID())]) {
      expect(await run(org.as.OWNER, setDefaultVersionMutation, { id }), id).toEqual({
        __typename: "NotFoundError",
        code: "NOT_FOUND",
        message: "API version not found.",
      });
    }
  });
});
