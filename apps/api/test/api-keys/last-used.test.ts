import { describe, expect, it } from "vitest";
import { useHarness } from "../support/harness.ts";

const h = useHarness();
const whoAmI = "{ viewer { apiKey { lastUsedAt updatedAt } } }";
const lastUsed = async (id: string) =>
  (await h.db.prisma.apiKey.findUniqueOrThrow({ where: { id }, select: { lastUsedAt: true } })).lastUsedAt;

describe("lastUsedAt", () => {
  it("is written by the usage flush, not by each call, and never moves updatedAt", async () => {
    const org = await h.newOrganization();
    const { client, key } = await org.keyClient();
    expect((await client.gql(whoAmI)).status).toBe(200);
    expect(await lastUsed(key.id)).toBeNull();

    await h.app.verification.usage.flush();
    const first = await lastUsed(key.id);
    expect(first).not.toBeNull();

    h.clock.advance(90_000);
    await client.gql(whoAmI);
    await client.gql(whoAmI);
    await h.app.verification.usage.flush();
    const later = (await client.gql(whoAmI)).data?.viewer.apiKey;
    expect(new Date(later.lastUsedAt).getTime()).toBeGreaterThanOrEqual((first as Date).getTime() + 90_000);
    expect(later.updatedAt).toBe(key.updatedAt.toISOString());
  });

  it("a refused key (revoked) is not marked as used", async () => {
    const org = await h.newOrganization();
    const { client, key } = await org.keyClient({ revoked: true });
    expect((await client.gql(whoAmI)).status).toBe(401);
    await h.app.verification.usage.flush();
    expect(await lastUsed(key.id)).toBeNull();
  });
});
