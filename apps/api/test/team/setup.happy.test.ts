import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { useHarness } from "../support/harness.ts";
import { clientFromCookie, completeSetup, result, strongPassword } from "./documents.ts";

const h = useHarness({ team: { publicUrl: "https://tessera.example.com" } });

const input = (token: string) => ({
  token,
  email: " Founder@Example.TEST ",
  name: "Fran Founder",
  password: strongPassword,
  organizationName: "Acme Fleet",
  organizationSlug: "acme-fleet",
});

async function get(path: string): Promise<number> {
  const server = createServer((req, res) => void h.app.handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  try {
    const { port } = server.address() as AddressInfo;
    return (await fetch(`http://127.0.0.1:${port}${path}`, { headers: { accept: "text/html" } })).status;
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

describe("first run", () => {
  it("offers a setup link while no user exists; completing it makes an owner, signed in, and closes setup", async () => {
    const link = await h.app.openSetup();
    expect(link).toMatch(/^https:\/\/tessera\.example\.com\/setup\?token=tsu_[0-9A-Za-z]{43}$/);
    expect(await get("/setup")).not.toBe(404);
    const token = new URL(link as string).searchParams.get("token") as string;

    const response = await h.anonymous.gql(completeSetup, { input: input(token) });
    expect(result(response)).toMatchObject({ __typename: "CompleteSetupPayload", organizationSlug: "acme-fleet" });
    const owner = clientFromCookie(h, response);
    const me = await owner.gql(
      "{ viewer { user { email name } organizations { slug name viewerRole apiVersions { name } scopes { name management } } } }",
    );
    expect(me.data?.viewer.user).toEqual({ email: "founder@example.test", name: "Fran Founder" });
    const [org] = me.data?.viewer.organizations ?? [];
    expect(org).toMatchObject({ slug: "acme-fleet", name: "Acme Fleet", viewerRole: "OWNER" });
    expect(org.apiVersions).toEqual([{ name: "v1" }]);
    expect(org.scopes.every((s: { management: boolean }) => s.management)).toBe(true);
    expect(org.scopes.map((s: { name: string }) => s.name)).toContain("keys:write");

    // Setup is gone: the page is a 404, the mutation refuses, and no new link is offered.
    expect(await get("/setup")).toBe(404);
    const again = await h.anonymous.gql(completeSetup, { input: { ...input(token), organizationSlug: "second" } });
    expect(result(again)).toMatchObject({ __typename: "ConflictError" });
    expect(await h.app.openSetup()).toBeNull();
    const audit = await h.db.prisma.auditEvent.findMany({ where: { action: "organization.created" } });
    expect(audit).toHaveLength(1);
  });
});
