import { describe, expect, it } from "vitest";
import { useHarness } from "./support/harness.ts";

const h = useHarness();

const bySlug = "query($slug: String!) { organization(slug: $slug) { slug members { user { email } } } }";
const byNode = "query($id: ID!) { node(id: $id) { __typename id } }";

describe("tenant isolation and authentication", () => {
  it("a member of another organization gets null for its slug, exactly like an unknown slug", async () => {
    const mine = await h.newOrganization();
    const theirs = await h.newOrganization();
    const other = await mine.as.OWNER.gql(bySlug, { slug: theirs.org.slug });
    const unknown = await mine.as.OWNER.gql(bySlug, { slug: "no-such-org" });
    expect(other.data).toEqual({ organization: null });
    expect(other).toEqual({ ...unknown, headers: other.headers });
  });

  it("node(id) returns null for another organization and for its members", async () => {
    const mine = await h.newOrganization();
    const theirs = await h.newOrganization();
    const theirOrgId = (
      await theirs.as.VIEWER.gql("query($s: String!) { organization(slug: $s) { id } }", { s: theirs.org.slug })
    ).data?.organization.id;
    const theirUserId = (await theirs.as.VIEWER.gql("{ viewer { user { id } } }")).data?.viewer.user.id;
    expect(theirOrgId).toBeTruthy();
    for (const id of [theirOrgId, theirUserId]) {
      const result = await mine.as.OWNER.gql(byNode, { id });
      expect(result.data).toEqual({ node: null });
      expect(result.errors).toBeUndefined();
    }
  });

  it("anonymous callers see no organization and no node", async () => {
    const { org, as } = await h.newOrganization();
    const orgId = (await as.VIEWER.gql("query($s: String!) { organization(slug: $s) { id } }", { s: org.slug })).data
      ?.organization.id;
    expect((await h.anonymous.gql(bySlug, { slug: org.slug })).data).toEqual({ organization: null });
    expect((await h.anonymous.gql(byNode, { id: orgId })).data).toEqual({ node: null });
  });

  it("an API key never reaches another organization", async () => {
    const mine = await h.newOrganization();
    const theirs = await h.newOrganization();
    const { client } = await mine.keyClient();
    expect((await client.gql(bySlug, { slug: theirs.org.slug })).data).toEqual({ organization: null });
    expect((await client.gql(bySlug, { slug: mine.org.slug })).data?.organization.slug).toBe(mine.org.slug);
  });

  it("refuses revoked, expired, unknown and malformed keys with 401 and a clear message", async () => {
    const { keyClient } = await h.newOrganization();
    const revoked = await keyClient({ revoked: true });
    const expired = await keyClient({ expiresAt: new Date(Date.now() - 1000) });
    const cases: [Record<string, string>, string][] = [
      [{ authorization: `Bearer ${revoked.secret}` }, "The API key has been revoked."],
      [{ authorization: `Bearer ${expired.secret}` }, "The API key has expired."],
      // One character changed (never to itself), so the checksum fails.
      [
        { authorization: `Bearer ${revoked.secret.slice(0, -1)}${revoked.secret.endsWith("x") ? "y" : "x"}` },
        "The API key is not valid.",
      ],
      [{ authorization: "Bearer tsr_notakey" }, "The API key is not valid."],
      [{ authorization: "Basic dXNlcjpwYXNz" }, "The Authorization header must be `Bearer <api key>`."],
    ];
    for (const [headers, message] of cases) {
      const result = await h.client(headers).gql("{ viewer { apiKey { id } } }");
      expect(result.status).toBe(401);
      expect(result.headers.get("www-authenticate")).toBe("Bearer");
      expect(result.errors).toEqual([
        expect.objectContaining({ message, extensions: expect.objectContaining({ code: "UNAUTHENTICATED" }) }),
      ]);
      expect(result.data ?? null).toBeNull();
    }
  });

  it("a session cookie that is unknown or expired means anonymous, not an error", async () => {
    const result = await h.client({ cookie: "tessera_session=tss_forged" }).gql("{ viewer { user { id } } }");
    expect(result.status).toBe(200);
    expect(result.data?.viewer.user).toBeNull();
  });

  it("a malformed global id is a clear error, not a crash", async () => {
    const { as } = await h.newOrganization();
    const result = await as.OWNER.gql(byNode, { id: "not-a-global-id" });
    expect(result.errors?.[0]?.message).not.toMatch(/Unexpected error/);
    expect(JSON.stringify(result)).not.toMatch(/at .*\.ts:\d+/);
  });
});
