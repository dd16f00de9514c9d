import { describe, expect, it } from "vitest";
import { type Client, useHarness } from "../support/harness.ts";
import {
  accountSnapshot,
  createAccount,
  createAccountAs,
  globalId,
  listAccounts,
  rotateToken,
  updateAccount,
} from "./documents.ts";

const h = useHarness();

/** The three mutations, each with valid input for `accountId` in `organizationId`. */
function mutations(organizationId: string, accountId: string) {
  return [
    { field: "createCustomerAccount", document: createAccount, input: { organizationId, name: "Intruder" } },
    { field: "updateCustomerAccount", document: updateAccount, input: { id: accountId, status: "SUSPENDED" } },
    { field: "rotateAccountToken", document: rotateToken, input: { id: accountId } },
  ];
}

async function expectEveryMutation(client: Client, orgId: string, accountId: string, typename: string) {
  for (const { field, document, input } of mutations(globalId("Organization", orgId), accountId)) {
    const result = await client.gql(document, { input });
    expect({ field, outcome: result.data?.[field]?.__typename }).toEqual({ field, outcome: typename });
  }
}

describe("customer accounts: who may do what", () => {
  it("EDITOR and VIEWER may not create, change or rotate (ForbiddenError), and nothing changes", async () => {
    const { org, as } = await h.newOrganization();
    const { id } = await createAccountAs(as.ADMIN, org.id, "Guarded");
    const before = await accountSnapshot(h.db.prisma, org.id);
    await expectEveryMutation(as.EDITOR, org.id, id, "ForbiddenError");
    await expectEveryMutation(as.VIEWER, org.id, id, "ForbiddenError");
    expect(await accountSnapshot(h.db.prisma, org.id)).toEqual(before);
  });

  it("anonymous callers are told to authenticate, and nothing changes", async () => {
    const { org, as } = await h.newOrganization();
    const { id } = await createAccountAs(as.ADMIN, org.id, "Guarded");
    const before = await accountSnapshot(h.db.prisma, org.id);
    await expectEveryMutation(h.anonymous, org.id, id, "UnauthenticatedError");
    expect(await accountSnapshot(h.db.prisma, org.id)).toEqual(before);
  });

  it("a key needs accounts:write: without it ForbiddenError; a revoked key is refused outright", async () => {
    const { org, as, keyClient } = await h.newOrganization();
    const { id } = await createAccountAs(as.ADMIN, org.id, "Guarded");
    const before = await accountSnapshot(h.db.prisma, org.id);
    const reader = await keyClient({ scopes: ["accounts:read", "keys:write", "resources:write"] });
    await expectEveryMutation(reader.client, org.id, id, "ForbiddenError");

    const revoked = await keyClient({ revoked: true });
    for (const { document, input } of mutations(globalId("Organization", org.id), id)) {
      const result = await revoked.client.gql(document, { input });
      expect(result.status).toBe(401);
      expect(result.errors?.[0]?.message).toBe("The API key has been revoked.");
    }
    expect(await accountSnapshot(h.db.prisma, org.id)).toEqual(before);
  });

  it("another organization's ids behave exactly like unknown ids, for members and keys", async () => {
    const victim = await h.newOrganization();
    const attacker = await h.newOrganization();
    const { id } = await createAccountAs(victim.as.ADMIN, victim.org.id, "Victim account");
    const before = await accountSnapshot(h.db.prisma, victim.org.id);
    const unknown = globalId("CustomerAccount", "7d0f6c5e-0000-4000-8000-000000000000");
    const attackerKey = (await attacker.keyClient({ managementScopes: "all" })).client;

    for (const client of [attacker.as.OWNER, attackerKey]) {
      for (const [targetId, label] of [
        [id, "victim's"],
        [unknown, "unknown"],
      ]) {
        for (const { field, document, input } of mutations(
          globalId("Organization", victim.org.id),
          targetId as string,
        )) {
          const result = await client.gql(document, { input });
          expect({ label, field, outcome: result.data?.[field] }).toMatchObject({
            label,
            field,
            outcome: { __typename: "NotFoundError" },
          });
        }
      }
      // The same message for a real foreign id and a random one: nothing to tell them apart.
      const foreign = await client.gql(rotateToken, { input: { id } });
      const random = await client.gql(rotateToken, { input: { id: unknown } });
      expect(foreign.data).toEqual(random.data);
    }
    expect(await accountSnapshot(h.db.prisma, victim.org.id)).toEqual(before);
  });

  it("another organization's accounts cannot be listed or fetched by id", async () => {
    const victim = await h.newOrganization();
    const attacker = await h.newOrganization();
    const { id } = await createAccountAs(victim.as.ADMIN, victim.org.id, "Victim account");
    const attackerKey = (await attacker.keyClient({ managementScopes: "all" })).client;
    for (const client of [attacker.as.OWNER, attackerKey]) {
      expect((await client.gql(listAccounts, { slug: victim.org.slug })).data?.organization).toBeNull();
      const node = await client.gql("query($id: ID!) { node(id: $id) { id } }", { id });
      expect(node.data?.node).toBeNull();
    }
  });

  it("tokens: OWNER, ADMIN and keys with accounts:read see them; EDITOR and VIEWER get null", async () => {
    const { org, as, keyClient } = await h.newOrganization();
    const created = await createAccountAs(as.ADMIN, org.id, "Token holder");
    const token = (slice: { data?: Record<string, any> }) => slice.data?.organization.customerAccounts.nodes[0];
    const tokenQuery = `query($slug: String!) { organization(slug: $slug) { customerAccounts { nodes { name token } } } }`;

    expect(token(await as.OWNER.gql(tokenQuery, { slug: org.slug }))).toEqual({
      name: "Token holder",
      token: created.token,
    });
    expect(token(await as.ADMIN.gql(tokenQuery, { slug: org.slug })).token).toBe(created.token);
    expect(token(await as.EDITOR.gql(tokenQuery, { slug: org.slug }))).toEqual({ name: "Token holder", token: null });
    expect(token(await as.VIEWER.gql(tokenQuery, { slug: org.slug }))).toEqual({ name: "Token holder", token: null });
    const reader = await keyClient({ scopes: ["accounts:read"] });
    expect(token(await reader.client.gql(tokenQuery, { slug: org.slug })).token).toBe(created.token);

    // Through node(id) too, so there is no side door to the value.
    const byNode = await as.VIEWER.gql("query($id: ID!) { node(id: $id) { ... on CustomerAccount { token } } }", {
      id: created.id,
    });
    expect(byNode.data?.node).toEqual({ token: null });
  });

  it("a key without accounts:read cannot list accounts at all", async () => {
    const { org, as, keyClient } = await h.newOrganization();
    await createAccountAs(as.ADMIN, org.id, "Hidden");
    const keysOnly = await keyClient({ scopes: ["keys:read"] });
    const result = await keysOnly.client.gql(listAccounts, { slug: org.slug });
    expect(result.errors?.[0]?.message).toBe("This API key lacks the accounts:read scope.");
    expect(result.data?.organization ?? null).toBeNull();
  });
});
