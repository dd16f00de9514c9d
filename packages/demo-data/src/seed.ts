/**
 * Demo data for trying Tessera: loaded only into an empty database, deterministically (the same ids,
 * names, tokens and demo secrets every time; times are relative to the moment of seeding so every key
 * status is represented). All demo passwords are `tessera-demo`: demo-only, never use them elsewhere.
 * Run by the server on start (TESSERA_SEED_DEMO, default on only for the embedded database), or with
 * `pnpm db:seed`. A database that holds anything else is refused: demo members have a public password
 * and demo keys public secrets, so they must never land beside real data.
 */
import type { PrismaClient } from "@tessera/db";
import { createCustomerAccounts } from "./accounts.ts";
import { createApiKeyResources, createApiKeys } from "./keys.ts";
import {
  createMemberships,
  createOrganization,
  createUsers,
  demoOrganizationSlug,
  demoOrganizations,
  hashDemoPasswords,
} from "./organizations.ts";
import { createAccessEntries, createResources } from "./resources.ts";
import { createApiVersions, createScopes } from "./scopes.ts";
import { demoClock, demoId } from "./stable-values.ts";
import { createUsage } from "./usage.ts";

/** The database holds data that is not the demo's: seeding it would add public credentials to it. */
export class SeedRefusedError extends Error {
  constructor(organizations: number, users: number) {
    super(
      `refusing to load the demo data: the database already holds other data (${organizations} organizations, ${users} users). Demo data goes only into an empty database; unset TESSERA_SEED_DEMO or point DATABASE_URL at an empty database.`,
    );
    this.name = "SeedRefusedError";
  }
}

/** Loads the demo data: true when loaded, false when it already was; SeedRefusedError on any other data. */
export async function seedDemoData(prisma: PrismaClient, now = new Date()): Promise<boolean> {
  const passwordHashes = await hashDemoPasswords();
  const clock = demoClock(now);

  return prisma.$transaction(
    async (tx) => {
      // Serialise concurrent first starts on one PostgreSQL server; the loser sees a seeded database.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(727273)`;
      const demoOrganizationId = demoId(demoOrganizationSlug);
      if (await tx.organization.findUnique({ where: { id: demoOrganizationId }, select: { id: true } })) return false;
      const [organizations, userCount] = await Promise.all([tx.organization.count(), tx.user.count()]);
      if (organizations > 0 || userCount > 0) throw new SeedRefusedError(organizations, userCount);

      await createUsers(tx, passwordHashes);
      for (const organization of demoOrganizations) {
        await createOrganization(tx, organization, clock);
        await createApiVersions(tx, organization[0], clock);
        await createScopes(tx, organization[0]);
      }
      await createMemberships(tx, clock);
      await createCustomerAccounts(tx, clock);
      await createApiKeys(tx, clock);
      await createResources(tx, clock);
      await createApiKeyResources(tx);
      await createAccessEntries(tx);
      await createUsage(tx, now);
      await tx.auditEvent.create({
        data: {
          organizationId: demoOrganizationId,
          action: "organization.seeded",
          actorLabel: "system",
          targetType: "Organization",
          targetId: demoOrganizationId,
          targetLabel: "Acme Fleet",
          changes: { note: "Demo data loaded." },
        },
      });
      return true;
    },
    { timeout: 60_000, maxWait: 60_000 },
  );
}
