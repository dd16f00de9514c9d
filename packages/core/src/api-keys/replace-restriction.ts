import type { Prisma, ScopeKind } from "@tessera/db";
import type { ManagementScope } from "../roles.ts";
import { resolveCustomerAccountIds, resolveResourceIds, resolveScopes } from "./restrictions.ts";
import { validateKeyHoldsAScope } from "./validation.ts";

type Tx = Prisma.TransactionClient;

/**
 * The lists that restrict what a key may reach; each is its link rows plus the key's "all" flag.
 * Scopes are replaced on their own (data and management scopes share the link rows).
 */
type RestrictionList = "resources" | "customerAccounts";

/**
 * The key update that replaces one restriction list: the old links go and the new ones come in the
 * same statement as the rest of the edit. null means "all", a flag on the key and no links (an
 * empty list is "none", never "all").
 */
function replaceRestriction(list: RestrictionList, ids: readonly string[] | null): Prisma.ApiKeyUncheckedUpdateInput {
  const all = ids === null;
  const linked = ids ?? [];
  switch (list) {
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
  /** Data and management scopes held by name. */
  scopes: { scope: { id: string; name: string; kind: ScopeKind } }[];
  allResources: boolean;
  resources: { resourceId: string }[];
  allCustomerAccounts: boolean;
  customerAccounts: { customerAccountId: string }[];
};

/** The lists an edit replaces: absent leaves a list as it is, null means "all". */
export type RestrictionEdit = {
  scopes?: readonly string[] | null;
  /** Management scopes held by name; absent leaves them as they are (never "all"). */
  managementScopes?: readonly ManagementScope[];
  resourceIds?: readonly string[] | null;
  customerAccountIds?: readonly string[] | null;
};

type NoteChange = (field: string, from: "all" | string[], to: "all" | string[]) => void;

/**
 * Checks the wanted scopes, resources and customer accounts against the organization's, and returns
 * the key update that replaces each list the edit names; `note` hears each list's old and new value
 * as the audit log shows them. A key left with no scope at all (no data and no management scope)
 * is refused.
 */
export async function replaceRestrictions(
  tx: Tx,
  organizationId: string,
  before: CurrentRestrictions,
  edit: RestrictionEdit,
  note: NoteChange,
): Promise<Prisma.ApiKeyUncheckedUpdateInput> {
  const data: Prisma.ApiKeyUncheckedUpdateInput = {};
  const replace = (list: RestrictionList, field: string, ids: string[] | null, from: string[] | null) => {
    Object.assign(data, replaceRestriction(list, ids));
    note(field, restrictionForAudit(from), restrictionForAudit(ids));
  };
  if (edit.scopes !== undefined || edit.managementScopes !== undefined) {
    Object.assign(data, await replaceScopes(tx, organizationId, before, edit, note));
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

type ScopeRow = { id: string; name: string };

/**
 * Data and management scopes share the key's link rows, so an edit of either list rewrites both:
 * the list the edit names comes from the catalogue, the other stays as it was.
 */
async function replaceScopes(
  tx: Tx,
  organizationId: string,
  before: CurrentRestrictions,
  edit: RestrictionEdit,
  note: NoteChange,
): Promise<Prisma.ApiKeyUncheckedUpdateInput> {
  const held = (kind: ScopeKind) => before.scopes.filter((s) => s.scope.kind === kind).map((s) => s.scope);
  const heldData = before.allScopes ? null : held("DATA");
  const dataScopes: ScopeRow[] | null =
    edit.scopes === undefined
      ? heldData
      : edit.scopes && (await resolveScopes(tx, organizationId, "DATA", edit.scopes));
  const management: ScopeRow[] =
    edit.managementScopes === undefined
      ? held("MANAGEMENT")
      : await resolveScopes(tx, organizationId, "MANAGEMENT", edit.managementScopes);
  const names = (rows: ScopeRow[]) => rows.map((row) => row.name);
  validateKeyHoldsAScope(dataScopes && names(dataScopes), names(management));
  if (edit.scopes !== undefined) {
    note(
      "scopes",
      restrictionForAudit(heldData && names(heldData)),
      restrictionForAudit(dataScopes && names(dataScopes)),
    );
  }
  if (edit.managementScopes !== undefined) {
    note("managementScopes", names(held("MANAGEMENT")).sort(), names(management).sort());
  }
  return {
    allScopes: dataScopes === null,
    scopes: {
      deleteMany: {},
      createMany: { data: [...(dataScopes ?? []), ...management].map((row) => ({ scopeId: row.id })) },
    },
  };
}
