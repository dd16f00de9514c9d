import { describe, expect, it } from "vitest";
import { useHarness } from "../support/harness.ts";
import { createKey, expectError, keyGid, keySnapshot, revokeMutation, updateMutation } from "./support.ts";

const h = useHarness();

describe("updateApiKey rejects bad changes and changes nothing", () => {
  it.each([
    ["a blank name", { name: "" }, "name"],
    ["a null name", { name: null }, "name"],
    ["a long description", { description: "x".repeat(1001) }, "description"],
    ["an origin with a scheme", { origins: ["http://x.com"] }, "origins"],
    ["a wildcard user agent", { userAgent: "*" }, "userAgent"],
    ["an unknown scope", { scopes: ["nope:nope"] }, "scopes"],
    ["a deprecated API version", { apiVersion: "v1" }, "apiVersion"],
    ["a malformed resource id", { resourceIds: ["???"] }, "resourceIds"],
  ])("%s", async (_label, change, field) => {
    const org = await h.newOrganization();
    const { id } = await createKey(org, { name: "Steady", scopes: ["vehicles:read"] });
    const before = await keySnapshot(h.db.prisma, id);
    const result = await org.as.ADMIN.gql(updateMutation, { input: { id: keyGid(id), ...change } });
    expectError(result.data?.updateApiKey, "VALIDATION", field);
    expect(await keySnapshot(h.db.prisma, id)).toEqual(before);
  });

  it("a null name says how to keep the name, and scopes are trimmed before the caller's own scopes are compared", async () => {
    const org = await h.newOrganization();
    const { id } = await createKey(org, { name: "Steady", scopes: ["vehicles:read"] });
    const cleared = await org.as.ADMIN.gql(updateMutation, { input: { id: keyGid(id), name: null } });
    expect(cleared.data?.updateApiKey.message).toBe(
      "A key always has a name: give a new one, or leave `name` out to keep it.",
    );
    const { client } = await org.keyClient({ scopes: ["keys:write", "vehicles:read"] });
    const padded = await client.gql(updateMutation, { input: { id: keyGid(id), scopes: [" vehicles:read "] } });
    expect(padded.data?.updateApiKey.apiKey?.scopes).toEqual(["vehicles:read"]);
  });

  it("role and expiry are not part of the input: the request is refused before anything runs", async () => {
    const org = await h.newOrganization();
    const { id } = await createKey(org);
    const before = await keySnapshot(h.db.prisma, id);
    for (const change of [{ role: "EDITOR" }, { expiresAt: new Date().toISOString() }]) {
      const result = await org.as.ADMIN.gql(updateMutation, { input: { id: keyGid(id), ...change } });
      expect(result.errors?.[0]?.message).toContain(Object.keys(change)[0]);
    }
    expect(await keySnapshot(h.db.prisma, id)).toEqual(before);
  });

  it("a name taken by another key is a conflict", async () => {
    const org = await h.newOrganization();
    await createKey(org, { name: "Taken" });
    const { id } = await createKey(org, { name: "Mine" });
    const before = await keySnapshot(h.db.prisma, id);
    const result = await org.as.ADMIN.gql(updateMutation, { input: { id: keyGid(id), name: "Taken" } });
    expectError(result.data?.updateApiKey, "CONFLICT");
    expect(await keySnapshot(h.db.prisma, id)).toEqual(before);
  });

  it("revoked and expired keys are read-only", async () => {
    const org = await h.newOrganization();
    const { id } = await createKey(org);
    await org.as.ADMIN.gql(revokeMutation, { input: { id: keyGid(id) } });
    const revoked = await org.as.ADMIN.gql(updateMutation, { input: { id: keyGid(id), name: "Again" } });
    expectError(revoked.data?.updateApiKey, "CONFLICT");
    expect(revoked.data?.updateApiKey.message).toContain("revoked");

    const { key } = await org.keyClient({ expiresAt: new Date(Date.now() - 1000) });
    const expired = await org.as.ADMIN.gql(updateMutation, { input: { id: keyGid(key.id), name: "Again" } });
    expectError(expired.data?.updateApiKey, "CONFLICT");
    expect(expired.data?.updateApiKey.message).toContain("expired");
  });

  it("an unknown or malformed id is not found", async () => {
    const org = await h.newOrganization();
    for (const id of [keyGid("00000000-0000-4000-8000-000000000000"), "nonsense", keyGid("not-a-uuid")]) {
      const result = await org.as.ADMIN.gql(updateMutation, { input: { id, name: "x" } });
      expectError(result.data?.updateApiKey, "NOT_FOUND");
    }
  });
});
