import type { Prisma, ScopeKind } from "@tessera/db";
import { ForbiddenError, ValidationError } from "../errors.ts";
import type { ManagementScope } from "../roles.ts";
import type { Viewer } from "../viewer.ts";

type Tx = Prisma.TransactionClient;

/** The wanted values that the organization's rows do not contain, in the order they were asked for. */
function notFound(wanted: readonly string[], found: readonly string[]): string[] {
  const have = new Set(found);
  return wanted.filter((value) => !have.has(value));
}

/**
 * The API version a key is pinned to. Absent: the organization's current version (the newest one that
 * is not deprecated). A deprecated version may stay on existing keys but is not chosen for new pins.
 */
export async function resolveApiVersion(tx: Tx, organizationId: string, name: string | undefined) {
  if (name === undefined) {
    const current = await tx.apiVersion.findFirst({
      where: { organizationId },
      orderBy: [{ deprecated: "asc" }, { releasedAt: "desc" }, { name: "desc" }],
    });
    if (!current) throw new ValidationError("The organization has no API versions to pin the key to.", "apiVersion");
    return current;
  }
  const version = await tx.apiVersion.findUnique({ where: { organizationId_name: { organizationId, name } } });
  if (!version) throw new ValidationError(`Unknown API version "${name}".`, "apiVersion");
  if (version.deprecated) {
    throw new ValidationError(`API version "${name}" is deprecated; choose a current version.`, "apiVersion");
  }
  return version;
}

/** How an unknown name is refused, per kind: in the input field the caller filled. */
const unknownScopes = {
  DATA: (names: string[]) =>
    new ValidationError(`Unknown scope${names.length > 1 ? "s" : ""}: ${names.join(", ")}.`, "scopes"),
  MANAGEMENT: (names: string[]) =>
    new ValidationError(`The organization's catalogue lacks ${names.join(", ")}.`, "managementScopes"),
} satisfies Record<ScopeKind, (names: string[]) => ValidationError>;

/**
 * The catalogue rows for scope names of one kind (already validated): data scopes for `scopes`,
 * management scopes for `managementScopes`; every name must be of that kind in the organization's
 * catalogue.
 */
export async function resolveScopes(tx: Tx, organizationId: string, kind: ScopeKind, names: readonly string[]) {
  const rows = await tx.scope.findMany({
    where: { organizationId, kind, name: { in: [...names] } },
    select: { id: true, name: true },
  });
  const unknown = notFound(
    names,
    rows.map((row) => row.name),
  );
  if (unknown.length) throw unknownScopes[kind](unknown);
  return rows;
}

/** Resources must belong to the organization; another organization's read exactly like unknown ones. */
export async function resolveResourceIds(tx: Tx, organizationId: string, ids: readonly string[]): Promise<string[]> {
  const wanted = [...new Set(ids)];
  const rows = await tx.resource.findMany({ where: { organizationId, id: { in: wanted } }, select: { id: true } });
  const unknown = notFound(
    wanted,
    rows.map((row) => row.id),
  );
  if (unknown.length) throw new ValidationError(`Unknown resource id: ${unknown.join(", ")}.`, "resourceIds");
  return wanted;
}

/** Customer accounts must belong to the organization, like resources. */
export async function resolveCustomerAccountIds(tx: Tx, organizationId: string, ids: readonly string[]) {
  const wanted = [...new Set(ids)];
  const rows = await tx.customerAccount.findMany({
    where: { organizationId, id: { in: wanted } },
    select: { id: true },
  });
  const unknown = notFound(
    wanted,
    rows.map((row) => row.id),
  );
  if (unknown.length) {
    throw new ValidationError(`Unknown customer account id: ${unknown.join(", ")}.`, "customerAccountIds");
  }
  return wanted;
}

/** What an operation grants: absent (undefined) is not checked, null data scopes mean "all data scopes". */
export type ScopeGrant = { scopes?: readonly string[] | null; managementScopes?: readonly ManagementScope[] };

/**
 * A key can never hand out more than it holds: a key restricted to some data scopes may only give a
 * key (a new one, or itself or another one on edit) a subset of them, never "all data scopes"; and it
 * may give only management scopes it holds itself. Members are not limited here; their role already
 * decided whether they may write keys at all.
 */
export function assertScopesWithinCaller(viewer: Viewer, grant: ScopeGrant): void {
  if (viewer.kind !== "apiKey") return;
  if (grant.scopes !== undefined && viewer.scopes !== null) {
    if (grant.scopes === null) {
      throw new ForbiddenError(
        "This API key has restricted data scopes, so it cannot grant all data scopes; list the scopes.",
      );
    }
    const own = new Set(viewer.scopes);
    const beyond = grant.scopes.filter((scope) => !own.has(scope));
    if (beyond.length) {
      throw new ForbiddenError(`This API key cannot grant scopes it does not have: ${beyond.join(", ")}.`);
    }
  }
  const beyond = (grant.managementScopes ?? []).filter((scope) => !viewer.managementScopes.has(scope));
  if (beyond.length) {
    throw new ForbiddenError(`This API key cannot grant management scopes it does not hold: ${beyond.join(", ")}.`);
  }
}

type Grant = {
  role?: "EDITOR" | "VIEWER" | null;
  resourceIds?: readonly string[] | null;
  customerAccountIds?: readonly string[] | null;
};

/**
 * The same rule as for scopes, for the key's other powers: a key acting through the API cannot give
 * a key a higher role than its own, nor resources or customer accounts beyond its own. Fields left
 * undefined (an edit that does not touch them) are not checked; null means "all".
 */
export async function assertGrantWithinCaller(tx: Tx, viewer: Viewer, grant: Grant): Promise<void> {
  if (viewer.kind !== "apiKey") return;
  const caller = await tx.apiKey.findUniqueOrThrow({
    where: { id: viewer.keyId },
    select: {
      role: true,
      allResources: true,
      allCustomerAccounts: true,
      resources: { select: { resourceId: true } },
      customerAccounts: { select: { customerAccountId: true } },
    },
  });
  if (grant.role === "EDITOR" && caller.role !== "EDITOR") {
    throw new ForbiddenError("This API key has the VIEWER role, so it cannot create a key with the EDITOR role.");
  }
  const own = {
    resources: caller.allResources ? null : caller.resources.map((r) => r.resourceId),
    accounts: caller.allCustomerAccounts ? null : caller.customerAccounts.map((a) => a.customerAccountId),
  };
  assertSubset(own.resources, grant.resourceIds, "resources");
  assertSubset(own.accounts, grant.customerAccountIds, "customer accounts");
}

function assertSubset(own: readonly string[] | null, wanted: readonly string[] | null | undefined, what: string) {
  if (own === null || wanted === undefined) return;
  if (wanted === null) {
    throw new ForbiddenError(`This API key is limited to some ${what}, so it cannot grant all ${what}; list them.`);
  }
  const beyond = wanted.filter((id) => !own.includes(id));
  if (beyond.length)
    throw new ForbiddenError(`This API key cannot grant ${what} it does not have: ${beyond.join(", ")}.`);
}
