import { describe, expect, it } from "vitest";
import { createOwnerCommand } from "../../src/cli/create-owner.ts";
import { useHarness } from "../support/harness.ts";
import { clientFromCookie, completeSetup, resetPassword, result, strongPassword } from "./documents.ts";

const h = useHarness({ team: { publicUrl: "https://tessera.example.com" } });

async function run(...argv: string[]) {
  const lines: string[] = [];
  const team = {
    publicUrl: "https://tessera.example.com",
    emailEnabled: false,
    organizationCreation: "members" as const,
  };
  const code = await createOwnerCommand(argv, {
    prisma: h.db.prisma,
    clock: h.clock,
    team,
    print: (l) => lines.push(l),
  });
  return { code, output: lines.join("\n") };
}

describe("tessera create-owner", () => {
  it("makes an owner and an organization on an empty database and prints a one-time sign-in link", async () => {
    const setupLink = await h.app.openSetup();
    const { code, output } = await run("--email", "Ops@Example.TEST", "--organization", "Acme Fleet GmbH");
    expect(code).toBe(0);
    expect(output).toContain(
      'Organization "Acme Fleet GmbH" (acme-fleet-gmbh) created; ops@example.test is its OWNER.',
    );
    const link = /https:\/\/tessera\.example\.com\/reset-password\?token=(tsp_[0-9A-Za-z]{43})/.exec(output);
    expect(link).not.toBeNull();

    // The owner exists: the setup link of this start no longer works.
    const token = new URL(setupLink as string).searchParams.get("token") as string;
    const setup = await h.anonymous.gql(completeSetup, {
      input: {
        token,
        email: "x@example.test",
        name: "X",
        password: strongPassword,
        organizationName: "X",
        organizationSlug: "xxx",
      },
    });
    expect(result(setup).code).toBe("CONFLICT");

    const signedIn = await h.anonymous.gql(resetPassword, { input: { token: link?.[1], password: strongPassword } });
    expect(result(signedIn).__typename).toBe("ResetPasswordPayload");
    const me = await clientFromCookie(h, signedIn).gql(
      "{ viewer { user { email } organizations { slug viewerRole } } }",
    );
    expect(me.data?.viewer).toEqual({
      user: { email: "ops@example.test" },
      organizations: [{ slug: "acme-fleet-gmbh", viewerRole: "OWNER" }],
    });
    const again = await h.anonymous.gql(resetPassword, { input: { token: link?.[1], password: `${strongPassword}?` } });
    expect(result(again).code).toBe("CONFLICT");
  });

  it("makes an existing user OWNER of a new organization; refuses a taken slug and bad arguments", async () => {
    const { users } = await h.newOrganization();
    const made = await run("--email", users.VIEWER.email, "--organization", "Second", "--slug", "second-org");
    expect(made.code).toBe(0);
    expect(made.output).toContain("(an existing user)");
    const owner = await h.db.prisma.membership.findFirstOrThrow({
      where: { userId: users.VIEWER.id, organization: { slug: "second-org" } },
    });
    expect(owner.role).toBe("OWNER");
    expect(
      (await run("--email", "y@example.test", "--organization", "Again", "--slug", "second-org")).output,
    ).toContain('The slug "second-org" is taken');
    expect((await run("--organization", "No email")).code).toBe(2);
    expect((await run("--email", "y@example.test", "--organization", "X", "--bogus")).code).toBe(2);
  });
});
