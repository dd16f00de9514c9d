import { describe, expect, it } from "vitest";
import { useHarness } from "../support/harness.ts";
import { createKey, gid, keyGid, renewMutation, revokeMutation } from "./support.ts";

const h = useHarness();
const auditQuery = `query Audit($slug: String!, $first: Int, $filter: AuditEventFilter) {
  organization(slug: $slug) {
    auditEvents(first: $first, filter: $filter) {
      totalCount
      nodes { action actorType actorId actorLabel targetType targetId targetLabel sourceAddress userAgent changes { field from to } createdAt }
    }
  }
}`;

describe("Organization.auditEvents", () => {
  it("lists key changes newest first with actor, target and changes, and filters by action, actor and target", async () => {
    const org = await h.newOrganization();
    const { id, secret } = await createKey(org, { name: "Audited" });
    h.clock.advance(1000);
    await org.as.ADMIN.gql(renewMutation, { input: { id: keyGid(id) } });
    h.clock.advance(1000);
    const { client, key } = await org.keyClient({ scopes: ["keys:write"] });
    await client.gql(revokeMutation, { input: { id: keyGid(id), reason: "rotated" } });

    const all = await org.as.OWNER.gql(auditQuery, { slug: org.org.slug, filter: { targetId: keyGid(id) } });
    const events = all.data?.organization.auditEvents;
    expect(events.totalCount).toBe(3);
    expect(events.nodes.map((e: { action: string }) => e.action)).toEqual([
      "API_KEY_REVOKED",
      "API_KEY_RENEWED",
      "API_KEY_CREATED",
    ]);
    expect(events.nodes[0]).toMatchObject({
      actorType: "API_KEY",
      actorId: keyGid(key.id),
      targetType: "ApiKey",
      targetId: keyGid(id),
      targetLabel: "Audited",
      changes: [
        { field: "status", from: "ACTIVE", to: "REVOKED" },
        { field: "revokedReason", from: null, to: "rotated" },
      ],
    });
    expect(events.nodes[1].changes).toEqual([{ field: "expiresAt", from: expect.any(String), to: expect.any(String) }]);
    expect(events.nodes[2].changes).toContainEqual({ field: "name", from: null, to: "Audited" });
    expect(events.nodes[1]).toMatchObject({ actorType: "USER", actorId: gid("User", org.users.ADMIN.id) });
    expect(JSON.stringify(all)).not.toContain(secret.slice(4));

    const byAction = await org.as.ADMIN.gql(auditQuery, {
      slug: org.org.slug,
      filter: { actions: ["API_KEY_RENEWED"] },
    });
    expect(byAction.data?.organization.auditEvents.totalCount).toBe(1);
    const byActor = await org.as.ADMIN.gql(auditQuery, {
      slug: org.org.slug,
      filter: { actorId: gid("User", org.users.OWNER.id), actions: ["API_KEY_CREATED"] },
    });
    expect(byActor.data?.organization.auditEvents.nodes.map((e: { targetLabel: string }) => e.targetLabel)).toEqual([
      "Audited",
    ]);
  });

  it("is for owners and admins only: editors, viewers and keys get a clear forbidden error", async () => {
    const org = await h.newOrganization();
    await createKey(org);
    const { client } = await org.keyClient({ managementScopes: "all" });
    for (const caller of [org.as.EDITOR, org.as.VIEWER, client]) {
      const result = await caller.gql(auditQuery, { slug: org.org.slug });
      expect(result.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
      expect(result.errors?.[0]?.message).toMatch(/owners and admins|owner and admin/);
    }
  });

  it("never shows another organization's events", async () => {
    const org = await h.newOrganization();
    const other = await h.newOrganization();
    const { id } = await createKey(other);
    const mine = await org.as.OWNER.gql(auditQuery, { slug: org.org.slug, filter: { targetId: keyGid(id) } });
    expect(mine.data?.organization.auditEvents.totalCount).toBe(0);
    expect((await org.as.OWNER.gql(auditQuery, { slug: other.org.slug })).data?.organization).toBeNull();
  });

  it("reads rows stored before changes were pairs: a bare value is a change from nothing, a token is never shown", async () => {
    const org = await h.newOrganization();
    const base = {
      organizationId: org.org.id,
      actorLabel: "old@acme.test",
      targetType: "CustomerAccount",
      createdAt: new Date(h.clock.now().getTime() - 1000),
    };
    await h.db.prisma.auditEvent.createMany({
      data: [
        { ...base, action: "api_key.revoked", changes: { reason: "leaked" } },
        { ...base, action: "customer_account.token_rotated", changes: { token: "rotated" } },
        {
          ...base,
          action: "customer_account.updated",
          changes: { token: "acc_live_old_value", name: { from: "A", to: "B" } },
        },
        { ...base, action: "api_key.updated", changes: "renamed" },
      ],
    });
    const result = await org.as.OWNER.gql(auditQuery, { slug: org.org.slug });
    const changes = result.data?.organization.auditEvents.nodes.map((e: { changes: unknown }) => e.changes);
    expect(changes).toContainEqual([{ field: "reason", from: null, to: "leaked" }]);
    expect(changes).toContainEqual([{ field: "token", from: null, to: "rotated" }]);
    expect(changes).toContainEqual([
      { field: "name", from: "A", to: "B" },
      { field: "token", from: null, to: "(hidden)" },
    ]);
    expect(changes).toContainEqual([{ field: "summary", from: null, to: "renamed" }]);
    expect(JSON.stringify(result)).not.toContain("acc_live_old_value");
  });

  it("records the address and the User-Agent of the request that made the change", async () => {
    const org = await h.newOrganization();
    const { id } = await createKey(org, { name: "With agent" });
    const browser = h.client({ ...org.as.OWNER.headers, "user-agent": "AuditTest/1.0 (X11)" });
    await browser.gql(renewMutation, { input: { id: keyGid(id) } });
    const result = await org.as.OWNER.gql(auditQuery, { slug: org.org.slug, filter: { targetId: keyGid(id) } });
    const [renewed] = result.data?.organization.auditEvents.nodes ?? [];
    expect(renewed).toMatchObject({ action: "API_KEY_RENEWED", userAgent: "AuditTest/1.0 (X11)" });
  });

  it("a malformed actor id is a clear error", async () => {
    const org = await h.newOrganization();
    const result = await org.as.OWNER.gql(auditQuery, { slug: org.org.slug, filter: { actorId: "bad" } });
    expect(result.errors?.[0]?.message).toContain("actorId");
  });
});
