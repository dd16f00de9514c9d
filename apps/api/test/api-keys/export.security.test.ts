import { describe, expect, it } from "vitest";
import { useHarness } from "../support/harness.ts";
import { useHttpServer } from "../support/http-server.ts";
import { createKey } from "./support.ts";

const h = useHarness();
const http = useHttpServer(h);

const url = (slug: string) => `${http.base()}/v1/exports/api-keys.csv?organization=${slug}`;

describe("the key export never leaves its organization", () => {
  it("another organization's session gets 404, exactly like an unknown organization, and nothing of ours", async () => {
    const org = await h.newOrganization();
    const other = await h.newOrganization();
    await createKey(org, { name: "ours-secret-name" });
    for (const role of ["OWNER", "VIEWER"] as const) {
      const response = await fetch(url(org.org.slug), { headers: { cookie: other.as[role].headers.cookie ?? "" } });
      expect(response.status).toBe(404);
      const body = await response.text();
      expect(body).not.toContain("ours-secret-name");
      const unknown = await fetch(url("no-such-org"), { headers: { cookie: other.as[role].headers.cookie ?? "" } });
      expect(unknown.status).toBe(404);
      expect(await unknown.text()).toBe(body);
    }
  });

  it("needs a session: anonymous and API-key callers get 401; a POST changes nothing and is refused", async () => {
    const org = await h.newOrganization();
    await createKey(org, { name: "ours" });
    expect((await fetch(url(org.org.slug))).status).toBe(401);
    const { secret } = await createKey(org, { name: "caller" });
    const withKey = await fetch(url(org.org.slug), { headers: { authorization: `Bearer ${secret}` } });
    expect(withKey.status).toBe(401);
    const forged = await fetch(url(org.org.slug), { headers: { cookie: "tessera_session=forged" } });
    expect(forged.status).toBe(401);
    const post = await fetch(url(org.org.slug), {
      method: "POST",
      headers: { cookie: org.as.OWNER.headers.cookie ?? "" },
    });
    expect(post.status).toBe(405);
  });

  it("every member role may export (the list's read rule), and never sees a secret or a hash", async () => {
    const org = await h.newOrganization();
    const { secret } = await createKey(org, { name: "exported" });
    const hashed = (
      await h.db.prisma.apiKey.findFirstOrThrow({ where: { name: "exported", organizationId: org.org.id } })
    ).hashedKey;
    for (const role of ["OWNER", "ADMIN", "EDITOR", "VIEWER"] as const) {
      const response = await fetch(url(org.org.slug), { headers: { cookie: org.as[role].headers.cookie ?? "" } });
      expect(response.status, role).toBe(200);
      const text = await response.text();
      expect(text).toContain("exported");
      expect(text).not.toContain(secret);
      expect(text).not.toContain(secret.slice(4, 24));
      expect(text).not.toContain(hashed);
    }
  });
});
