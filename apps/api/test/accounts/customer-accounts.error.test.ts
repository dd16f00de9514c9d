import { describe, expect, it } from "vitest";
import { useHarness } from "../support/harness.ts";
import {
  accountSnapshot,
  createAccount,
  createAccountAs,
  globalId,
  listAccounts,
  rotateToken,
  updateAccount,
} from "./documents.ts";

const h = useHarness();

describe("customer accounts: expected errors change nothing", () => {
  it("refuses blank and over-long names with a ValidationError on `name`", async () => {
    const { org, as } = await h.newOrganization();
    const existing = await createAccountAs(as.ADMIN, org.id, "Existing");
    const before = await accountSnapshot(h.db.prisma, org.id);
    for (const name of ["", "   ", "x".repeat(101)]) {
      const created = await as.ADMIN.gql(createAccount, {
        input: { organizationId: globalId("Organization", org.id), name },
      });
      expect(created.data?.createCustomerAccount).toMatchObject({ __typename: "ValidationError", field: "name" });
      const updated = await as.ADMIN.gql(updateAccount, { input: { id: existing.id, name } });
      expect(updated.data?.updateCustomerAccount).toMatchObject({ __typename: "ValidationError", field: "name" });
    }
    expect(await accountSnapshot(h.db.prisma, org.id)).toEqual(before);
  });

  it("a CLOSED account cannot be reopened or suspended: ConflictError, still CLOSED", async () => {
    const { org, as } = await h.newOrganization();
    const { id } = await createAccountAs(as.ADMIN, org.id, "Closing");
    await as.ADMIN.gql(updateAccount, { input: { id, status: "CLOSED" } });
    const before = await accountSnapshot(h.db.prisma, org.id);
    for (const status of ["ACTIVE", "SUSPENDED"]) {
      const result = await as.OWNER.gql(updateAccount, { input: { id, status, name: "Renamed too" } });
      expect(result.data?.updateCustomerAccount).toMatchObject({ __typename: "ConflictError", code: "CONFLICT" });
      expect(result.data?.updateCustomerAccount.message).toMatch(/closed and cannot be made/);
    }
    expect(await accountSnapshot(h.db.prisma, org.id)).toEqual(before);
  });

  it("an update with neither name nor status is a ValidationError", async () => {
    const { org, as } = await h.newOrganization();
    const { id } = await createAccountAs(as.ADMIN, org.id, "Untouched");
    const result = await as.ADMIN.gql(updateAccount, { input: { id } });
    expect(result.data?.updateCustomerAccount).toMatchObject({ __typename: "ValidationError" });
  });

  it("unknown, malformed and wrong-type ids are NotFound, never an internal error", async () => {
    const { org, as } = await h.newOrganization();
    const before = await accountSnapshot(h.db.prisma, org.id);
    const ids = [
      globalId("CustomerAccount", "7d0f6c5e-0000-4000-8000-000000000000"),
      globalId("CustomerAccount", "not-a-uuid"),
      globalId("Resource", org.id),
      "%%%",
      "",
    ];
    for (const id of ids) {
      for (const [document, field, input] of [
        [updateAccount, "updateCustomerAccount", { id, status: "SUSPENDED" }],
        [rotateToken, "rotateAccountToken", { id }],
      ] as const) {
        const result = await as.ADMIN.gql(document, { input });
        expect(result.errors).toBeUndefined();
        expect(result.data?.[field]).toEqual({
          __typename: "NotFoundError",
          code: "NOT_FOUND",
          message: "Customer account not found.",
        });
      }
      const created = await as.ADMIN.gql(createAccount, { input: { organizationId: id, name: "Nowhere" } });
      expect(created.data?.createCustomerAccount).toMatchObject({ __typename: "NotFoundError" });
    }
    expect(await accountSnapshot(h.db.prisma, org.id)).toEqual(before);
  });

  it("`first` outside 1..100 is a clear error, not a silent clamp; the default is 50", async () => {
    const { org, as } = await h.newOrganization();
    for (const first of [0, 101]) {
      const result = await as.ADMIN.gql(listAccounts, { slug: org.slug, first });
      expect(result.errors?.[0]?.message).toBe(`\`first\` must be between 1 and 100 (got ${first}).`);
      expect(result.data?.organization ?? null).toBeNull();
    }
    // A negative count gets the same message (the list checks `first` itself, before any plugin).
    const negative = await as.ADMIN.gql(listAccounts, { slug: org.slug, first: -1 });
    expect(negative.errors?.[0]?.message).toBe("`first` must be between 1 and 100 (got -1).");
    await h.db.prisma.customerAccount.createMany({
      data: Array.from({ length: 51 }, (_, i) => ({
        organizationId: org.id,
        name: `A${i}`,
        token: `tat_${i}_${org.id}`,
      })),
    });
    const page = (await as.ADMIN.gql(listAccounts, { slug: org.slug })).data?.organization.customerAccounts;
    expect(page.nodes).toHaveLength(50);
    expect(page.totalCount).toBe(51);
    expect(page.pageInfo.hasNextPage).toBe(true);
    const max = (await as.ADMIN.gql(listAccounts, { slug: org.slug, first: 100 })).data?.organization.customerAccounts;
    expect(max.nodes).toHaveLength(51);
  });
});
