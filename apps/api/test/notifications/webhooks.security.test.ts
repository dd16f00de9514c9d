import { describe, expect, it } from "vitest";
import { gid } from "../api-keys/support.ts";
import { type Client, type OrgFixture, useHarness } from "../support/harness.ts";
import {
  createEndpoint,
  deleteEndpoint,
  listEndpoints,
  registerEndpoint,
  rotateSecret,
  sendTest,
  updateEndpoint,
} from "./webhook-documents.ts";

const h = useHarness();
const url = "https://hooks.example.com/tessera";

/** Every change an attacker might try on one endpoint, with the mutation's field name. */
function changes(id: string) {
  return [
    ["updateWebhookEndpoint", updateEndpoint, { id, url: "https://attacker.example.com/" }],
    ["rotateWebhookSecret", rotateSecret, { id }],
    ["sendTestWebhook", sendTest, { id }],
    ["deleteWebhookEndpoint", deleteEndpoint, { id }],
  ] as const;
}

async function snapshot(endpointId: string) {
  const prisma = h.db.prisma;
  const id = Buffer.from(endpointId, "base64").toString().split(":")[1] ?? "";
  return {
    endpoint: await prisma.webhookEndpoint.findUnique({ where: { id } }),
    deliveries: await prisma.outboxMessage.count({ where: { webhookEndpointId: id } }),
  };
}

async function expectRefused(client: Client, id: string, code: "FORBIDDEN" | "NOT_FOUND") {
  const before = await snapshot(id);
  for (const [field, document, input] of changes(id)) {
    const result = await client.gql(document, { input });
    expect(result.data?.[field], field).toMatchObject({ code });
  }
  expect(await snapshot(id)).toEqual(before);
}

const create = (client: Client, org: OrgFixture) =>
  client.gql(createEndpoint, {
    input: { organizationId: gid("Organization", org.org.id), url, events: ["API_KEY_REVOKED"] },
  });

describe("webhook endpoints: who may do what", () => {
  it("editors and viewers neither list nor change endpoints", async () => {
    const org = await h.newOrganization();
    const endpoint = await registerEndpoint(org, url, ["API_KEY_CREATED"]);
    for (const role of ["EDITOR", "VIEWER"] as const) {
      const list = await org.as[role].gql(listEndpoints, { slug: org.org.slug });
      expect(list.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
      expect((await create(org.as[role], org)).data?.createWebhookEndpoint).toMatchObject({ code: "FORBIDDEN" });
      await expectRefused(org.as[role], endpoint.id, "FORBIDDEN");
    }
    expect(await h.db.prisma.webhookEndpoint.count({ where: { organizationId: org.org.id } })).toBe(1);
  });

  it("a key needs webhooks:read to list and webhooks:write to change", async () => {
    const org = await h.newOrganization();
    const endpoint = await registerEndpoint(org, url, ["API_KEY_CREATED"]);
    const keysOnly = (await org.keyClient({ scopes: ["keys:read", "keys:write"] })).client;
    expect((await keysOnly.gql(listEndpoints, { slug: org.org.slug })).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect((await create(keysOnly, org)).data?.createWebhookEndpoint).toMatchObject({ code: "FORBIDDEN" });

    const reader = (await org.keyClient({ scopes: ["webhooks:read"] })).client;
    const listed = await reader.gql(listEndpoints, { slug: org.org.slug });
    expect(listed.data?.organization.webhookEndpoints.nodes).toHaveLength(1);
    expect((await create(reader, org)).data?.createWebhookEndpoint).toMatchObject({ code: "FORBIDDEN" });
    await expectRefused(reader, endpoint.id, "FORBIDDEN");

    const { key, client: writer } = await org.keyClient({ scopes: ["webhooks:write"] });
    const created = await create(writer, org);
    expect(created.data?.createWebhookEndpoint.__typename).toBe("CreateWebhookEndpointPayload");
    const event = await h.db.prisma.auditEvent.findFirstOrThrow({
      where: { organizationId: org.org.id, action: "webhook_endpoint.created", actorApiKeyId: key.id },
    });
    expect(event.targetLabel).toBe(url);
  });

  it("another organization's endpoints read as if they did not exist", async () => {
    const victim = await h.newOrganization();
    const attacker = await h.newOrganization();
    const endpoint = await registerEndpoint(victim, url, ["API_KEY_CREATED"]);
    const attackerKey = (await attacker.keyClient({ managementScopes: "all" })).client;
    for (const client of [attacker.as.OWNER, attackerKey]) {
      await expectRefused(client, endpoint.id, "NOT_FOUND");
      const node = await client.gql(`query($id: ID!) { node(id: $id) { id } }`, { id: endpoint.id });
      expect(node.data?.node).toBeNull();
      expect((await create(client, victim)).data?.createWebhookEndpoint).toMatchObject({ code: "NOT_FOUND" });
    }
    // A malformed id or an id of another type is just as unknown.
    await expectRefused(attacker.as.OWNER, gid("ApiKey", "00000000-0000-4000-8000-000000000000"), "NOT_FOUND");
    expect(await h.db.prisma.webhookEndpoint.count({ where: { organizationId: victim.org.id } })).toBe(1);
  });

  it("anonymous callers are told to authenticate", async () => {
    const org = await h.newOrganization();
    const result = await create(h.anonymous, org);
    expect(result.data?.createWebhookEndpoint).toMatchObject({ code: "UNAUTHENTICATED" });
  });

  it("the signing secret is returned only by create and rotate, never by a query or the audit log", async () => {
    const org = await h.newOrganization();
    const endpoint = await registerEndpoint(org, url, ["API_KEY_CREATED"]);
    const rotated = await org.as.OWNER.gql(rotateSecret, { input: { id: endpoint.id } });
    const secret = rotated.data?.rotateWebhookSecret.secret as string;
    const query = await org.as.OWNER.gql(
      `query($slug: String!) { organization(slug: $slug) { webhookEndpoints { nodes { secret } } } }`,
      {
        slug: org.org.slug,
      },
    );
    expect(query.errors?.[0]?.message).toContain('Cannot query field "secret"');
    const events = await h.db.prisma.auditEvent.findMany({ where: { organizationId: org.org.id } });
    expect(events.map((e) => e.action).sort()).toEqual(["webhook_endpoint.created", "webhook_endpoint.secret_rotated"]);
    for (const secretValue of [endpoint.secret, secret]) {
      expect(JSON.stringify(events)).not.toContain(secretValue.slice(6));
    }
  });
});
