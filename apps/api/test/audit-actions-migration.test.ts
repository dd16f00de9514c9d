import { readFileSync } from "node:fs";
import { auditActions } from "@tessera/core";
import { describe, expect, it } from "vitest";
import { useHarness } from "./support/harness.ts";

const h = useHarness();
const migration = new URL(
  "../../../prisma/migrations/20261126130000_audit_actions_past_tense_members_read/migration.sql",
  import.meta.url,
);

describe("the audit-action data migration", () => {
  it("rewrites every stored action to its past-tense name and adds members:read to every catalogue", async () => {
    const { org, users } = await h.newOrganization();
    const prisma = h.db.prisma;
    const old = ["api_key.create", "api_key.update", "api_key.renew", "api_key.revoke", "api_key.delete"];
    const older = ["resource.ownership_transfer", "resource.delete", "customer_account.renamed", "member.sign_in"];
    for (const action of [...old, ...older, "organization.seed", "resource.created"]) {
      await prisma.auditEvent.create({
        data: { organizationId: org.id, action, actorUserId: users.OWNER.id, actorLabel: "o", targetType: "ApiKey" },
      });
    }
    await prisma.scope.deleteMany({ where: { organizationId: org.id, name: "members:read" } });

    // The migration is data only and idempotent, so it can run again on rows written the old way.
    const statements = readFileSync(migration, "utf8")
      .replace(/^--.*$/gm, "")
      .split(/;\s*$/m)
      .map((s) => s.trim())
      .filter(Boolean);
    for (const statement of statements) await prisma.$executeRawUnsafe(statement);

    const actions = (await prisma.auditEvent.findMany({ where: { organizationId: org.id }, select: { action: true } }))
      .map((e) => e.action)
      .sort();
    expect(actions).toEqual(
      [
        "api_key.created",
        "api_key.updated",
        "api_key.renewed",
        "api_key.revoked",
        "api_key.deleted",
        "resource.ownership_transferred",
        "resource.deleted",
        "customer_account.updated",
        "member.signed_in",
        "organization.seeded",
        "resource.created",
      ].sort(),
    );
    expect(actions.every((a) => (auditActions as readonly string[]).includes(a))).toBe(true);
    const scope = await prisma.scope.findFirst({ where: { organizationId: org.id, name: "members:read" } });
    expect(scope?.kind).toBe("MANAGEMENT");
  });
});
