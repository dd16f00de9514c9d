/**
 * Expiry-notification benchmark (issue 12): one organization with BENCH_KEYS keys whose expiries
 * spread from 35 days ago to a year ahead (about a quarter of them due for a reminder), two
 * recipients (OWNER, ADMIN). Measures, on PGlite and on PostgreSQL (a throwaway database):
 *  - the first passes, which record every due milestone (per key: lock, milestone, notices, emails);
 *  - an idle pass (nothing due), the steady-state cost paid every TESSERA_SCHEDULER_INTERVAL,
 *    next to a bare `SELECT 1` through the same Prisma client;
 *  - delivering every queued email over SMTP to an in-process smtp-server (messages per second).
 *
 *   pnpm bench:expiry                  # both databases
 *   BENCH_DB=pglite BENCH_KEYS=2000 pnpm bench:expiry
 */
import { randomBytes } from "node:crypto";
import { silentLogger } from "@tessera/api/log";
import { createNotifier } from "@tessera/api/notifier";
import { startSmtpPeer } from "@tessera/api/testing/smtp-peer";
import { createOrganization, systemClock } from "@tessera/core";
import type { Database } from "@tessera/db";
import { onEachBenchDatabase } from "./databases.ts";
import { formatRow, time } from "./list-keys-support.ts";

const keyCount = Number(process.env.BENCH_KEYS ?? 10_000);

async function seed(db: Database) {
  const prisma = db.prisma;
  const tag = randomBytes(3).toString("hex");
  const users = await Promise.all(
    ["owner", "admin"].map((who) =>
      prisma.user.create({ data: { email: `${who}-${tag}@example.test`, passwordHash: "x" } }),
    ),
  );
  const org = await prisma.$transaction((tx) =>
    createOrganization(tx, {
      slug: `bench-${tag}`,
      name: `Bench ${tag}`,
      apiVersions: [{ name: "v1" }],
      members: [
        { userId: users[0]!.id, role: "OWNER" },
        { userId: users[1]!.id, role: "ADMIN" },
      ],
    }),
  );
  const version = await prisma.apiVersion.findFirstOrThrow({ where: { organizationId: org.id } });
  await prisma.$executeRawUnsafe(
    `INSERT INTO "ApiKey" ("id", "organizationId", "name", "hashedKey", "hint", "apiVersionId", "origins",
       "expiresAt", "createdAt", "updatedAt")
     SELECT gen_random_uuid(), $1::uuid, 'key-' || g, md5($1 || g::text), 'tsr_' || substr(md5(g::text), 1, 6) || '…',
       $2::uuid, '{}', now() + ((g % 435) - 35) * interval '1 day' + interval '1 hour', now(), now()
     FROM generate_series(1, $3::int) AS g`,
    org.id,
    version.id,
    keyCount,
  );
  await prisma.$executeRawUnsafe("VACUUM ANALYZE");
}

async function benchmark(kind: string, db: Database) {
  await seed(db);
  // The tests' SMTP peer: a real server that also parses each message (its CPU shares these 2 cores).
  const peer = await startSmtpPeer();
  const notifier = createNotifier({
    prisma: db.prisma,
    clock: systemClock,
    logger: silentLogger,
    settings: {
      intervalSeconds: 300,
      smtpUrl: peer.url,
      mailFrom: "bench@example.test",
      publicUrl: "http://localhost:4000",
      webhookAllowPrivateNetworks: false,
    },
  });
  try {
    let started = performance.now();
    let milestones = 0;
    let emails = 0;
    for (;;) {
      const report = await notifier.runExpiry();
      if (report.milestones === 0) break;
      milestones += report.milestones;
      emails += report.emails;
    }
    const recordMs = performance.now() - started;
    console.log(
      `\n${kind}: ${keyCount.toLocaleString()} keys; recorded ${milestones.toLocaleString()} milestones and queued ${emails.toLocaleString()} emails in ${(recordMs / 1000).toFixed(1)} s (${(recordMs / milestones).toFixed(2)} ms per key)`,
    );
    const baseline = await time(30, () => db.prisma.$queryRaw`SELECT 1`);
    console.log(formatRow("SELECT 1 (same Prisma client)", baseline, baseline));
    console.log(formatRow("idle expiry pass (nothing due)", await time(30, () => notifier.runExpiry()), baseline));

    started = performance.now();
    const delivery = await notifier.deliver();
    const deliverMs = performance.now() - started;
    console.log(
      `  delivered ${delivery.sent.toLocaleString()} emails (peer received ${peer.received.length.toLocaleString()}) in ${(deliverMs / 1000).toFixed(1)} s: ${Math.round(delivery.sent / (deliverMs / 1000))} emails/s`,
    );
  } finally {
    await notifier.stop();
    await peer.close();
  }
}

async function main() {
  await onEachBenchDatabase(benchmark);
}

await main();
