import { createAccountAs, globalId, updateAccount } from "../accounts/documents.ts";
import { createKey, revokeMutation } from "../api-keys/support.ts";
import { createResourceAs } from "../resources/documents.ts";
import type { Harness } from "../support/harness.ts";

/**
 * One organization with everything verification looks at: accounts in every status, a group inside a
 * group, keys with and without restrictions, a revoked and an expired key, and another organization's
 * account and resource to attack with.
 */
export async function verificationWorld(h: Harness) {
  const org = await h.newOrganization();
  const other = await h.newOrganization();
  const owner = org.as.OWNER;
  const active = await createAccountAs(owner, org.org.id, "Active customer");
  const suspended = await createAccountAs(owner, org.org.id, "Suspended customer");
  const closed = await createAccountAs(owner, org.org.id, "Closed customer");
  const unlisted = await createAccountAs(owner, org.org.id, "Unlisted customer");
  await owner.gql(updateAccount, { input: { id: suspended.id, status: "SUSPENDED" } });
  await owner.gql(updateAccount, { input: { id: closed.id, status: "CLOSED" } });
  const foreignAccount = await createAccountAs(other.as.OWNER, other.org.id, "Other org's customer");

  const outer = await createResourceAs(owner, org.org.id, { kind: "VEHICLE_GROUP", name: "Outer" });
  const inner = await createResourceAs(owner, org.org.id, { kind: "VEHICLE_GROUP", name: "Inner", parentId: outer.id });
  const vehicle = await createResourceAs(owner, org.org.id, { kind: "VEHICLE", name: "Truck", parentId: inner.id });
  const loose = await createResourceAs(owner, org.org.id, { kind: "VEHICLE", name: "Loose van" });
  const foreignResource = await createResourceAs(other.as.OWNER, other.org.id, { kind: "VEHICLE", name: "Theirs" });

  const full = await createKey(org, { name: "full" });
  const strict = await createKey(org, {
    name: "strict",
    role: "EDITOR",
    scopes: ["vehicles:read"],
    // Management scopes it holds by name: they never verify and never appear in an answer.
    managementScopes: ["keys:read", "keys:write"],
    resourceIds: [outer.id],
    customerAccountIds: [active.id, suspended.id, closed.id],
    origins: ["example.com", "*.example.org", "?"],
    userAgent: "FleetApp/2",
  });
  const originOnly = await createKey(org, { name: "origin-only", origins: ["example.com"] });
  const revoked = await createKey(org, { name: "revoked" });
  await owner.gql(revokeMutation, { input: { id: revoked.apiKey.id } });
  const expired = await org.keyClient({ expiresAt: new Date(Date.now() - 1000) });

  const tokens = {
    active: active.token as string,
    suspended: suspended.token as string,
    closed: closed.token as string,
    unlisted: unlisted.token as string,
    foreign: foreignAccount.token as string,
  };
  /** The data catalogue: what an all-scopes key carries (never a management scope). */
  const catalogue = ["routes:write", "vehicles:read"];
  return {
    org,
    other,
    orgGid: globalId("Organization", org.org.id),
    accounts: { active, suspended, closed, unlisted },
    resources: { outer, inner, vehicle, loose, foreign: foreignResource },
    keys: { full, strict, originOnly, revoked, expired: expired.secret },
    tokens,
    catalogue,
  };
}

export type VerificationWorld = Awaited<ReturnType<typeof verificationWorld>>;

/** One world per test file, built on first use (building one is most of a test's cost). */
export function sharedWorld(h: Harness): () => Promise<VerificationWorld> {
  let world: Promise<VerificationWorld> | undefined;
  return () => {
    world ??= verificationWorld(h);
    return world;
  };
}
