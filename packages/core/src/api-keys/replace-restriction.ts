import type { Prisma } from "@tessera/db";
import { resolveCustomerAccountIds, resolveResourceIds, resolveScopes } from "./restrictions.ts";

type Tx = Prisma.TransactionClient;

/** The lists that restrict what a key may reach; each is its link rows plus the key's "all" flag. */
type RestrictionList = "scopes" | "resources" | "customerAccounts";

/**
 * The key update that replaces one restriction list: the old links go and the new ones come in the
 * same statement as the rest of the edit. null means "all", a flag on the key and no links (an
 * empty list is "none", never "all").
 */
function replaceRestriction(list: RestrictionList, ids: readonly string[] | null): Prisma.ApiKeyUncheckedUpdateInput {
  const all = ids === null;
  const linked = ids ?? [];
  switch (list) {
    case "scopes":
      return {
        allScopes: all,
        scopes: { deleteMany: {}, createMany: { data: linked.map((scopeId) => ({ scopeId })) } },
      };
    case "resources":
      return {
        allResources: all,
        resources: { deleteMany: {}, createMany: { data: linked.map((resourceId) => ({ resourceId })) } },
      };
    case "customerAccounts":
      return {
        allCustomerAccounts: all,
        customerAccounts: {
          deleteMany: {},
          createMany: { data: linked.map((customerAccountId) => ({ customerAccountId })) },
        },
      };
  }
}

/** A restriction as the audit log records it: "all", or its values in a stable order. */
function restrictionForAudit(values: readonly string[] | null): "all" | string[] {
  return values === null ? "all" : [...values].sort();
}

/** A key's restriction lists as they are now (loaded with their links). */
export type CurrentRestrictions = {
  allScopes: boolean;
  scopes: { scope: { name: string } }[];
  allResources: boolean;
  resources: { resourceId: string }[];
  allCustomerAccounts: boolean;
  customerAccounts: { customerAccountId: string }[];
};

/** The lists an edit replaces: absent leaves a list as it is, null means "all". */
export type RestrictionEdit = {
  scopes?: readonly string[] | null;
  resourceIds?: readonly string[] | null;
  customerAccountIds?: readonly string[] | null;
};

type NoteChange = (field: string, from: "all" | string[], to: "all" | string[]) => void;

/**
 * Checks the wanted scopes, resources and customer accounts against the organization's, and returns
 * the key update that replaces each list the edit names; `note` hears each list's old and new value
 * as the audit log shows them.
 */
export async function replaceRestrictions(
  tx: Tx,
  organizationId: string,
  before: CurrentRestrictions,
  edit: RestrictionEdit,
  note: NoteChange,
): Promise<Prisma.ApiKeyUncheckedUpdateInput> {
  const data: Prisma.ApiKeyUncheckedUpdateInput = {};
  const replace = (list: RestrictionList, field: string, ids: string[] | null, from: string[] | null, to = ids) => {
    Object.assign(data, replaceRestriction(list, ids));
    note(field, restrictionForAudit(from), restrictionForAudit(to));
  };
  if (edit.scopes !== undefined) {
    const was = before.allScopes ? null : before.scopes.map((s) => s.scope.name);
    const rows = edit.scopes && (await resolveScopes(tx, organizationId, edit.scopes, was ?? []));
    replace("scopes", "scopes", rows?.map((s) => s.id) ?? null, was, rows?.map((s) => s.name) ?? null);
  }
  if (edit.resourceIds !== undefined) {
    const ids = edit.resourceIds && (await resolveResourceIds(tx, organizationId, edit.resourceIds));
    const was = before.allResources ? null : before.resources.map((r) => r.resourceId);
    replace("resources", "resourceIds", ids, was);
  }
  if (edit.customerAccountIds !== undefined) {
    const ids =
      edit.customerAccountIds && (await resolveCustomerAccountIds(tx, organizationId, edit.customerAccountIds));
    const was = before.allCustomerAccounts ? null : before.customerAccounts.map((a) => a.customerAccountId);
    replace("customerAccounts", "customerAccountIds", ids, was);
  }
  return data;
}
