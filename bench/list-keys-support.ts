import type { Database } from "@tessera/db";

export type Case = {
  label: string;
  filter: Record<string, unknown>;
  fields?: string;
  orderBy?: { field: string; direction: "ASC" | "DESC" };
};
export type Timing = { p50: number; p95: number };

/** p50/p95 in milliseconds over `runs` calls, after a warm-up of a tenth as many. */
export async function time(runs: number, run: () => Promise<unknown>): Promise<Timing> {
  for (let i = 0; i < Math.max(3, runs / 10); i++) await run();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await run();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))] ?? Number.NaN;
  return { p50: at(0.5), p95: at(0.95) };
}

export function formatRow(label: string, timing: Timing, baseline: Timing): string {
  const ratio = timing.p50 / baseline.p50;
  return `  ${label.padEnd(44)} p50 ${timing.p50.toFixed(2).padStart(7)} ms   p95 ${timing.p95.toFixed(2).padStart(7)} ms   ×${ratio.toFixed(1)}`;
}

/**
 * The plans of the statements the list runs (page and count), written as Prisma writes them, so
 * one can see whether the indexes are used.
 */
export async function explainCases(db: Database, organizationId: string): Promise<void> {
  const statements: [string, string][] = [
    [
      "page, search",
      `SELECT "id" FROM "ApiKey" WHERE "organizationId" = '${organizationId}' AND ("name" ILIKE '%charlie%' OR "description" ILIKE '%charlie%' OR "hint" ILIKE '%charlie%') ORDER BY "createdAt" DESC, "id" ASC LIMIT 51`,
    ],
    [
      "count, search",
      `SELECT COUNT(*) FROM "ApiKey" WHERE "organizationId" = '${organizationId}' AND ("name" ILIKE '%charlie%' OR "description" ILIKE '%charlie%' OR "hint" ILIKE '%charlie%')`,
    ],
    [
      "count, rare search",
      `SELECT COUNT(*) FROM "ApiKey" WHERE "organizationId" = '${organizationId}' AND ("name" ILIKE '%key-77777%' OR "description" ILIKE '%key-77777%' OR "hint" ILIKE '%key-77777%')`,
    ],
    [
      "page, EXPIRING",
      `SELECT "id" FROM "ApiKey" WHERE "organizationId" = '${organizationId}' AND "revokedAt" IS NULL AND "expiresAt" > now() AND "expiresAt" <= now() + interval '90 days' ORDER BY "createdAt" DESC, "id" ASC LIMIT 51`,
    ],
    [
      "count, EXPIRING",
      `SELECT COUNT(*) FROM "ApiKey" WHERE "organizationId" = '${organizationId}' AND "revokedAt" IS NULL AND "expiresAt" > now() AND "expiresAt" <= now() + interval '90 days'`,
    ],
    [
      "page, orderBy NAME ASC",
      `SELECT "id" FROM "ApiKey" WHERE "organizationId" = '${organizationId}' ORDER BY "name" ASC, "id" ASC LIMIT 51`,
    ],
    [
      "page, orderBy EXPIRES_AT DESC",
      `SELECT "id" FROM "ApiKey" WHERE "organizationId" = '${organizationId}' ORDER BY "expiresAt" DESC, "id" ASC LIMIT 51`,
    ],
    [
      "page, orderBy LAST_USED_AT DESC (nulls last)",
      `SELECT "id" FROM "ApiKey" WHERE "organizationId" = '${organizationId}' ORDER BY "lastUsedAt" DESC NULLS LAST, "id" ASC LIMIT 51`,
    ],
    [
      "page, orderBy STATUS ASC",
      `SELECT "id" FROM "ApiKey" WHERE "organizationId" = '${organizationId}' ORDER BY "revokedAt" ASC NULLS FIRST, "expiresAt" DESC, "id" ASC LIMIT 51`,
    ],
    [
      "count, REVOKED",
      `SELECT COUNT(*) FROM "ApiKey" WHERE "organizationId" = '${organizationId}' AND "revokedAt" IS NOT NULL`,
    ],
  ];
  for (const [label, sql] of statements) {
    const rows = await db.prisma.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(`EXPLAIN (ANALYZE, COSTS OFF) ${sql}`);
    console.log(`\n  -- ${label}\n${rows.map((r) => `    ${r["QUERY PLAN"]}`).join("\n")}`);
  }
}
