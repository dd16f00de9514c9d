import { describe, expect, it } from "vitest";
import { useHarness } from "../support/harness.ts";
import { completeSetup, result, strongPassword } from "./documents.ts";

const h = useHarness();

const input = (token: string, slug = "first-org") => ({
  token,
  email: "owner@example.test",
  name: "Owner",
  password: strongPassword,
  organizationName: "First",
  organizationSlug: slug,
});

describe("setup tokens", () => {
  it("refuses a made-up token, and the previous start's token once a new one is issued", async () => {
    const old = new URL((await h.app.openSetup()) as string).searchParams.get("token") as string;
    const current = new URL((await h.app.openSetup()) as string).searchParams.get("token") as string;
    for (const token of ["tsu_madeup", old, ""]) {
      expect(result(await h.anonymous.gql(completeSetup, { input: input(token) })).code).toBe("NOT_FOUND");
    }
    expect(await h.db.prisma.user.count()).toBe(0);
    // Input is checked before anything is created.
    const weak = result(await h.anonymous.gql(completeSetup, { input: { ...input(current), password: "short" } }));
    expect(weak).toMatchObject({ code: "VALIDATION", field: "password" });
    const badSlug = result(await h.anonymous.gql(completeSetup, { input: input(current, "Not A Slug") }));
    expect(badSlug).toMatchObject({ code: "VALIDATION", field: "organizationSlug" });
    expect(await h.db.prisma.user.count()).toBe(0);
  });

  it.skipIf(process.env.TEST_DB !== "postgres")(
    "two setups at once with the same token: exactly one owner and one organization",
    async () => {
      const token = new URL((await h.app.openSetup()) as string).searchParams.get("token") as string;
      const answers = await Promise.all(
        ["race-a", "race-b", "race-c"].map((slug) => h.anonymous.gql(completeSetup, { input: input(token, slug) })),
      );
      const kinds = answers.map((a) => result(a).__typename).sort();
      expect(kinds.filter((k) => k === "CompleteSetupPayload")).toHaveLength(1);
      expect(await h.db.prisma.user.count()).toBe(1);
      expect(await h.db.prisma.organization.count()).toBe(1);
    },
  );
});
