/**
 * Issue 16: a key does only what it was given. "All scopes" means every data scope; management scopes
 * are granted only by name, and a VIEWER key holds read management scopes only.
 */
import { describe, expect, it } from "vitest";
import type { Client, OrgFixture } from "../support/harness.ts";
import { useHarness } from "../support/harness.ts";
import {
  createKey,
  createMutation,
  expectError,
  gid,
  keyGid,
  keySnapshot,
  revokeMutation,
  updateMutation,
} from "./support.ts";

const h = useHarness();

const tokensQuery = (slug: string) =>
  `{ organization(slug: "${slug}") { customerAccounts { nodes { token } } apiKeys { totalCount } } }`;

/** Every management mutation of the attack, tried with `client`; returns the result typenames. */
async function attack(org: OrgFixture, client: Client, victimId: string) {
  const organizationId = gid("Organization", org.org.id);
  const created = await client.gql(createMutation, { input: { organizationId } });
  const revoked = await client.gql(revokeMutation, { input: { id: victimId } });
  const widened = await client.gql(updateMutation, { input: { id: victimId, managementScopes: ["keys:write"] } });
  const account = await client.gql(
    `mutation($input: CreateCustomerAccountInput!) { createCustomerAccount(input: $input) { __typename } }`,
    { input: { organizationId, name: "Stolen" } },
  );
  return [
    created.data?.createApiKey.__typename,
    revoked.data?.revokeApiKey.__typename,
    widened.data?.updateApiKey.__typename,
    account.data?.createCustomerAccount.__typename,
  ];
}

describe("management is never implied", () => {
  it("a key made with the console's defaults (All scopes, VIEWER) cannot create or revoke keys, nor read tokens", async () => {
    const org = await h.newOrganization();
    await h.db.prisma.customerAccount.create({
      data: { organizationId: org.org.id, name: "Customer", token: `tok_${org.org.id}` },
    });
    for (const role of ["VIEWER", "EDITOR"]) {
      const defaults = await createKey(org, { role });
      expect(defaults.apiKey).toMatchObject({ allScopes: true, managementScopes: [] });
      const victim = await createKey(org, { name: `victim ${role}` });
      const before = await keySnapshot(h.db.prisma, victim.id);
      const keys = await h.db.prisma.apiKey.count();
      const asKey = h.client({ authorization: `Bearer ${defaults.secret}` });

      const outcomes = await attack(org, asKey, victim.apiKey.id);
      expect(outcomes, role).toEqual(["ForbiddenError", "ForbiddenError", "ForbiddenError", "ForbiddenError"]);
      const self = await asKey.gql(updateMutation, {
        input: { id: defaults.apiKey.id, managementScopes: ["keys:read"] },
      });
      expectError(self.data?.updateApiKey, "FORBIDDEN");
      const read = await asKey.gql(tokensQuery(org.org.slug));
      expect(read.data?.organization?.customerAccounts?.nodes ?? [], role).toEqual([]);
      expect(read.data?.organization?.apiKeys?.totalCount ?? 0, role).toBe(0);

      expect(await keySnapshot(h.db.prisma, victim.id)).toEqual(before);
      expect(await h.db.prisma.apiKey.count()).toBe(keys);
      expect(await h.db.prisma.customerAccount.count({ where: { organizationId: org.org.id } })).toBe(1);
    }
  });

  it("a management scope inside scopes is refused, saying to grant it in managementScopes", async () => {
    const org = await h.newOrganization();
    const result = await org.as.OWNER.gql(createMutation, {
      input: {
        organizationId: gid("Organization", org.org.id),
        role: "EDITOR",
        scopes: ["vehicles:read", "keys:write"],
      },
    });
    expectError(result.data?.createApiKey, "VALIDATION", "scopes");
    expect(result.data?.createApiKey.message).toContain("grant management scopes in managementScopes");
    const key = await createKey(org, { scopes: ["vehicles:read"] });
    const update = await org.as.OWNER.gql(updateMutation, { input: { id: key.apiKey.id, scopes: ["keys:read"] } });
    expectError(update.data?.updateApiKey, "VALIDATION", "scopes");
  });

  it("names that are not management scopes, and a key with no scope at all, are refused", async () => {
    const org = await h.newOrganization();
    const organizationId = gid("Organization", org.org.id);
    const attempts: [Record<string, unknown>, string][] = [
      [{ managementScopes: ["vehicles:read"] }, "managementScopes"],
      [{ managementScopes: ["keys:admin"] }, "managementScopes"],
      [{ scopes: [] }, "scopes"],
      [{ scopes: [], managementScopes: [] }, "scopes"],
    ];
    for (const [input, field] of attempts) {
      const result = await org.as.OWNER.gql(createMutation, { input: { organizationId, ...input } });
      expectError(result.data?.createApiKey, "VALIDATION", field);
    }
    // A management-only key cannot drop its last management scope without getting a data scope.
    const manager = await createKey(org, { scopes: [], managementScopes: ["keys:read"] });
    const emptied = await org.as.OWNER.gql(updateMutation, { input: { id: manager.apiKey.id, managementScopes: [] } });
    expectError(emptied.data?.updateApiKey, "VALIDATION", "scopes");
  });
});

