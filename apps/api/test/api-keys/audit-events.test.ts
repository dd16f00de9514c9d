import { describe, expect, it } from "vitest";
import { useHarness } from "../support/harness.ts";
import { createKey, gid, keyGid, renewMutation, revokeMutation } from "./support.ts";

const h = useHarness();
const auditQuery = `query Audit($slug: String!, $first: Int, $filter: AuditEventFilter) {
  organization(slug: $slug) {
    auditEvents(first: $first, filter: $filter) {
      totalCount
      nodes { action actorType actorId actorLabel targetType targetId targetLabel changes createdAt }
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
      changes: { reason: "rotated" },
    });
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

  it("a malformed actor id is a clear error", async () => {
    const org = await h.newOrganization();
    const result = await org.as.OWNER.gql(auditQuery, { slug: org.org.slug, filter: { actorId: "bad" } });
    expect(result.errors?.[0]?.message).toContain("actorId");
  });
});
