import { describe, expect, it } from "vitest";
import { gid } from "../api-keys/support.ts";
import { useHarness } from "../support/harness.ts";
import {
  createEndpoint,
  deleteEndpoint,
  listEndpoints,
  registerEndpoint,
  updateEndpoint,
} from "./webhook-documents.ts";

const h = useHarness();

describe("webhook endpoints: bad input changes nothing", () => {
  it("refuses URLs that are not https (or http to localhost), carry credentials, or are not URLs", async () => {
    const org = await h.newOrganization();
    const cases = [
      ["http://hooks.example.com/", "must use https"],
      ["ftp://hooks.example.com/", "must use https"],
      ["https://user:pass@hooks.example.com/", "user name or password"],
      ["not a url", "not a valid absolute URL"],
      [`https://hooks.example.com/${"a".repeat(2000)}`, "at most 2000"],
    ] as const;
    for (const [url, message] of cases) {
      const result = await org.as.OWNER.gql(createEndpoint, {
        input: { organizationId: gid("Organization", org.org.id), url, events: ["API_KEY_CREATED"] },
      });
      expect(result.data?.createWebhookEndpoint, url).toMatchObject({ code: "VALIDATION", field: "url" });
      expect(result.data?.createWebhookEndpoint.message).toContain(message);
    }
    const none = await org.as.OWNER.gql(createEndpoint, {
      input: { organizationId: gid("Organization", org.org.id), url: "https://hooks.example.com/", events: [] },
    });
    expect(none.data?.createWebhookEndpoint).toMatchObject({ code: "VALIDATION", field: "events" });
    const unknown = await org.as.OWNER.gql(createEndpoint, {
      input: { organizationId: gid("Organization", org.org.id), url: "https://hooks.example.com/", events: ["NOPE"] },
    });
    expect(unknown.errors?.[0]?.message).toContain("NOPE");
    expect(await h.db.prisma.webhookEndpoint.count({ where: { organizationId: org.org.id } })).toBe(0);
    expect(await h.db.prisma.auditEvent.count({ where: { organizationId: org.org.id } })).toBe(0);
  });

  it("accepts plain http to localhost, audits changes and deletion, and refuses an empty change", async () => {
    const org = await h.newOrganization();
    const endpoint = await registerEndpoint(org, "http://localhost:9999/hook", ["API_KEY_CREATED"]);
    const empty = await org.as.OWNER.gql(updateEndpoint, { input: { id: endpoint.id } });
    expect(empty.data?.updateWebhookEndpoint).toMatchObject({ code: "VALIDATION" });
    const bad = await org.as.OWNER.gql(updateEndpoint, { input: { id: endpoint.id, url: "http://example.com/" } });
    expect(bad.data?.updateWebhookEndpoint).toMatchObject({ code: "VALIDATION", field: "url" });

    const changed = await org.as.OWNER.gql(updateEndpoint, {
      input: { id: endpoint.id, events: ["API_KEY_REVOKED", "API_KEY_EXPIRED"], description: "ops" },
    });
    expect(changed.data?.updateWebhookEndpoint.webhookEndpoint).toMatchObject({
      events: ["API_KEY_EXPIRED", "API_KEY_REVOKED"],
      description: "ops",
    });
    const tooMany = await org.as.OWNER.gql(
      `query($slug: String!) { organization(slug: $slug) { webhookEndpoints { nodes { deliveries(first: 101) { id } } } } }`,
      { slug: org.org.slug },
    );
    expect(tooMany.errors?.[0]?.message).toContain("between 1 and 100");
    const deleted = await org.as.OWNER.gql(deleteEndpoint, { input: { id: endpoint.id } });
    expect(deleted.data?.deleteWebhookEndpoint.deletedId).toBe(endpoint.id);
    const list = await org.as.OWNER.gql(listEndpoints, { slug: org.org.slug });
    expect(list.data?.organization.webhookEndpoints.nodes).toEqual([]);

    const events = await h.db.prisma.auditEvent.findMany({
      where: { organizationId: org.org.id },
      orderBy: { createdAt: "asc" },
    });
    expect(events.map((e) => e.action)).toEqual([
      "webhook_endpoint.created",
      "webhook_endpoint.updated",
      "webhook_endpoint.deleted",
    ]);
    expect(events[1]?.changes).toEqual({
      events: { from: ["api_key.created"], to: ["api_key.expired", "api_key.revoked"] },
      description: { from: null, to: "ops" },
    });
  });
});