describe("the key's role caps its management power", () => {
  it("a VIEWER key cannot hold a write management scope, on create and on edit", async () => {
    const org = await h.newOrganization();
    const organizationId = gid("Organization", org.org.id);
    const before = await h.db.prisma.apiKey.count();
    const created = await org.as.OWNER.gql(createMutation, {
      input: { organizationId, managementScopes: ["keys:read", "keys:write"] },
    });
    expectError(created.data?.createApiKey, "VALIDATION", "managementScopes");
    expect(created.data?.createApiKey.message).toBe(
      "A VIEWER key cannot hold keys:write; make the key an EDITOR or grant keys:read.",
    );
    expect(await h.db.prisma.apiKey.count()).toBe(before);

    const viewer = await createKey(org, { managementScopes: ["keys:read"] });
    const snapshot = await keySnapshot(h.db.prisma, viewer.id);
    const edited = await org.as.OWNER.gql(updateMutation, {
      input: { id: viewer.apiKey.id, managementScopes: ["keys:read", "webhooks:write"] },
    });
    expectError(edited.data?.updateApiKey, "VALIDATION", "managementScopes");
    expect(edited.data?.updateApiKey.message).toBe(
      "A VIEWER key cannot hold webhooks:write; make the key an EDITOR or grant webhooks:read.",
    );
    expect(await keySnapshot(h.db.prisma, viewer.id)).toEqual(snapshot);

    const editor = await createKey(org, { role: "EDITOR", managementScopes: ["keys:write"] });
    expect(editor.apiKey.managementScopes).toEqual(["keys:write"]);
  });
});

describe("editing management scopes", () => {
  it("leaves them when omitted, replaces them when given, audits the change, and the key's power follows at once", async () => {
    const org = await h.newOrganization();
    const key = await createKey(org, { role: "EDITOR", managementScopes: ["keys:read", "keys:write"] });
    const asKey = h.client({ authorization: `Bearer ${key.secret}` });
    const organizationId = gid("Organization", org.org.id);
    expect((await asKey.gql(createMutation, { input: { organizationId } })).data?.createApiKey.__typename).toBe(
      "CreateApiKeyPayload",
    );

    const renamed = await org.as.OWNER.gql(updateMutation, { input: { id: key.apiKey.id, name: "renamed" } });
    expect(renamed.data?.updateApiKey.apiKey.managementScopes).toEqual(["keys:read", "keys:write"]);
    const dataOnly = await org.as.OWNER.gql(updateMutation, {
      input: { id: key.apiKey.id, scopes: ["vehicles:read"] },
    });
    expect(dataOnly.data?.updateApiKey.apiKey).toMatchObject({
      scopes: ["vehicles:read"],
      managementScopes: ["keys:read", "keys:write"],
    });

    const narrowed = await org.as.OWNER.gql(updateMutation, {
      input: { id: key.apiKey.id, managementScopes: ["keys:read"] },
    });
    expect(narrowed.data?.updateApiKey.apiKey).toMatchObject({
      scopes: ["vehicles:read"],
      managementScopes: ["keys:read"],
    });
    const event = await h.db.prisma.auditEvent.findFirst({
      where: { targetId: key.id, action: "api_key.updated" },
      orderBy: { createdAt: "desc" },
    });
    expect(event?.changes).toMatchObject({
      managementScopes: { from: ["keys:read", "keys:write"], to: ["keys:read"] },
    });

    const refused = await asKey.gql(createMutation, { input: { organizationId } });
    expect(refused.data?.createApiKey.__typename).toBe("ForbiddenError");
    const list = await asKey.gql(`{ organization(slug: "${org.org.slug}") { apiKeys { totalCount } } }`);
    expect(list.data?.organization.apiKeys.totalCount).toBeGreaterThan(0);
    expect(
      (await org.as.OWNER.gql(updateMutation, { input: { id: keyGid(key.id) } })).data?.updateApiKey.apiKey,
    ).toMatchObject({ managementScopes: ["keys:read"] });
  });
});
