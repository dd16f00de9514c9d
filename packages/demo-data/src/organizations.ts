import { hashPassword } from "@tessera/core";
import type { MemberRole, Prisma } from "@tessera/db";
import { demoPassword } from "./secrets.ts";
import { type DemoClock, demoId } from "./stable-values.ts";

/** The demo organization: its presence means the demo data is loaded. */
export const demoOrganizationSlug = "acme-fleet";
/** A second organization, so what one organization may not see is there to try. */
export const neighbourOrganizationSlug = "globex-logistics";

const acme = demoOrganizationSlug;
const globex = neighbourOrganizationSlug;

export const demoOrganizations = [
  [acme, "Acme Fleet"],
  [globex, "Globex Logistics"],
] as const;

const users = [
  ["owner@acme.test", "Olivia Owner"],
  ["admin@acme.test", "Adam Admin"],
  ["editor@acme.test", "Edith Editor"],
  ["viewer@acme.test", "Victor Viewer"],
  ["owner@globex.test", "Grace Globex"],
  // A consultant who works for both partners: the organization switcher has something to switch.
  ["partner@both.test", "Pat Partner"],
] as const;

const memberships: [string, string, MemberRole][] = [
  [acme, "owner@acme.test", "OWNER"],
  [acme, "admin@acme.test", "ADMIN"],
  [acme, "editor@acme.test", "EDITOR"],
  [acme, "viewer@acme.test", "VIEWER"],
  [globex, "owner@globex.test", "OWNER"],
  [acme, "partner@both.test", "ADMIN"],
  [globex, "partner@both.test", "VIEWER"],
];

/** Password hashes are slow on purpose: computed before the transaction, not inside it. */
export async function hashDemoPasswords(): Promise<Map<string, string>> {
  const hashes = new Map<string, string>();
  await Promise.all(users.map(async ([email]) => hashes.set(email, await hashPassword(demoPassword))));
  return hashes;
}

export async function createUsers(tx: Prisma.TransactionClient, passwordHashes: Map<string, string>): Promise<void> {
  for (const [email, name] of users) {
    await tx.user.create({ data: { id: demoId(email), email, name, passwordHash: passwordHashes.get(email) ?? "" } });
  }
}

export async function createOrganization(
  tx: Prisma.TransactionClient,
  [slug, name]: (typeof demoOrganizations)[number],
  { ago }: DemoClock,
): Promise<void> {
  await tx.organization.create({ data: { id: demoId(slug), slug, name, createdAt: ago(400) } });
}

export async function createMemberships(tx: Prisma.TransactionClient, { ago }: DemoClock): Promise<void> {
  for (const [slug, email, role] of memberships) {
    await tx.membership.create({
      data: { organizationId: demoId(slug), userId: demoId(email), role, createdAt: ago(390) },
    });
  }
}
