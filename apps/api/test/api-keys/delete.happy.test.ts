import { describe, expect, it } from "vitest";
import { useHarness } from "../support/harness.ts";
import { keyWithResources } from "./delete-fixtures.ts";
import { deleteMutation, gid, keyGid } from "./support.ts";

const h = useHarness();

describe("deleteApiKey", () => {
  it("without an heir: deletes the resources the key owned alone, unlinks it from co-owned ones, removes its restrictions and ACL", async () => {
    const org = await h.newOrganization();
    const prisma = h.db.prisma;
    const { id, solo1, solo2, shared } = await keyWithResources(prisma, org);
    const result = await org.as.ADMIN.gql(deleteMutation, { input: { id: keyGid(id) } });
    expect(result.data?.deleteApiKey).toMatchObject({
      __typename: "DeleteApiKeyPayload",
      deletedId: keyGid(id),
      transferredResources: [],
    });
    expect([...(result.data?.deleteApiKey.deletedResourceIds ?? [])].sort()).toEqual(
      [gid("Resource", solo1.id), gid("Resource", solo2.id)].sort(),
    );

    expect(await prisma.apiKey.findUnique({ where: { id } })).toBeNull();
    expect(await prisma.resource.findMany({ where: { organizationId: org.org.id }, select: { id: true } })).toEqual([
      { id: shared.id },
    ]);
    expect(
      await prisma.resourceOwner.findMany({
        where: { resourceId: shared.id },
        select: { userId: true, apiKeyId: true },
      }),
    ).toEqual([{ userId: org.users.EDITOR.id, apiKeyId: null }]);
    for (const count of [
      prisma.accessControlEntry.count({ where: { apiKeyId: id } }),
      prisma.apiKeyScope.count({ where: { apiKeyId: id } }),
      prisma.apiKeyResource.count({ where: { apiKeyId: id } }),
      prisma.apiKeyCustomerAccount.count({ where: { apiKeyId: id } }),
    ]) {
      expect(await count).toBe(0);
    }
    const actions = (
      await prisma.auditEvent.findMany({ where: { organizationId: org.org.id, action: { not: "api_key.created" } } })
    )
      .map((e) => e.action)
      .sort();
    expect(actions).toEqual(["api_key.deleted", "resource.deleted", "resource.deleted"]);
  });

  it("with an heir: the member becomes owner of every resource the key owned, without duplicate owner rows", async () => {
    const org = await h.newOrganization();
    const prisma = h.db.prisma;
    const { id, solo1, solo2, shared } = await keyWithResources(prisma, org);
    const result = await org.as.OWNER.gql(deleteMutation, {
      input: { id: keyGid(id), transferOwnershipTo: gid("User", org.users.EDITOR.id) },
    });
    const payload = result.data?.deleteApiKey;
    expect(payload.__typename).toBe("DeleteApiKeyPayload");
    expect(payload.deletedResourceIds).toEqual([]);
    expect(payload.transferredResources.map((r: { name: string }) => r.name)).toEqual([
      "Shared",
      "Solo one",
      "Solo two",
    ]);
    for (const resource of [solo1, solo2, shared]) {
      expect(
        await prisma.resourceOwner.findMany({
          where: { resourceId: resource.id },
          select: { userId: true, apiKeyId: true },
        }),
      ).toEqual([{ userId: org.users.EDITOR.id, apiKeyId: null }]);
    }
    const transfers = await prisma.auditEvent.findMany({
      where: { organizationId: org.org.id, action: "resource.ownership_transferred" },
    });
    expect(transfers.map((e) => e.targetId).sort()).toEqual([solo1.id, solo2.id, shared.id].sort());
    expect(transfers[0]?.changes).toMatchObject({ to: { userId: org.users.EDITOR.id } });
  });

  it("an ADMIN or OWNER may also be the heir, and a key without resources is simply deleted", async () => {
    const org = await h.newOrganization();
    const { id } = await keyWithResources(h.db.prisma, org);
    const result = await org.as.ADMIN.gql(deleteMutation, {
      input: { id: keyGid(id), transferOwnershipTo: gid("User", org.users.ADMIN.id) },
    });
    expect(result.data?.deleteApiKey.transferredResources).toHaveLength(3);
    const { key } = await org.keyClient();
    const plain = await org.as.ADMIN.gql(deleteMutation, { input: { id: keyGid(key.id) } });
    expect(plain.data?.deleteApiKey).toMatchObject({
      deletedId: keyGid(key.id),
      deletedResourceIds: [],
      transferredResources: [],
    });
  });
});
