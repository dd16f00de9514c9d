import { describe, expect, it } from "vitest";
import { useHarness } from "../support/harness.ts";

const h = useHarness();
const whoAmI = "{ viewer { apiKey { lastUsedAt updatedAt } } }";

describe("lastUsedAt", () => {
  it("is set when a key authenticates, written at most once a minute, and never moves updatedAt", async () => {
    const org = await h.newOrganization();
    const { client, key } = await org.keyClient();
    const first = (await client.gql(whoAmI)).data?.viewer.apiKey;
    expect(first.lastUsedAt).not.toBeNull();
    expect(first.updatedAt).toBe(key.updatedAt.toISOString());

    h.clock.advance(10_000);
    expect((await client.gql(whoAmI)).data?.viewer.apiKey.lastUsedAt).toBe(first.lastUsedAt);

    h.clock.advance(60_000);
    const later = (await client.gql(whoAmI)).data?.viewer.apiKey;
    expect(new Date(later.lastUsedAt).getTime()).toBeGreaterThan(new Date(first.lastUsedAt).getTime());
    expect(later.updatedAt).toBe(first.updatedAt);
  });

  it("a refused key (revoked) is not marked as used", async () => {
    const org = await h.newOrganization();
    const { client, key } = await org.keyClient({ revoked: true });
    expect((await client.gql(whoAmI)).status).toBe(401);
    expect((await h.db.prisma.apiKey.findUniqueOrThrow({ where: { id: key.id } })).lastUsedAt).toBeNull();
  });
});
