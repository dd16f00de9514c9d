/**
 * A key's origin and user-agent restrictions hold when it authenticates a GraphQL call too, not only
 * when a service verifies it: a key copied out of a browser app must not manage Tessera from elsewhere.
 */
import { describe, expect, it } from "vitest";
import { useHarness } from "../support/harness.ts";

const h = useHarness();
const query = "{ viewer { apiKey { name } } }";

async function restrictedKey(data: { origins?: string[]; userAgent?: string }) {
  const { keyClient } = await h.newOrganization();
  const { key, secret } = await keyClient({ scopes: ["keys:read"] });
  await h.db.prisma.apiKey.update({ where: { id: key.id }, data });
  return { key, as: (headers: Record<string, string>) => h.client({ authorization: `Bearer ${secret}`, ...headers }) };
}

describe("Bearer authentication honours the key's restrictions", () => {
  it("a key limited to an origin works from it, and gets 401 from another origin or with none", async () => {
    const { key, as } = await restrictedKey({ origins: ["app.example.com"] });
    const allowed = await as({ origin: "https://app.example.com" }).gql(query);
    expect(allowed.data?.viewer.apiKey.name).toBe(key.name);
    const viaReferer = await as({ referer: "https://app.example.com/page" }).gql(query);
    expect(viaReferer.data?.viewer.apiKey.name).toBe(key.name);

    const elsewhere: Record<string, string>[] = [
      { origin: "https://evil.example" },
      { origin: "https://app.example.com.evil.com" },
      {},
    ];
    for (const headers of elsewhere) {
      const refused = await as(headers).gql(query);
      expect(refused.status, JSON.stringify(headers)).toBe(401);
      expect(refused.errors?.[0]?.message).toBe(
        "This API key may not be used from this origin (see its allowed origins).",
      );
      expect(refused.data ?? null).toBeNull();
    }
  });

  it("a key limited to a user agent gets 401 without it", async () => {
    const { key, as } = await restrictedKey({ userAgent: "FleetSync/" });
    expect((await as({ "user-agent": "FleetSync/2.1" }).gql(query)).data?.viewer.apiKey.name).toBe(key.name);
    const refused = await as({ "user-agent": "curl/8.0" }).gql(query);
    expect(refused.status).toBe(401);
    expect(refused.errors?.[0]?.message).toContain("user agent");
  });

  it("`?` in the origins lets calls without Origin or Referer through, as verification does", async () => {
    const { key, as } = await restrictedKey({ origins: ["app.example.com", "?"] });
    expect((await as({}).gql(query)).data?.viewer.apiKey.name).toBe(key.name);
  });
});
