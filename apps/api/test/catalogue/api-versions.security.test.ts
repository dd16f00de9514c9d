import { describe, expect, it } from "vitest";
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

describe("who may change the API versions", () => {
  it("EDITOR and VIEWER members and every API key are Forbidden; anonymous callers told to sign in; nothing changes", async () => {
    const org = await h.newOrganization();
    const v1 = await versionId(h.db.prisma, org.org.id, "v1");
    const v2 = await versionId(h.db.prisma, org.org.id, "v2");
    const attempts: [string, Record<string, unknown>][] = [
      [createVersionMutation, { organizationId: gid("Organization", org.org.id), name: "v9" }],
      [deprecateVersionMutation, { id: v1, sunsetAt: daysFromNow(30) }],
      [setDefaultVersionMutation, { id: v2 }],
    ];
    const keys = [
      (await org.keyClient({ managementScopes: "all" })).client,
      (await org.keyClient({ managementScopes: ["keys:write"] })).client,
    ];
    const before = await catalogueSnapshot(h.db.prisma, org.org.id);
    for (const [document, input] of attempts) {
      for (const client of [org.as.EDITOR, org.as.VIEWER, ...keys]) {
        expect((await run(client, document, input)).__typename).toBe("ForbiddenError");
      }
      expect((await run(h.anonymous, document, input)).__typename).toBe("UnauthenticatedError");
    }
    expect(await catalogueSnapshot(h.db.prisma, org.org.id)).toEqual(before);
  });

  it("another organization's versions and organization read as not found", async () => {
    const victim = await h.newOrganization();
    const attacker = await h.newOrganization();
    const v1 = await versionId(h.db.prisma, victim.org.id, "v1");
    const v2 = await versionId(h.db.prisma, victim.org.id, "v2");
    const before = await catalogueSnapshot(h.db.prisma, victim.org.id);
    for (const client of [attacker.as.OWNER, (await attacker.keyClient({ managementScopes: "all" })).client]) {
      const created = await run(client, createVersionMutation, {
        organizationId: gid("Organization", victim.org.id),
        name: "v9",
      });
      expect(created).toMatchObject({ __typename: "NotFoundError", message: "Organization not found." });
      for (const [document, input] of [
        [deprecateVersionMutation, { id: v1, sunsetAt: daysFromNow(30) }],
        [setDefaultVersionMutation, { id: v2 }],
      ] as const) {
        expect(await run(client, document, input)).toMatchObject({
          __typename: "NotFoundError",
          message: "API version not found.",
        });
      }
    }
    expect(await catalogueSnapshot(h.db.prisma, victim.org.id)).toEqual(before);
  });

  it("another organization's version cannot become this organization's default through its own id", async () => {
    const home = await h.newOrganization();
    const other = await h.newOrganization();
    const foreign = await versionId(h.db.prisma, other.org.id, "v2");
    expect((await run(home.as.OWNER, setDefaultVersionMutation, { id: foreign })).__typename).toBe("NotFoundError");
    const org = await h.db.prisma.organization.findUniqueOrThrow({ where: { id: home.org.id } });
    expect(org.defaultApiVersionId).toBe(
      await h.db.prisma.apiVersion
        .findUniqueOrThrow({ where: { organizationId_name: { organizationId: home.org.id, name: "v2" } } })
        .then((v) => v.id),
    );
  });
});
