import { usageWindowStart } from "@tessera/core";
import { demoKeySecrets, seedDemoData } from "@tessera/demo-data";
import { describe, expect, it } from "vitest";
import { useHarness } from "./support/harness.ts";

const h = useHarness();
const dayMs = 86_400_000;

/** The console's Overview usage request (apps/web/src/features/overview/documents.ts). */
const overviewUsage = `query OverviewUsage($since: DateTime!, $until: DateTime!) {
  organization(slug: "acme-fleet") {
    verificationUsage(since: $since, until: $until, granularity: DAY) { start total byCode { code count } }
    verificationTopKeys(since: $since, until: $until, first: 5) { apiKey { name status } total valid refused }
    verificationRefusals(since: $since, until: $until) { code count }
  }
}`;

type Bucket = { start: string; total: number; byCode: { code: string; count: number }[] };
type TopKey = { apiKey: { name: string; status: string }; total: number; valid: number; refused: number };
type Overview = {
  organization: {
    verificationUsage: Bucket[];
    verificationTopKeys: TopKey[];
    verificationRefusals: { code: string; count: number }[];
  };
};

describe("demo data usage", () => {
  it("gives the demo organization 30 days of traffic that matches its keys' stories, through the tables the Overview reads", async () => {
    const prisma = h.db.prisma;
    const now = new Date();
    const started = performance.now();
    expect(await seedDemoData(prisma, now)).toBe(true);
    // Seeding stays quick on the embedded database (it runs at a first start).
    expect(performance.now() - started).toBeLessThan(20_000);
    await h.app.verification.loadFilter();

    const since = usageWindowStart(now);
    const period = { since: since.toISOString(), until: new Date(since.getTime() + 30 * dayMs).toISOString() };
    const { data, errors } = await h
      .client({ authorization: `Bearer ${demoKeySecrets.automation}` })
      .gql<Overview>(overviewUsage, period);
    expect(errors).toBeUndefined();
    if (!data) throw new Error("no answer");
    const { verificationUsage: days, verificationTopKeys: top, verificationRefusals: refusals } = data.organization;

    // Traffic every day, a busy week day and a lighter weekend, none of it in the future.
    expect(days).toHaveLength(30);
    expect(days.every((day) => day.total > 0)).toBe(true);
    const totals = days.slice(0, -1).map((day) => day.total);
    expect(Math.max(...totals)).toBeGreaterThan(1.5 * Math.min(...totals));

    // The busy dashboard leads; the expired and revoked keys show only refusals once their end came.
    expect(top.map((t) => [t.apiKey.name, t.apiKey.status])).toEqual([
      ["Fleet dashboard", "ACTIVE"],
      ["Route planner integration", "EXPIRING"],
      ["Legacy telematics", "EXPIRED"],
      ["Old partner sync", "REVOKED"],
    ]);
    const partner = top.find((t) => t.apiKey.name === "Old partner sync");
    expect(partner).toMatchObject({ valid: 0 });
    expect(partner?.refused).toBeGreaterThan(0);
    expect(top.every((t) => t.total === t.valid + t.refused)).toBe(true);

    // Several refusal codes, none of a key that never had them.
    const codes = refusals.map((r) => r.code);
    expect(codes).toEqual(expect.arrayContaining(["EXPIRED", "REVOKED", "ORIGIN_NOT_ALLOWED", "RATE_LIMITED"]));
    expect(codes.length).toBeGreaterThanOrEqual(5);
    const sum = (values: number[]) => values.reduce((n, v) => n + v, 0);
    expect(sum(refusals.map((r) => r.count))).toBe(sum(top.map((t) => t.refused)));
    expect(sum(days.map((d) => d.total))).toBe(sum(top.map((t) => t.total)));

    // Last used agrees with the traffic: the dashboard's last VALID hour is the current one.
    const recent = await prisma.apiKeyUsage.findFirst({
      where: { apiKey: { name: "Fleet dashboard" }, code: "VALID" },
      orderBy: { hour: "desc" },
    });
    expect(now.getTime() - (recent?.hour.getTime() ?? 0)).toBeLessThan(3_600_000);
  });
});
