/**
 * Demo data for trying Tessera: loaded only into an empty database, deterministically (the same ids,
 * names, tokens and demo secrets every time; times are relative to the moment of seeding so every key
 * status is represented). All demo passwords are `tessera-demo`: demo-only, never use them elsewhere.
 * Run by the server on start (TESSERA_SEED_DEMO, default on only for the embedded database), or with
 * `pnpm db:seed`. A database that holds anything else is refused: demo members have a public password
 * and demo keys public secrets, so they must never land beside real data.
 */
import { createHash } from "node:crypto";
import { generateApiKey, hashPassword, managementScopes, toBase62 } from "@tessera/core";
import type { KeyRole, PrismaClient, ResourceKind } from "@tessera/db";

export const demoPassword = "tessera-demo";

/** A stable UUID (v4 layout) derived from a name, so demo ids never change between runs. */
export function demoId(name: string): string {
  const h = createHash("sha256").update(`tessera-demo:${name}`).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function demoRandom(name: string, length: number): string {
  const bytes = createHash("sha512").update(`tessera-demo-secret:${name}`).digest();
  let out = "";
  for (let i = 0; out.length < length; i += 4) out += toBase62(bytes.readUInt32BE(i % 60), 6);
  return out.slice(0, length);
}

/** The demo API key secrets (documented in the README as demo-only). */
export const demoKeySecrets = {
  automation: generateApiKey(demoRandom("acme-automation", 32)).secret,
  dashboard: generateApiKey(demoRandom("acme-dashboard", 32)).secret,
};

const day = 24 * 60 * 60 * 1000;

const domainScopes = [
  ["vehicles:read", "Read vehicles and their details."],
  ["vehicles:write", "Create and change vehicles."],
  ["locations:read", "Read vehicle locations and tracks."],
  ["routes:read", "Read planned routes."],
  ["routes:write", "Create and change routes."],
  ["drivers:read", "Read drivers."],
  ["reports:read", "Read reports."],
] as const;

type DemoKey = {
  slug: string;
  name: string;
  description: string;
  role: KeyRole;
  version: "v1" | "v2";
  createdDaysAgo: number;
  expiresInDays: number;
  scopes?: string[];
  resources?: string[];
  accounts?: string[];
  origins?: string[];
  userAgent?: string;
  revoked?: { daysAgo: number; reason: string };
  lastUsedDaysAgo?: number;
  secretName?: keyof typeof demoKeySecrets;
  createdBy: string;
};

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
  const passwordHashes = new Map<string, string>();
  const emails = ["owner@acme.test", "admin@acme.test", "editor@acme.test", "viewer@acme.test", "owner@globex.test"];
  await Promise.all(emails.map(async (e) => passwordHashes.set(e, await hashPassword(demoPassword))));
  const ago = (days: number) => new Date(now.getTime() - days * day);
  const ahead = (days: number) => new Date(now.getTime() + days * day);

  return prisma.$transaction(
    async (tx) => {
      // Serialise concurrent first starts on one PostgreSQL server; the loser sees a seeded database.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(727273)`;
      if (await tx.organization.findUnique({ where: { id: demoId("acme-fleet") }, select: { id: true } })) return false;
      const [organizations, userCount] = await Promise.all([tx.organization.count(), tx.user.count()]);
      if (organizations > 0 || userCount > 0) throw new SeedRefusedError(organizations, userCount);

      const users = [
        ["owner@acme.test", "Olivia Owner"],
        ["admin@acme.test", "Adam Admin"],
        ["editor@acme.test", "Edith Editor"],
        ["viewer@acme.test", "Victor Viewer"],
        ["owner@globex.test", "Grace Globex"],
      ] as const;
      for (const [email, name] of users) {
        await tx.user.create({
          data: { id: demoId(email), email, name, passwordHash: passwordHashes.get(email) ?? "" },
        });
      }
      const orgs = [
        ["acme-fleet", "Acme Fleet"],
        ["globex-logistics", "Globex Logistics"],
      ] as const;
      for (const [slug, name] of orgs) {
        await tx.organization.create({ data: { id: demoId(slug), slug, name, createdAt: ago(400) } });
        await tx.apiVersion.createMany({
          data: [
            {
              id: demoId(`${slug}:v1`),
              organizationId: demoId(slug),
              name: "v1",
              description: "First API; sunset planned.",
              deprecated: true,
              releasedAt: ago(700),
            },
            {
              id: demoId(`${slug}:v2`),
              organizationId: demoId(slug),
              name: "v2",
              description: "Current API.",
              releasedAt: ago(200),
            },
          ],
        });
        await tx.scope.createMany({
          data: [
            ...domainScopes.map(([scope, description]) => ({
              id: demoId(`${slug}:scope:${scope}`),
              organizationId: demoId(slug),
              name: scope,
              description,
              kind: "DOMAIN" as const,
            })),
            ...managementScopes.map((s) => ({
              id: demoId(`${slug}:scope:${s.name}`),
              organizationId: demoId(slug),
              name: s.name,
              description: s.description,
              kind: "MANAGEMENT" as const,
            })),
          ],
        });
      }
      const memberships = [
        ["acme-fleet", "owner@acme.test", "OWNER"],
        ["acme-fleet", "admin@acme.test", "ADMIN"],
        ["acme-fleet", "editor@acme.test", "EDITOR"],
        ["acme-fleet", "viewer@acme.test", "VIEWER"],
        ["globex-logistics", "owner@globex.test", "OWNER"],
      ] as const;
      for (const [slug, email, role] of memberships) {
        await tx.membership.create({
          data: { organizationId: demoId(slug), userId: demoId(email), role, createdAt: ago(390) },
        });
      }

      const accounts = [
        ["acme-fleet", "Northwind Haulage", "ACTIVE"],
        ["acme-fleet", "Blue Lake Transport", "ACTIVE"],
        ["acme-fleet", "Redwood Couriers", "SUSPENDED"],
        ["acme-fleet", "Old Town Movers", "CLOSED"],
        ["globex-logistics", "Globex Retail", "ACTIVE"],
      ] as const;
      for (const [i, [slug, name, status]] of accounts.entries()) {
        await tx.customerAccount.create({
          data: {
            id: demoId(`${slug}:account:${name}`),
            organizationId: demoId(slug),
            name,
            status,
            token: `tat_${demoRandom(`account:${name}`, 32)}`,
            createdAt: ago(300 - i * 10),
          },
        });
      }

      const resources: [string, string, ResourceKind, string | null, string[]][] = [
        ["acme-fleet", "North depot", "VEHICLE_GROUP", null, ["user:owner@acme.test"]],
        ["acme-fleet", "Truck 101", "VEHICLE", "North depot", ["user:owner@acme.test"]],
        ["acme-fleet", "Truck 102", "VEHICLE", "North depot", ["user:editor@acme.test"]],
        ["acme-fleet", "South depot", "VEHICLE_GROUP", null, ["user:admin@acme.test"]],
        ["acme-fleet", "South refrigerated", "VEHICLE_GROUP", "South depot", ["user:admin@acme.test"]],
        ["acme-fleet", "Van 201", "VEHICLE", "South depot", ["user:admin@acme.test"]],
        ["acme-fleet", "Reefer 301", "VEHICLE", "South refrigerated", ["user:admin@acme.test"]],
        ["acme-fleet", "Telematics feed", "DATA_SOURCE", null, ["user:owner@acme.test"]],
        ["acme-fleet", "Q4 route study", "PROJECT", null, ["user:editor@acme.test"]],
        ["acme-fleet", "Dashboard project", "PROJECT", null, ["key:Fleet dashboard"]],
        ["acme-fleet", "Dashboard feed", "DATA_SOURCE", null, ["key:Fleet dashboard", "user:editor@acme.test"]],
        ["globex-logistics", "Globex trucks", "VEHICLE_GROUP", null, ["user:owner@globex.test"]],
        ["globex-logistics", "Globex truck 1", "VEHICLE", "Globex trucks", ["user:owner@globex.test"]],
      ];

      const keys: DemoKey[] = [
        {
          slug: "acme-fleet",
          name: "Fleet dashboard",
          description: "Internal dashboard reading every vehicle.",
          role: "VIEWER",
          version: "v2",
          createdDaysAgo: 60,
          expiresInDays: 305,
          lastUsedDaysAgo: 0,
          secretName: "dashboard",
          createdBy: "owner@acme.test",
        },
        {
          slug: "acme-fleet",
          name: "Route planner integration",
          description: "Third-party route planner for the north depot.",
          role: "EDITOR",
          version: "v2",
          createdDaysAgo: 345,
          expiresInDays: 20,
          lastUsedDaysAgo: 1,
          scopes: ["vehicles:read", "locations:read", "routes:write"],
          resources: ["North depot", "Van 201"],
          accounts: ["Northwind Haulage"],
          origins: ["planner.example.com", "*.acme.test"],
          userAgent: "RoutePlanner/",
          createdBy: "admin@acme.test",
        },
        {
          slug: "acme-fleet",
          name: "Legacy telematics",
          description: "Old telematics bridge on API v1.",
          role: "VIEWER",
          version: "v1",
          createdDaysAgo: 375,
          expiresInDays: -10,
          lastUsedDaysAgo: 12,
          scopes: ["vehicles:read", "locations:read"],
          createdBy: "owner@acme.test",
        },
        {
          slug: "acme-fleet",
          name: "Old partner sync",
          description: "Sync with a former partner.",
          role: "EDITOR",
          version: "v1",
          createdDaysAgo: 200,
          expiresInDays: 165,
          lastUsedDaysAgo: 40,
          revoked: { daysAgo: 30, reason: "Partnership ended." },
          createdBy: "admin@acme.test",
        },
        {
          slug: "acme-fleet",
          name: "Tessera automation",
          description: "Manages keys and accounts from CI (demo management key).",
          role: "VIEWER",
          version: "v2",
          createdDaysAgo: 5,
          expiresInDays: 360,
          scopes: managementScopes.map((s) => s.name),
          secretName: "automation",
          createdBy: "owner@acme.test",
        },
        {
          slug: "globex-logistics",
          name: "Globex warehouse",
          description: "Warehouse system.",
          role: "VIEWER",
          version: "v2",
          createdDaysAgo: 20,
          expiresInDays: 345,
          createdBy: "owner@globex.test",
        },
      ];

      for (const key of keys) {
        const orgId = demoId(key.slug);
        const generated = key.secretName
          ? generateApiKey(demoKeySecrets[key.secretName].slice(4, 36))
          : generateApiKey(demoRandom(`key:${key.slug}:${key.name}`, 32));
        await tx.apiKey.create({
          data: {
            id: demoId(`${key.slug}:key:${key.name}`),
            organizationId: orgId,
            name: key.name,
            description: key.description,
            hashedKey: generated.hash,
            hint: generated.hint,
            role: key.role,
            apiVersionId: demoId(`${key.slug}:${key.version}`),
            allScopes: !key.scopes,
            allResources: !key.resources,
            allCustomerAccounts: !key.accounts,
            origins: key.origins ?? [],
            userAgent: key.userAgent ?? null,
            createdAt: ago(key.createdDaysAgo),
            expiresAt: ahead(key.expiresInDays),
            lastUsedAt: key.lastUsedDaysAgo === undefined ? null : ago(key.lastUsedDaysAgo),
            revokedAt: key.revoked ? ago(key.revoked.daysAgo) : null,
            revokedReason: key.revoked?.reason ?? null,
            revokedByUserId: key.revoked ? demoId(key.createdBy) : null,
            createdByUserId: demoId(key.createdBy),
            scopes: key.scopes
              ? { create: key.scopes.map((s) => ({ scopeId: demoId(`${key.slug}:scope:${s}`) })) }
              : undefined,
            customerAccounts: key.accounts
              ? { create: key.accounts.map((a) => ({ customerAccountId: demoId(`${key.slug}:account:${a}`) })) }
              : undefined,
          },
        });
      }

      for (const [i, [slug, name, kind, parent, owners]] of resources.entries()) {
        const id = demoId(`${slug}:resource:${name}`);
        await tx.resource.create({
          data: {
            id,
            organizationId: demoId(slug),
            kind,
            name,
            parentId: parent ? demoId(`${slug}:resource:${parent}`) : null,
            createdAt: ago(250 - i),
            owners: {
              create: owners.map((o) =>
                o.startsWith("user:")
                  ? { userId: demoId(o.slice(5)) }
                  : { apiKeyId: demoId(`${slug}:key:${o.slice(4)}`) },
              ),
            },
          },
        });
      }
      for (const key of keys.filter((k) => k.resources)) {
        await tx.apiKeyResource.createMany({
          data: (key.resources ?? []).map((r) => ({
            apiKeyId: demoId(`${key.slug}:key:${key.name}`),
            resourceId: demoId(`${key.slug}:resource:${r}`),
          })),
        });
      }
      await tx.accessControlEntry.createMany({
        data: [
          {
            resourceId: demoId("acme-fleet:resource:North depot"),
            apiKeyId: demoId("acme-fleet:key:Route planner integration"),
            permission: "READ",
          },
          {
            resourceId: demoId("acme-fleet:resource:Dashboard feed"),
            apiKeyId: demoId("acme-fleet:key:Fleet dashboard"),
            permission: "WRITE",
          },
          {
            resourceId: demoId("acme-fleet:resource:Q4 route study"),
            userId: demoId("viewer@acme.test"),
            permission: "READ",
          },
        ],
      });
      await tx.auditEvent.create({
        data: {
          organizationId: demoId("acme-fleet"),
          action: "organization.seeded",
          actorLabel: "system",
          targetType: "Organization",
          targetId: demoId("acme-fleet"),
          targetLabel: "Acme Fleet",
          changes: { note: "Demo data loaded." },
        },
      });
      return true;
    },
    { timeout: 60_000, maxWait: 60_000 },
  );
}

// `pnpm db:seed`: seed the configured database (applying migrations first).
if (import.meta.url === `file://${process.argv[1]}`) {
  const { openDatabase } = await import("@tessera/db");
  const db = await openDatabase({
    databaseUrl: process.env.DATABASE_URL,
    dataDir: process.env.TESSERA_DATA_DIR ?? "./.data",
  });
  try {
    await db.migrate();
    console.log((await seedDemoData(db.prisma)) ? "demo data loaded" : "demo data already loaded");
  } catch (error) {
    if (!(error instanceof SeedRefusedError)) throw error;
    console.error(error.message);
    process.exitCode = 1;
  } finally {
    await db.close();
  }
}
