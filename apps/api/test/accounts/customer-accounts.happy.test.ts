import { findAccountByToken } from "@tessera/core";
import { describe, expect, it } from "vitest";
import { useHarness } from "../support/harness.ts";
import {
  createAccount,
  createAccountAs,
  globalId,
  listAccounts,
  rawId,
  rotateToken,
  updateAccount,
} from "./documents.ts";

const h = useHarness();

describe("customer accounts: the happy paths", () => {
  it("an ADMIN creates an ACTIVE account with a prefixed token, trimmed name and an audit event", async () => {
    const { org, users, as } = await h.newOrganization();
    const result = await as.ADMIN.gql(createAccount, {
      input: { organizationId: globalId("Organization", org.id), name: "  Acme Logistics  " },
    });
    const account = result.data?.createCustomerAccount.customerAccount;
    expect(result.data?.createCustomerAccount.__typename).toBe("CreateCustomerAccountPayload");
    expect(account).toMatchObject({ name: "Acme Logistics", status: "ACTIVE" });
    expect(account.token).toMatch(/^tat_[0-9A-Za-z]{32}$/);

    const row = await h.db.prisma.customerAccount.findUniqueOrThrow({ where: { id: rawId(account.id) } });
    expect(row).toMatchObject({ organizationId: org.id, name: "Acme Logistics", token: account.token });
    const events = await h.db.prisma.auditEvent.findMany({ where: { organizationId: org.id, targetId: row.id } });
    expect(events).toEqual([
      expect.objectContaining({
        action: "customer_account.created",
        actorUserId: users.ADMIN.id,
        targetType: "CustomerAccount",
        changes: { name: "Acme Logistics", status: "ACTIVE" },
      }),
    ]);
  });

  it("an OWNER and a key with accounts:write create accounts too; the key is the audited actor", async () => {
    const { org, as, keyClient } = await h.newOrganization();
    await createAccountAs(as.OWNER, org.id, "By owner");
    const { key, client } = await keyClient({ scopes: ["accounts:write"] });
    const byKey = await createAccountAs(client, org.id, "By key");
    const event = await h.db.prisma.auditEvent.findFirstOrThrow({ where: { targetId: rawId(byKey.id) } });
    expect(event).toMatchObject({ action: "customer_account.created", actorApiKeyId: key.id, actorUserId: null });
  });

  it("tokens are unique: every account gets its own", async () => {
    const { org, as } = await h.newOrganization();
    const tokens = new Set<string | null>();
    for (let i = 0; i < 5; i++) tokens.add((await createAccountAs(as.ADMIN, org.id, `Account ${i}`)).token);
    expect(tokens.size).toBe(5);
  });

  it("renames an account and moves it between ACTIVE, SUSPENDED and CLOSED, auditing each change", async () => {
    const { org, as } = await h.newOrganization();
    const { id } = await createAccountAs(as.ADMIN, org.id, "Old name");

    const renamed = await as.ADMIN.gql(updateAccount, { input: { id, name: " New name " } });
    expect(renamed.data?.updateCustomerAccount.customerAccount).toMatchObject({ name: "New name", status: "ACTIVE" });
    for (const status of ["SUSPENDED", "ACTIVE", "CLOSED"]) {
      const result = await as.OWNER.gql(updateAccount, { input: { id, status } });
      expect(result.data?.updateCustomerAccount.customerAccount.status).toBe(status);
    }

    const events = await h.db.prisma.auditEvent.findMany({
      where: { targetId: rawId(id), action: { not: "customer_account.created" } },
      orderBy: { createdAt: "asc" },
    });
    expect(events.map((e) => [e.action, e.changes])).toEqual([
      ["customer_account.updated", { name: { from: "Old name", to: "New name" } }],
      ["customer_account.status_changed", { status: { from: "ACTIVE", to: "SUSPENDED" } }],
      ["customer_account.status_changed", { status: { from: "SUSPENDED", to: "ACTIVE" } }],
      ["customer_account.status_changed", { status: { from: "ACTIVE", to: "CLOSED" } }],
    ]);
  });

  it("an update that changes nothing succeeds and writes no audit event", async () => {
    const { org, as } = await h.newOrganization();
    const { id } = await createAccountAs(as.ADMIN, org.id, "Same");
    const result = await as.ADMIN.gql(updateAccount, { input: { id, name: "Same", status: "ACTIVE" } });
    expect(result.data?.updateCustomerAccount.__typename).toBe("UpdateCustomerAccountPayload");
    expect(await h.db.prisma.auditEvent.count({ where: { targetId: rawId(id) } })).toBe(1);
  });

  it("rotating a token: the old token no longer identifies the account, the new one does", async () => {
    const { org, as } = await h.newOrganization();
    const account = await createAccountAs(as.ADMIN, org.id, "Rotating");
    const oldToken = account.token as string;
    expect((await findAccountByToken(h.db.prisma, oldToken))?.id).toBe(rawId(account.id));

    const result = await as.ADMIN.gql(rotateToken, { input: { id: account.id } });
    const newToken = result.data?.rotateAccountToken.customerAccount.token as string;
    expect(newToken).toMatch(/^tat_/);
    expect(newToken).not.toBe(oldToken);

    expect(await findAccountByToken(h.db.prisma, oldToken)).toBeNull();
    expect(await findAccountByToken(h.db.prisma, newToken)).toEqual({
      id: rawId(account.id),
      organizationId: org.id,
      name: "Rotating",
      status: "ACTIVE",
    });
    const event = await h.db.prisma.auditEvent.findFirstOrThrow({
      where: { organizationId: org.id, action: "customer_account.token_rotated" },
    });
    expect(event).toMatchObject({ targetId: rawId(account.id), changes: { token: "rotated" } });
    expect(JSON.stringify(event)).not.toContain(oldToken);
    expect(JSON.stringify(event)).not.toContain(newToken);
  });

  it("lists accounts newest first with totalCount, search, status filter and cursor pages", async () => {
    const { org, as } = await h.newOrganization();
    const names = ["Alpha Fleet", "Beta Haulage", "Gamma Fleet", "Delta Fleet"];
    const ids: string[] = [];
    for (const name of names) ids.push((await createAccountAs(as.ADMIN, org.id, name)).id);
    await as.ADMIN.gql(updateAccount, { input: { id: ids[2], status: "SUSPENDED" } });

    const all = await as.VIEWER.gql(listAccounts, { slug: org.slug });
    const connection = all.data?.organization.customerAccounts;
    expect(connection.totalCount).toBe(4);
    expect(connection.nodes.map((n: { name: string }) => n.name)).toEqual([...names].reverse());

    const fleets = await as.VIEWER.gql(listAccounts, { slug: org.slug, filter: { search: "fleet" } });
    expect(fleets.data?.organization.customerAccounts.totalCount).toBe(3);
    const active = await as.VIEWER.gql(listAccounts, {
      slug: org.slug,
      filter: { search: "FLEET", statuses: ["ACTIVE"] },
    });
    expect(active.data?.organization.customerAccounts.nodes).toEqual([
      { name: "Delta Fleet" },
      { name: "Alpha Fleet" },
    ]);

    const page1 = (await as.VIEWER.gql(listAccounts, { slug: org.slug, first: 3 })).data?.organization.customerAccounts;
    expect(page1.pageInfo.hasNextPage).toBe(true);
    expect(page1.totalCount).toBe(4);
    const page2 = (await as.VIEWER.gql(listAccounts, { slug: org.slug, first: 3, after: page1.pageInfo.endCursor }))
      .data?.organization.customerAccounts;
    expect(page2.nodes).toEqual([{ name: "Alpha Fleet" }]);
    expect(page2.pageInfo.hasNextPage).toBe(false);
  });

  it("accounts created in the same instant still page without gaps or repeats (ties by id)", async () => {
    const { org, as } = await h.newOrganization();
    const createdAt = new Date("2026-01-01T00:00:00Z");
    await h.db.prisma.customerAccount.createMany({
      data: Array.from({ length: 7 }, (_, i) => ({
        organizationId: org.id,
        name: `Tie ${i}`,
        token: `tat_tie${i}${org.id}`,
        createdAt,
      })),
    });
    const seen: string[] = [];
    let after: string | undefined;
    for (let page = 0; page < 4; page++) {
      const connection = (await as.ADMIN.gql(listAccounts, { slug: org.slug, first: 2, after })).data?.organization
        .customerAccounts;
      seen.push(...connection.nodes.map((n: { name: string }) => n.name));
      after = connection.pageInfo.endCursor;
      if (!connection.pageInfo.hasNextPage) break;
    }
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
  });
});
