import { describe, expect, it } from "vitest";
import { gid } from "../api-keys/support.ts";
import { dayMs, hourMs, keyOf, recordUsage, today } from "../maintenance/support.ts";
import { useHarness } from "../support/harness.ts";

const h = useHarness();

const totals = `query T($slug: String!, $since: DateTime!, $until: DateTime!, $first: Int) {
  organization(slug: $slug) {
    verificationTopKeys(since: $since, until: $until, first: $first) { apiKey { id name } total valid refused }
    verificationRefusals(since: $since, until: $until) { code count }
  }
}`;

const midnight = today();
const last30 = {
  since: new Date(midnight - 29 * dayMs).toISOString(),
  until: new Date(midnight + dayMs).toISOString(),
};

describe("Organization.verificationTopKeys and verificationRefusals", () => {
  it("rank keys by verifications and refusals by code over whole UTC days, most first", async () => {
    const org = await h.newOrganization();
    const [busy, quiet, idle, deleted] = [await keyOf(org), await keyOf(org), await keyOf(org), await keyOf(org)];
    await recordUsage(h, [
      { keyId: busy, code: "VALID", at: new Date(midnight + hourMs), times: 9 },
      { keyId: busy, code: "REVOKED", at: new Date(midnight - 3 * dayMs), times: 2 },
      { keyId: quiet, code: "VALID", at: new Date(midnight - 10 * dayMs), times: 3 },
      { keyId: quiet, code: "ORIGIN_NOT_ALLOWED", at: new Date(midnight - 10 * dayMs), times: 4 },
      { keyId: deleted, code: "EXPIRED", at: new Date(midnight - 2 * dayMs), times: 5 },
      // Outside the 30 days: counted in neither answer.
      { keyId: idle, code: "VALID", at: new Date(midnight - 31 * dayMs), times: 50 },
      { keyId: idle, code: "EXPIRED", at: new Date(midnight - 40 * dayMs), times: 50 },
    ]);
    await h.db.prisma.apiKey.delete({ where: { id: deleted } });

    const { data } = await org.as.VIEWER.gql(totals, { slug: org.org.slug, ...last30 });
    expect(data?.organization.verificationTopKeys).toEqual([
      { apiKey: expect.objectContaining({ id: gid("ApiKey", busy) }), total: 11, valid: 9, refused: 2 },
      { apiKey: expect.objectContaining({ id: gid("ApiKey", quiet) }), total: 7, valid: 3, refused: 4 },
    ]);
    // The organization's totals keep the deleted key's refusals.
    expect(data?.organization.verificationRefusals).toEqual([
      { code: "EXPIRED", count: 5 },
      { code: "ORIGIN_NOT_ALLOWED", count: 4 },
      { code: "REVOKED", count: 2 },
    ]);

    const one = await org.as.VIEWER.gql(totals, { slug: org.org.slug, ...last30, first: 1 });
    expect(one.data?.organization.verificationTopKeys.map((t: { total: number }) => t.total)).toEqual([11]);
  });

  it("rank live: usage flushed after one view shows in the next, over the Overview's 30 days and any other period", async () => {
    const org = await h.newOrganization();
    const [first, second] = [await keyOf(org), await keyOf(org)];
    await recordUsage(h, [{ keyId: first, code: "VALID", at: new Date(midnight + hourMs), times: 4 }]);
    const previous30 = {
      since: new Date(midnight - 30 * dayMs).toISOString(),
      until: new Date(midnight + dayMs - 1).toISOString(),
    };
    const ranked = async (period: { since: string; until: string }) =>
      (await org.as.VIEWER.gql(totals, { slug: org.org.slug, ...period })).data?.organization.verificationTopKeys.map(
        (t: { apiKey: { id: string }; total: number }) => [t.apiKey.id, t.total],
      );
    expect(await ranked(last30)).toEqual([[gid("ApiKey", first), 4]]);
    expect(await ranked(previous30)).toEqual([[gid("ApiKey", first), 4]]);
    await recordUsage(h, [{ keyId: second, code: "REVOKED", at: new Date(midnight + 2 * hourMs), times: 6 }]);
    const now = [
      [gid("ApiKey", second), 6],
      [gid("ApiKey", first), 4],
    ];
    expect(await ranked(last30)).toEqual(now);
    expect(await ranked(previous30)).toEqual(now);
  });

  it("answer empty lists for an organization without usage", async () => {
    const org = await h.newOrganization();
    await keyOf(org);
    const { data } = await org.as.OWNER.gql(totals, { slug: org.org.slug, ...last30 });
    expect(data?.organization).toEqual({ verificationTopKeys: [], verificationRefusals: [] });
  });

  it("refuse a backwards or too long period and a `first` outside 1..100 with a clear error", async () => {
    const org = await h.newOrganization();
    const backwards = await org.as.OWNER.gql(totals, {
      slug: org.org.slug,
      since: "2026-01-02T00:00:00Z",
      until: "2026-01-01T00:00:00Z",
    });
    expect(backwards.errors?.map((e) => e.message)).toContain("`until` must be later than `since`.");
    const tooLong = await org.as.OWNER.gql(totals, {
      slug: org.org.slug,
      since: "2024-01-01T00:00:00Z",
      until: "2026-01-01T00:00:00Z",
    });
    expect(tooLong.errors?.map((e) => e.message)).toContain("At most 366 days per request; narrow the range.");
    for (const first of [0, 101]) {
      const result = await org.as.OWNER.gql(totals, { slug: org.org.slug, ...last30, first });
      expect(result.errors?.map((e) => e.message)).toContain("`first` must be between 1 and 100.");
    }
  });
});
