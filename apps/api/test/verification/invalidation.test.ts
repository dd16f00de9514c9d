import { describe, expect, it } from "vitest";
import { rotateToken, updateAccount } from "../accounts/documents.ts";
import { createKey, deleteMutation, renewMutation, revokeMutation, updateMutation } from "../api-keys/support.ts";
import { createResourceAs } from "../resources/documents.ts";
import { useHarness } from "../support/harness.ts";
import { sharedWorld } from "./fixtures.ts";
import { verifyOverGraphQL } from "./support.ts";

const h = useHarness();
const world = sharedWorld(h);
const dayMs = 86_400_000;
const verify = (input: Record<string, unknown>) => verifyOverGraphQL(h.app, input).then((a) => a.code);

/**
 * Each change is made after the answer it changes has been cached (a warm verification first), and
 * the very next verification must see it: the cache never answers with what was true before.
 */
describe("the cache never answers with what was true before a change", () => {
  it("warm verifications do not read the database", async () => {
    const w = await world();
    const input = { key: w.keys.strict.secret, accountToken: w.tokens.active, resourceId: w.resources.vehicle.id };
    expect(await verify({ ...input, userAgent: "FleetApp/2" })).toBe("VALID");
    const misses = h.app.verification.gate.stats.misses;
    for (let i = 0; i < 5; i++) expect(await verify({ ...input, userAgent: "FleetApp/2" })).toBe("VALID");
    expect(h.app.verification.gate.stats.misses).toBe(misses);
  });

  it("revoke, edit, renew and delete take effect at the next verification", async () => {
    const w = await world();
    const owner = w.org.as.OWNER;
    const { full, strict } = w.keys;

    expect(await verify({ key: full.secret })).toBe("VALID");
    await owner.gql(revokeMutation, { input: { id: full.apiKey.id } });
    expect(await verify({ key: full.secret })).toBe("REVOKED");

    const strictInput = { key: strict.secret, userAgent: "FleetApp/2", scope: "vehicles:read" };
    expect(await verify(strictInput)).toBe("VALID");
    await owner.gql(updateMutation, { input: { id: strict.apiKey.id, scopes: ["routes:write"] } });
    expect(await verify(strictInput)).toBe("INSUFFICIENT_SCOPE");
    await owner.gql(updateMutation, { input: { id: strict.apiKey.id, scopes: null, userAgent: "Other/1" } });
    expect(await verify(strictInput)).toBe("USER_AGENT_NOT_ALLOWED");
    await owner.gql(updateMutation, { input: { id: strict.apiKey.id, userAgent: null, origins: ["only.test"] } });
    expect(await verify({ ...strictInput, origin: "https://example.com" })).toBe("ORIGIN_NOT_ALLOWED");
    await owner.gql(updateMutation, { input: { id: strict.apiKey.id, origins: [], resourceIds: [] } });
    expect(await verify({ ...strictInput, resourceId: w.resources.vehicle.id })).toBe("RESOURCE_FORBIDDEN");
    await owner.gql(updateMutation, { input: { id: strict.apiKey.id, customerAccountIds: [] } });
    expect(await verify({ ...strictInput, accountToken: w.tokens.active })).toBe("ACCOUNT_MISMATCH");

    // Renewal: the cached expiry is the old one; once the clock passes it, only a fresh entry says VALID.
    const short = await createKey(w.org, { name: "short", expiresAt: new Date(Date.now() + 2 * dayMs).toISOString() });
    const input = { key: short.secret };
    expect(await verify(input)).toBe("VALID");
    await owner.gql(renewMutation, { input: { id: short.apiKey.id } });
    h.clock.advance(3 * dayMs);
    try {
      expect(await verify(input)).toBe("VALID");
    } finally {
      h.clock.advance(-3 * dayMs);
    }

    await owner.gql(deleteMutation, { input: { id: short.apiKey.id } });
    expect(await verify(input)).toBe("NOT_FOUND");
  });

  it("rotating a token or changing an account's status takes effect at the next verification", async () => {
    const w = await world();
    const owner = w.org.as.OWNER;
    const key = await createKey(w.org, { name: "acting-for-accounts" });
    const input = { key: key.secret, accountToken: w.tokens.active };
    expect(await verify(input)).toBe("VALID");
    await owner.gql(updateAccount, { input: { id: w.accounts.active.id, status: "SUSPENDED" } });
    expect(await verify(input)).toBe("ACCOUNT_INACTIVE");
    await owner.gql(updateAccount, { input: { id: w.accounts.active.id, status: "ACTIVE" } });
    expect(await verify(input)).toBe("VALID");
    const rotated = await owner.gql(rotateToken, { input: { id: w.accounts.active.id } });
    expect(await verify(input)).toBe("ACCOUNT_MISMATCH");
    const newToken = rotated.data?.rotateAccountToken.customerAccount.token;
    expect(await verify({ ...input, accountToken: newToken })).toBe("VALID");
  });

  it("a resource created inside a granted group is reachable at once", async () => {
    const w = await world();
    const key = await createKey(w.org, { name: "group-granted", resourceIds: [w.resources.outer.id] });
    const base = { key: key.secret };
    expect(await verify({ ...base, resourceId: w.resources.vehicle.id })).toBe("VALID");
    const added = await createResourceAs(w.org.as.OWNER, w.org.org.id, {
      kind: "VEHICLE",
      name: "New truck",
      parentId: w.resources.inner.id,
    });
    expect(await verify({ ...base, resourceId: added.id })).toBe("VALID");
  });

  it("a revoked management key is refused at its very next Bearer call", async () => {
    const w = await world();
    const manager = await createKey(w.org, { name: "manager" });
    const client = h.client({ authorization: `Bearer ${manager.secret}` });
    expect((await client.gql("{ viewer { apiKey { name } } }")).data?.viewer.apiKey.name).toBe("manager");
    await w.org.as.OWNER.gql(revokeMutation, { input: { id: manager.apiKey.id } });
    const refused = await client.gql("{ viewer { apiKey { name } } }");
    expect(refused.status).toBe(401);
    expect(refused.errors?.[0]?.message).toBe("The API key has been revoked.");
  });
});
