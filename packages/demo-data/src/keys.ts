import { generateApiKey, managementScopes } from "@tessera/core";
import type { KeyRole, Prisma } from "@tessera/db";
import { demoOrganizationSlug as acme, neighbourOrganizationSlug as globex } from "./organizations.ts";
import { demoKeySecrets } from "./secrets.ts";
import { type DemoClock, demoId, demoRandom } from "./stable-values.ts";

type DemoKey = {
  slug: string;
  name: string;
  description: string;
  role: KeyRole;
  version: "v1" | "v2";
  createdDaysAgo: number;
  expiresInDays: number;
  /** Data scopes; absent: all data scopes. */
  scopes?: string[];
  /** Management scopes, only ever by name; absent: none (a data key). */
  managementScopes?: string[];
  resources?: string[];
  accounts?: string[];
  origins?: string[];
  userAgent?: string;
  revoked?: { daysAgo: number; reason: string };
  lastUsedDaysAgo?: number;
  secretName?: keyof typeof demoKeySecrets;
  createdBy: string;
};

/**
 * One key in each state (active, expiring soon, expired, revoked), restricted and not: data keys, and
 * one management key that holds its management scopes by name.
 */
const keys: DemoKey[] = [
  {
    slug: acme,
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
    slug: acme,
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
    slug: acme,
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
    slug: acme,
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
    slug: acme,
    name: "Tessera automation",
    description:
      "Manages keys and accounts from CI (demo management key): every management scope by name, and all data scopes so it can grant them.",
    role: "EDITOR",
    version: "v2",
    createdDaysAgo: 5,
    expiresInDays: 360,
    managementScopes: managementScopes.map((s) => s.name),
    secretName: "automation",
    createdBy: "owner@acme.test",
  },
  {
    slug: globex,
    name: "Globex warehouse",
    description: "Warehouse system.",
    role: "VIEWER",
    version: "v2",
    createdDaysAgo: 20,
    expiresInDays: 345,
    createdBy: "owner@globex.test",
  },
];

/** The keys with their scopes and accounts; their resources follow once the resources exist. */
export async function createApiKeys(tx: Prisma.TransactionClient, { ago, ahead }: DemoClock): Promise<void> {
  for (const key of keys) {
    const generated = key.secretName
      ? generateApiKey(demoKeySecrets[key.secretName].slice(4, 36))
      : generateApiKey(demoRandom(`key:${key.slug}:${key.name}`, 32));
    await tx.apiKey.create({
      data: {
        id: demoId(`${key.slug}:key:${key.name}`),
        organizationId: demoId(key.slug),
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
        scopes: {
          create: [...(key.scopes ?? []), ...(key.managementScopes ?? [])].map((s) => ({
            scopeId: demoId(`${key.slug}:scope:${s}`),
          })),
        },
        customerAccounts: key.accounts
          ? { create: key.accounts.map((a) => ({ customerAccountId: demoId(`${key.slug}:account:${a}`) })) }
          : undefined,
      },
    });
  }
}

/** The resources each restricted key may reach (after createResources). */
export async function createApiKeyResources(tx: Prisma.TransactionClient): Promise<void> {
  for (const key of keys.filter((k) => k.resources)) {
    await tx.apiKeyResource.createMany({
      data: (key.resources ?? []).map((r) => ({
        apiKeyId: demoId(`${key.slug}:key:${key.name}`),
        resourceId: demoId(`${key.slug}:resource:${r}`),
      })),
    });
  }
}
