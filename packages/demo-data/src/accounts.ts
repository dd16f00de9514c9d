import type { CustomerAccountStatus, Prisma } from "@tessera/db";
import { demoOrganizationSlug as acme, neighbourOrganizationSlug as globex } from "./organizations.ts";
import { type DemoClock, demoId, demoRandom } from "./stable-values.ts";

const accounts: [string, string, CustomerAccountStatus][] = [
  [acme, "Northwind Haulage", "ACTIVE"],
  [acme, "Blue Lake Transport", "ACTIVE"],
  [acme, "Redwood Couriers", "SUSPENDED"],
  [acme, "Old Town Movers", "CLOSED"],
  [globex, "Globex Retail", "ACTIVE"],
];

/** Customer accounts in every status, each with its fixed demo token. */
export async function createCustomerAccounts(tx: Prisma.TransactionClient, { ago }: DemoClock): Promise<void> {
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
}
