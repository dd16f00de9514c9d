/**
 * Every path to every object, for every kind of caller. The paths come from the schema itself: every
 * field whose type is an object type with a read rule. A new relation field is walked without anyone
 * adding it here; a new object type, payload or Node type without an entry below fails the test.
 *
 * What each caller may read is written out by hand from the product's rules (SPEC and issue 8), not
 * derived from core's table, so the table and the schema's use of it are both under test. One
 * organization fixture serves every caller; the walk is read-only except for the mutation payloads,
 * which act on throwaway objects.
 */
import { randomBytes } from "node:crypto";
import { type ManagementScope, type MemberRole, managementScopes, writeUsageCounts } from "@tessera/core";
import { isCarrierType, readGuards, schema, unguardedFields } from "@tessera/schema";
import { getNamedType, isInterfaceType, isObjectType } from "graphql";
import { beforeAll, describe, expect, it } from "vitest";
import { gid } from "./api-keys/support.ts";
import { type Client, type OrgFixture, useHarness } from "./support/harness.ts";

const h = useHarness();

type Kind =
  | "organization"
  | "catalogue"
  | "keys"
  | "accounts"
  | "resources"
  | "members"
  | "audit"
  | "webhooks"
  | "invitations";
/** `members`: invite and change members (OWNER, ADMIN signed in); `organizations`: create one (any signed-in user). */
/** `catalogue`: the scope catalogue and API versions, changed by OWNER and ADMIN members only (no key scope). */
type Writes = "keys" | "accounts" | "resources" | "webhooks" | "members" | "organizations" | "catalogue";
type Rights = { reads: Kind[]; writes: Writes[]; tokens: boolean };

const kindOfType: Record<string, Kind> = {
  Organization: "organization",
  Scope: "catalogue",
  ApiVersion: "catalogue",
  ApiKey: "keys",
  CustomerAccount: "accounts",
  Resource: "resources",
  Member: "members",
  User: "members",
  AuditEvent: "audit",
  WebhookEndpoint: "webhooks",
  WebhookDelivery: "webhooks",
  Invitation: "invitations",
  ResourceAccessEntry: "resources",
  ResourceDeletionImpact: "resources",
  KeyRestrictionLoss: "keys",
};

const memberReads: Kind[] = ["organization", "catalogue", "keys", "accounts", "resources", "members"];
const roleRights: Record<MemberRole, Rights> = {
  OWNER: {
    reads: [...memberReads, "audit", "webhooks", "invitations"],
    writes: ["keys", "accounts", "resources", "webhooks", "members", "organizations", "catalogue"],
    tokens: true,
  },
  ADMIN: {
    reads: [...memberReads, "audit", "webhooks", "invitations"],
    writes: ["keys", "accounts", "resources", "webhooks", "members", "organizations", "catalogue"],
    tokens: true,
  },
  EDITOR: { reads: memberReads, writes: ["resources", "organizations"], tokens: false },
  VIEWER: { reads: memberReads, writes: ["organizations"], tokens: false },
};
const inOrg: Kind[] = ["organization", "catalogue"];
/** A key holding only this management scope. A write scope includes its read scope. */
const scopeRights: Record<ManagementScope, Rights> = {
  "keys:read": { reads: [...inOrg, "keys"], writes: [], tokens: false },
  "keys:write": { reads: [...inOrg, "keys"], writes: ["keys"], tokens: false },
  "accounts:read": { reads: [...inOrg, "accounts"], writes: [], tokens: true },
  "accounts:write": { reads: [...inOrg, "accounts"], writes: ["accounts"], tokens: true },
  "resources:read": { reads: [...inOrg, "resources"], writes: [], tokens: false },
  "resources:write": { reads: [...inOrg, "resources"], writes: ["resources"], tokens: false },
  "members:read": { reads: [...inOrg, "members"], writes: [], tokens: false },
  "webhooks:read": { reads: [...inOrg, "webhooks"], writes: [], tokens: false },
  "webhooks:write": { reads: [...inOrg, "webhooks"], writes: ["webhooks"], tokens: false },
};
const nothing: Rights = { reads: [], writes: [], tokens: false };

type Caller = Rights & { name: string; client: Client; userId?: string; keyId?: string; homeOrg: string };

/** What identifies an item of each type in a result. */
const fingerprint: Record<string, string> = {
  Organization: "id",
  ApiKey: "id",
  CustomerAccount: "id",
  Resource: "id",
  User: "id",
  AuditEvent: "id",
  Member: "role",
  Scope: "name",
  ApiVersion: "name",
  WebhookEndpoint: "id",
  WebhookDelivery: "id",
  Invitation: "id",
  ResourceAccessEntry: "id",
  ResourceDeletionImpact: "resourceCount",
  KeyRestrictionLoss: "keyName",
};

let A: OrgFixture;
let B: OrgFixture;
const ids = {} as Record<
  "key" | "truck" | "group" | "account" | "endpoint" | "invitation" | "scope" | "version",
  string
>;
const callers: Caller[] = [];

function reads(caller: Caller, typename: string, item?: string): boolean {
  if (typename === "ApiKey" && caller.keyId && item === gid("ApiKey", caller.keyId)) return true;
  if (typename === "User" && caller.userId && item === gid("User", caller.userId)) return true;
  return caller.reads.includes(kindOfType[typename] as Kind);
}

beforeAll(async () => {
  A = await h.newOrganization();
  B = await h.newOrganization();
  const prisma = h.db.prisma;
  const organizationId = A.org.id;
  const group = await prisma.resource.create({ data: { organizationId, kind: "VEHICLE_GROUP", name: "Group" } });
  const truck = await prisma.resource.create({
    data: { organizationId, kind: "VEHICLE", name: "Truck", parentId: group.id },
  });
  await prisma.resourceOwner.create({ data: { resourceId: truck.id, userId: A.users.EDITOR.id } });
  const account = await prisma.customerAccount.create({
    data: { organizationId, name: "Old Town Movers", token: `tok_${randomBytes(8).toString("hex")}` },
  });
  // The key everyone looks at: restricted to the truck and the account, owner of the truck.
  const { key } = await A.keyClient();
  await prisma.apiKey.update({ where: { id: key.id }, data: { allResources: false, allCustomerAccounts: false } });
  await prisma.apiKeyResource.create({ data: { apiKeyId: key.id, resourceId: truck.id } });
  await prisma.apiKeyCustomerAccount.create({ data: { apiKeyId: key.id, customerAccountId: account.id } });
  await prisma.resourceOwner.create({ data: { resourceId: truck.id, apiKeyId: key.id } });
  await prisma.accessControlEntry.createMany({
    data: [
      { resourceId: truck.id, userId: A.users.VIEWER.id, permission: "READ" },
      { resourceId: truck.id, apiKeyId: key.id, permission: "READ" },
    ],
  });
  await prisma.auditEvent.create({
    data: {
      organizationId,
      action: "resource.created",
      actorUserId: A.users.OWNER.id,
      actorLabel: A.users.OWNER.email,
      targetType: "Resource",
      targetId: truck.id,
    },
  });
  const now = new Date();
  await prisma.expiryNotice.create({
    data: { apiKeyId: key.id, recipientUserId: A.users.ADMIN.id, milestone: "DAYS_90", keyExpiresAt: now },
  });
  const endpoint = await prisma.webhookEndpoint.create({
    data: {
      organizationId,
      url: "https://hooks.example.test/tessera",
      events: ["api_key.revoked"],
      secret: `whsec_${randomBytes(24).toString("base64")}`,
      createdAt: now,
      updatedAt: now,
    },
  });
  await prisma.outboxMessage.create({
    data: {
      organizationId,
      kind: "WEBHOOK",
      payload: {},
      nextAttemptAt: now,
      createdAt: now,
      webhookEndpointId: endpoint.id,
      eventType: "api_key.revoked",
    },
  });
  // Usage of the key, so the Overview's top keys lead to it.
  await writeUsageCounts(prisma, [{ apiKeyId: key.id, hour: now, code: "VALID", count: 1 }], now);
  const invitation = await newInvitation(A.users.OWNER.id);
  const scope = await prisma.scope.findUniqueOrThrow({
    where: { organizationId_name: { organizationId, name: "vehicles:read" } },
  });
  const version = await prisma.apiVersion.findUniqueOrThrow({
    where: { organizationId_name: { organizationId, name: "v1" } },
  });
  Object.assign(ids, {
    key: key.id,
    truck: truck.id,
    group: group.id,
    account: account.id,
    endpoint: endpoint.id,
    invitation: invitation.id,
    scope: scope.id,
    version: version.id,
  });

  for (const role of ["OWNER", "ADMIN", "EDITOR", "VIEWER"] as const) {
    callers.push({ name: role, client: A.as[role], userId: A.users[role].id, homeOrg: A.org.id, ...roleRights[role] });
  }
  callers.push({
    name: "non-member",
    client: B.as.OWNER,
    userId: B.users.OWNER.id,
    homeOrg: B.org.id,
    ...nothing,
    writes: ["organizations"],
  });
  type KeyOptions = Parameters<OrgFixture["keyClient"]>[0];
  const dataOnly: Rights = { reads: inOrg, writes: [], tokens: false };
  const keyCallers: [string, KeyOptions, Rights][] = [
    ...managementScopes.map((s): [string, KeyOptions, Rights] => [
      `key ${s.name}`,
      { scopes: [s.name] },
      scopeRights[s.name],
    ]),
    ["key without management scopes", { scopes: ["vehicles:read"] }, dataOnly],
    // Issue 16: the console's defaults ("All scopes", VIEWER) and the same for an EDITOR key. "All
    // scopes" means all data scopes: such a key must not manage anything, nor read a token.
    ["all-scopes VIEWER key", { role: "VIEWER" }, dataOnly],
    ["all-scopes EDITOR key", { role: "EDITOR" }, dataOnly],
  ];
  for (const [name, options, rights] of keyCallers) {
    const caller = await A.keyClient(options);
    // Every calling key co-owns the truck: it must see itself among the owners, and no other key.
    await prisma.resourceOwner.create({ data: { resourceId: truck.id, apiKeyId: caller.key.id } });
    callers.push({ name, client: caller.client, keyId: caller.key.id, homeOrg: A.org.id, ...rights });
  }
  const foreign = await B.keyClient({ managementScopes: "all" });
  callers.push({
    name: "key of another organization",
    client: foreign.client,
    keyId: foreign.key.id,
    homeOrg: B.org.id,
    ...nothing,
  });
});

/** A pending invitation to organization A, sent by `invitedByUserId`. */
function newInvitation(invitedByUserId: string) {
  const now = new Date();
  return h.db.prisma.invitation.create({
    data: {
      organizationId: A.org.id,
      email: `invitee-${randomBytes(4).toString("hex")}@example.test`,
      role: "VIEWER",
      tokenHash: randomBytes(32).toString("hex"),
      invitedByUserId,
      createdAt: now,
      expiresAt: new Date(now.getTime() + 86_400_000),
    },
  });
}

/** Where an instance of each parent type is found, and the type whose rule decides whether it is reachable. */
type Recipe = {
  wrap: (selection: string) => string;
  parents: (data: any) => any[];
  guardedBy?: [string, () => string];
  /** When reaching the parent takes more than one rule: who reaches it. */
  reachedBy?: (caller: Caller) => boolean;
};
const onTruck = (inner: string) => `{ node(id: "${gid("Resource", ids.truck)}") { ... on Resource { ${inner} } } }`;
const onGroup = (inner: string) => `{ node(id: "${gid("Resource", ids.group)}") { ... on Resource { ${inner} } } }`;
const org = (inner: string) => `{ organization(slug: "${A.org.slug}") { ${inner} } }`;
const lists = {
  ApiKey: "apiKeys",
  CustomerAccount: "customerAccounts",
  Resource: "resources",
  AuditEvent: "auditEvents",
  WebhookEndpoint: "webhookEndpoints",
  Invitation: "invitations",
};
const recipes: Record<string, Recipe> = {
  Query: { wrap: (s) => `{ ${s} }`, parents: (d) => [d] },
  Organization: {
    wrap: org,
    parents: (d) => [d?.organization].filter(Boolean),
    guardedBy: ["Organization", () => gid("Organization", A.org.id)],
  },
  Member: {
    wrap: (s) => org(`members { ${s} }`),
    parents: (d) => d?.organization?.members ?? [],
    guardedBy: ["Member", () => ""],
  },
  ApiKey: {
    wrap: (s) => `{ node(id: "${gid("ApiKey", ids.key)}") { ... on ApiKey { ${s} } } }`,
    parents: (d) => [d?.node].filter(Boolean),
    guardedBy: ["ApiKey", () => gid("ApiKey", ids.key)],
  },
  Resource: {
    wrap: (s) => `{ node(id: "${gid("Resource", ids.truck)}") { ... on Resource { ${s} } } }`,
    parents: (d) => [d?.node].filter(Boolean),
    guardedBy: ["Resource", () => gid("Resource", ids.truck)],
  },
  ResourceAccessEntry: {
    wrap: (s) => onTruck(`accessEntries { ${s} }`),
    parents: (d) => d?.node?.accessEntries ?? [],
    guardedBy: ["Resource", () => gid("Resource", ids.truck)],
  },
  ResourceDeletionImpact: {
    wrap: (s) => onTruck(`deletionImpact { ${s} }`),
    parents: (d) => [d?.node?.deletionImpact].filter(Boolean),
    guardedBy: ["Resource", () => gid("Resource", ids.truck)],
  },
  KeyRestrictionLoss: {
    wrap: (s) => onTruck(`deletionImpact { restrictionsLost { ${s} } }`),
    parents: (d) => d?.node?.deletionImpact?.restrictionsLost ?? [],
    reachedBy: (caller) => reads(caller, "Resource") && reads(caller, "KeyRestrictionLoss"),
  },
  ResourceChildConnection: {
    wrap: (s) => onGroup(`children(first: 100) { ${s} }`),
    parents: (d) => [d?.node?.children].filter(Boolean),
    guardedBy: ["Resource", () => gid("Resource", ids.group)],
  },
  ResourceChildEdge: {
    wrap: (s) => onGroup(`children(first: 100) { edges { ${s} } }`),
    parents: (d) => d?.node?.children?.edges ?? [],
    guardedBy: ["Resource", () => gid("Resource", ids.group)],
  },
  ExpiryNotice: {
    wrap: (s) => `{ node(id: "${gid("ApiKey", ids.key)}") { ... on ApiKey { expiryNotices { ${s} } } } }`,
    parents: (d) => d?.node?.expiryNotices ?? [],
    guardedBy: ["ApiKey", () => gid("ApiKey", ids.key)],
  },
  WebhookEndpoint: {
    wrap: (s) => `{ node(id: "${gid("WebhookEndpoint", ids.endpoint)}") { ... on WebhookEndpoint { ${s} } } }`,
    parents: (d) => [d?.node].filter(Boolean),
    guardedBy: ["WebhookEndpoint", () => gid("WebhookEndpoint", ids.endpoint)],
  },
  Invitation: {
    wrap: (s) => org(`invitations(first: 100) { nodes { ${s} } }`),
    parents: (d) => d?.organization?.invitations?.nodes ?? [],
    guardedBy: ["Invitation", () => ""],
  },
  ApiKeyUsageTotal: {
    wrap: (s) => {
      const until = new Date(Date.now() + 86_400_000).toISOString();
      return org(`verificationTopKeys(since: "${new Date().toISOString()}", until: "${until}") { ${s} }`);
    },
    parents: (d) => d?.organization?.verificationTopKeys ?? [],
    guardedBy: ["ApiKey", () => gid("ApiKey", ids.key)],
  },
  AuditEvent: {
    wrap: (s) => org(`auditEvents(first: 100) { nodes { ${s} } }`),
    parents: (d) => d?.organization?.auditEvents?.nodes ?? [],
    guardedBy: ["AuditEvent", () => ""],
  },
  ...Object.fromEntries(
    Object.entries(lists).flatMap(([type, field]) => [
      [
        `${type}Connection`,
        {
          wrap: (s: string) => org(`${field}(first: 100) { ${s} }`),
          parents: (d: any) => [d?.organization?.[field]].filter(Boolean),
          guardedBy: [type, () => ""],
        },
      ],
      [
        `${type}Edge`,
        {
          wrap: (s: string) => org(`${field}(first: 100) { edges { ${s} } }`),
          parents: (d: any) => d?.organization?.[field]?.edges ?? [],
          guardedBy: [type, () => ""],
        },
      ],
    ]),
  ),
};
const fieldArguments: Record<string, string> = {
  "Query.organization": `(slug: "%slug")`,
  // A search every test user's email matches (both organizations'): the walk sees it narrow, never widen.
  "Organization.members": `(search: "example.test")`,
};

type Path = { parent: string; field: string; target: string };

/** Every field, on a type that holds or leads to organization data, whose type has a read rule. */
function guardedPaths(): Path[] {
  const paths: Path[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith("__")) continue;
    for (const field of Object.values(type.getFields())) {
      const target = getNamedType(field.type).name;
      if (readGuards[target] && !unguardedFields[`${type.name}.${field.name}`]) {
        paths.push({ parent: type.name, field: field.name, target });
      }
    }
  }
  return paths;
}

const payloadPaths = () => guardedPaths().filter((p) => p.parent.endsWith("Payload"));
const queryPaths = () => guardedPaths().filter((p) => !p.parent.endsWith("Payload") && p.parent !== "Viewer");

function itemsOf(value: unknown, target: string): string[] {
  const key = fingerprint[target] as string;
  if (value == null) return [];
  return (Array.isArray(value) ? value : [value]).map((item) => String(item[key]));
}

async function walk(caller: Client, path: Path) {
  const args = (fieldArguments[`${path.parent}.${path.field}`] ?? "").replace("%slug", A.org.slug);
  const recipe = recipes[path.parent] as Recipe;
  const result = await caller.gql(recipe.wrap(`${path.field}${args} { ${fingerprint[path.target]} }`));
  expect(result.status, JSON.stringify(result.errors)).toBe(200);
  for (const error of result.errors ?? []) expect(["FORBIDDEN", "NOT_FOUND"]).toContain(error.extensions?.code);
  const parents = recipe.parents(result.data);
  return { reached: parents.length > 0, items: parents.flatMap((p) => itemsOf(p[path.field], path.target)) };
}

describe("the read rules on every path", () => {
  it("covers every object type: each has a read rule or only carries others, and each rule has expectations here", () => {
    const objectTypes = Object.values(schema.getTypeMap()).filter((t) => isObjectType(t) && !t.name.startsWith("__"));
    const unclassified = objectTypes.map((t) => t.name).filter((name) => !readGuards[name] && !isCarrierType(name));
    expect(unclassified).toEqual([]);
    expect(Object.keys(readGuards).sort()).toEqual(Object.keys(kindOfType).sort());
    expect(Object.keys(unguardedFields)).toEqual(["SignInPayload.user"]);
    const unreachable = guardedPaths()
      .filter((p) => !p.parent.endsWith("Payload") && p.parent !== "Viewer" && !recipes[p.parent])
      .map((p) => `${p.parent}.${p.field}`);
    expect(unreachable, "add a recipe reaching these parents").toEqual([]);
    expect(Object.keys(scopeRights).sort()).toEqual(managementScopes.map((s) => s.name).sort());
  });

  it("lists, relation fields and connections show each caller exactly what it may read", async () => {
    const owner = callers[0] as Caller;
    for (const path of queryPaths()) {
      const all = await walk(owner.client, path);
      const label = `${path.parent}.${path.field}`;
      // The fixture fills every relation, so an empty answer for the owner would make the walk vacuous.
      expect(all.items.length, `${label} as OWNER`).toBeGreaterThan(0);
      const recipe = recipes[path.parent] as Recipe;
      const [guardType, guardItem] = recipe.guardedBy ?? ["", () => ""];
      for (const caller of callers) {
        const seen = await walk(caller.client, path);
        const reachable = recipe.reachedBy
          ? recipe.reachedBy(caller)
          : !guardType || reads(caller, guardType, guardItem());
        expect(seen.reached, `${label} reached by ${caller.name}`).toBe(reachable);
        if (!reachable) continue;
        const expected = all.items.filter((item) => reads(caller, path.target, item));
        expect(seen.items.sort(), `${label} as ${caller.name}`).toEqual(expected.sort());
      }
    }
  });

  it("Viewer shows the caller itself: its user, its key, its own organizations", async () => {
    const viewerFields = guardedPaths()
      .filter((p) => p.parent === "Viewer")
      .map((p) => p.field);
    expect(viewerFields.sort()).toEqual(["apiKey", "organizations", "user"]);
    for (const caller of callers) {
      const { data } = await caller.client.gql("{ viewer { user { id } apiKey { id } organizations { id } } }");
      expect(data?.viewer, caller.name).toEqual({
        user: caller.userId ? { id: gid("User", caller.userId) } : null,
        apiKey: caller.keyId ? { id: gid("ApiKey", caller.keyId) } : null,
        organizations: [{ id: gid("Organization", caller.homeOrg) }],
      });
    }
  });

  it("node(id) applies the same rule to every Node type", async () => {
    const nodeIds: Record<string, () => string> = {
      Organization: () => A.org.id,
      ApiKey: () => ids.key,
      Resource: () => ids.truck,
      CustomerAccount: () => ids.account,
      User: () => A.users.EDITOR.id,
      WebhookEndpoint: () => ids.endpoint,
      Invitation: () => ids.invitation,
      Scope: () => ids.scope,
      ApiVersion: () => ids.version,
    };
    const node = schema.getType("Node");
    if (!isInterfaceType(node)) throw new Error("Node is not an interface");
    expect(
      schema
        .getImplementations(node)
        .objects.map((t) => t.name)
        .sort(),
    ).toEqual(Object.keys(nodeIds).sort());
    for (const [type, id] of Object.entries(nodeIds)) {
      const globalId = gid(type, id());
      for (const caller of callers) {
        const { data } = await caller.client.gql(`{ node(id: "${globalId}") { id } }`);
        expect(data?.node?.id ?? null, `node(${type}) as ${caller.name}`).toBe(
          reads(caller, type, globalId) ? globalId : null,
        );
      }
    }
  });

  it("account tokens: OWNER, ADMIN and keys that may read accounts; null for everyone else who sees the account", async () => {
    for (const caller of callers) {
      const { data } = await caller.client.gql(org("customerAccounts { nodes { token } }"));
      const tokens = data?.organization?.customerAccounts?.nodes?.map((n: { token: string | null }) => n.token);
      if (!reads(caller, "CustomerAccount")) expect(tokens, caller.name).toBeUndefined();
      else
        expect(
          tokens?.every((t: string | null) => (caller.tokens ? t !== null : t === null)),
          caller.name,
        ).toBe(true);
    }
  });

  it("mutation payloads carry only what the caller may read", async () => {
    const prisma = h.db.prisma;
    const organizationId = gid("Organization", A.org.id);
    const freshKey = async () => (await A.keyClient()).key.id;
    /** A throwaway data scope, retired when `retiredAt` is given. */
    const freshScope = async (retiredAt: Date | null = null) =>
      (
        await prisma.scope.create({
          data: {
            organizationId: A.org.id,
            name: `walk:f${randomBytes(4).toString("hex")}`,
            description: "x",
            kind: "DATA",
            retiredAt,
          },
        })
      ).id;
    /** A resource every caller of A owns, so that each may change it as far as its role or scopes allow. */
    const freshResource = async (kind: "VEHICLE" | "VEHICLE_GROUP" = "VEHICLE") => {
      const owners = callers
        .filter((c) => c.homeOrg === A.org.id)
        .map((c) => (c.keyId ? { apiKeyId: c.keyId } : { userId: c.userId as string }));
      const resource = await prisma.resource.create({
        data: {
          organizationId: A.org.id,
          kind,
          name: `r-${randomBytes(3).toString("hex")}`,
          owners: { create: owners },
        },
      });
      return resource.id;
    };
    const editor = { userId: gid("User", A.users.EDITOR.id) };
    /** A payload's mutation, run on a throwaway object; `writes` is the right that lets it through. */
    /** A throwaway VIEWER of organization A, for a role change. */
    const freshMember = async () => {
      const user = await prisma.user.create({
        data: { email: `m-${randomBytes(4).toString("hex")}@example.test`, passwordHash: "x" },
      });
      await prisma.membership.create({ data: { organizationId: A.org.id, userId: user.id, role: "VIEWER" } });
      return gid("User", user.id);
    };
    const freshInvitation = async () => gid("Invitation", (await newInvitation(A.users.OWNER.id)).id);
    /**
     * A payload's mutation, run on a throwaway object; `writes` is the right that lets it through.
     * `creates`: the caller becomes the object's owner, so it always reads what it made.
     */
    const mutations: Record<
      string,
      { writes: Writes; creates?: boolean; run: (c: Client, selection: string) => Promise<any> }
    > = {
      CreateOrganizationPayload: {
        writes: "organizations",
        creates: true,
        run: (c, s) =>
          mutate(c, "createOrganization", "CreateOrganizationInput", s, {
            name: "Throwaway",
            slug: `walk-${randomBytes(4).toString("hex")}`,
          }),
      },
      UpdateOrganizationPayload: {
        writes: "members",
        run: (c, s) =>
          mutate(c, "updateOrganization", "UpdateOrganizationInput", s, { organizationId, name: A.org.name }),
      },
      InviteMemberPayload: {
        writes: "members",
        run: (c, s) =>
          mutate(c, "inviteMember", "InviteMemberInput", s, {
            organizationId,
            email: `walk-${randomBytes(4).toString("hex")}@example.test`,
            role: "VIEWER",
          }),
      },
      ResendInvitationPayload: {
        writes: "members",
        run: async (c, s) => mutate(c, "resendInvitation", "ResendInvitationInput", s, { id: await freshInvitation() }),
      },
      RevokeInvitationPayload: {
        writes: "members",
        run: async (c, s) => mutate(c, "revokeInvitation", "RevokeInvitationInput", s, { id: await freshInvitation() }),
      },
      UpdateMemberRolePayload: {
        writes: "members",
        run: async (c, s) =>
          mutate(c, "updateMemberRole", "UpdateMemberRoleInput", s, {
            organizationId,
            userId: await freshMember(),
            role: "EDITOR",
          }),
      },
      CreateApiKeyPayload: {
        writes: "keys",
        run: (c, s) =>
          mutate(c, "createApiKey", "CreateApiKeyInput", s, {
            organizationId,
            role: "EDITOR",
            scopes: [],
            managementScopes: ["keys:write"],
          }),
      },
      UpdateApiKeyPayload: {
        writes: "keys",
        run: async (c, s) =>
          mutate(c, "updateApiKey", "UpdateApiKeyInput", s, { id: gid("ApiKey", await freshKey()), description: "x" }),
      },
      RenewApiKeyPayload: {
        writes: "keys",
        run: async (c, s) => mutate(c, "renewApiKey", "RenewApiKeyInput", s, { id: gid("ApiKey", await freshKey()) }),
      },
      RevokeApiKeyPayload: {
        writes: "keys",
        run: async (c, s) => mutate(c, "revokeApiKey", "RevokeApiKeyInput", s, { id: gid("ApiKey", await freshKey()) }),
      },
      DeleteApiKeyPayload: {
        writes: "keys",
        run: async (c, s) => {
          const id = await freshKey();
          await prisma.resource.create({
            data: { organizationId: A.org.id, kind: "PROJECT", name: `p-${id}`, owners: { create: { apiKeyId: id } } },
          });
          return mutate(c, "deleteApiKey", "DeleteApiKeyInput", s, {
            id: gid("ApiKey", id),
            transferOwnershipTo: gid("User", A.users.EDITOR.id),
          });
        },
      },
      CreateResourcePayload: {
        writes: "resources",
        run: (c, s) =>
          mutate(c, "createResource", "CreateResourceInput", s, { organizationId, kind: "VEHICLE", name: "Van" }),
      },
      UpdateResourcePayload: {
        writes: "resources",
        run: async (c, s) =>
          mutate(c, "updateResource", "UpdateResourceInput", s, {
            id: gid("Resource", await freshResource()),
            name: "x",
          }),
      },
      MoveResourcePayload: {
        writes: "resources",
        run: async (c, s) =>
          mutate(c, "moveResource", "MoveResourceInput", s, {
            id: gid("Resource", await freshResource()),
            parentId: gid("Resource", await freshResource("VEHICLE_GROUP")),
          }),
      },
      DeleteResourcePayload: {
        writes: "resources",
        run: async (c, s) => {
          const id = await freshResource();
          await prisma.apiKeyResource.create({ data: { apiKeyId: await freshKey(), resourceId: id } });
          return mutate(c, "deleteResource", "DeleteResourceInput", s, { id: gid("Resource", id) });
        },
      },
      TransferResourceOwnershipPayload: {
        writes: "resources",
        run: async (c, s) =>
          mutate(c, "transferResourceOwnership", "TransferResourceOwnershipInput", s, {
            id: gid("Resource", await freshResource()),
            toUserId: editor.userId,
          }),
      },
      GrantResourceAccessPayload: {
        writes: "resources",
        run: async (c, s) =>
          mutate(c, "grantResourceAccess", "GrantResourceAccessInput", s, {
            resourceId: gid("Resource", await freshResource()),
            principal: editor,
            permission: "READ",
          }),
      },
      RevokeResourceAccessPayload: {
        writes: "resources",
        run: async (c, s) => {
          const id = await freshResource();
          await prisma.accessControlEntry.create({
            data: { resourceId: id, userId: A.users.EDITOR.id, permission: "READ" },
          });
          return mutate(c, "revokeResourceAccess", "RevokeResourceAccessInput", s, {
            resourceId: gid("Resource", id),
            principal: editor,
            permission: "READ",
          });
        },
      },
      CreateCustomerAccountPayload: {
        writes: "accounts",
        run: (c, s) =>
          mutate(c, "createCustomerAccount", "CreateCustomerAccountInput", s, { organizationId, name: "New" }),
      },
      UpdateCustomerAccountPayload: {
        writes: "accounts",
        run: (c, s) =>
          mutate(c, "updateCustomerAccount", "UpdateCustomerAccountInput", s, {
            id: gid("CustomerAccount", ids.account),
            name: "Old Town Movers",
          }),
      },
      CreateWebhookEndpointPayload: {
        writes: "webhooks",
        run: (c, s) =>
          mutate(c, "createWebhookEndpoint", "CreateWebhookEndpointInput", s, {
            organizationId,
            url: "https://hooks.example.test/new",
            events: ["API_KEY_CREATED"],
          }),
      },
      UpdateWebhookEndpointPayload: {
        writes: "webhooks",
        run: (c, s) =>
          mutate(c, "updateWebhookEndpoint", "UpdateWebhookEndpointInput", s, {
            id: gid("WebhookEndpoint", ids.endpoint),
            description: "x",
          }),
      },
      RotateWebhookSecretPayload: {
        writes: "webhooks",
        run: (c, s) =>
          mutate(c, "rotateWebhookSecret", "RotateWebhookSecretInput", s, { id: gid("WebhookEndpoint", ids.endpoint) }),
      },
      SendTestWebhookPayload: {
        writes: "webhooks",
        run: (c, s) =>
          mutate(c, "sendTestWebhook", "SendTestWebhookInput", s, { id: gid("WebhookEndpoint", ids.endpoint) }),
      },
      CreateScopePayload: {
        writes: "catalogue",
        run: (c, s) =>
          mutate(c, "createScope", "CreateScopeInput", s, {
            organizationId,
            name: `walk:s${randomBytes(4).toString("hex")}`,
            description: "A scope of the walk.",
          }),
      },
      UpdateScopePayload: {
        writes: "catalogue",
        run: (c, s) =>
          mutate(c, "updateScope", "UpdateScopeInput", s, {
            id: gid("Scope", ids.scope),
            description: "Read vehicles.",
          }),
      },
      RetireScopePayload: {
        writes: "catalogue",
        run: async (c, s) => mutate(c, "retireScope", "RetireScopeInput", s, { id: gid("Scope", await freshScope()) }),
      },
      RestoreScopePayload: {
        writes: "catalogue",
        run: async (c, s) =>
          mutate(c, "restoreScope", "RestoreScopeInput", s, { id: gid("Scope", await freshScope(new Date())) }),
      },
      CreateApiVersionPayload: {
        writes: "catalogue",
        run: (c, s) =>
          mutate(c, "createApiVersion", "CreateApiVersionInput", s, {
            organizationId,
            name: `w${randomBytes(4).toString("hex")}`,
          }),
      },
      DeprecateApiVersionPayload: {
        writes: "catalogue",
        run: (c, s) =>
          mutate(c, "deprecateApiVersion", "DeprecateApiVersionInput", s, {
            id: gid("ApiVersion", ids.version),
            sunsetAt: new Date(Date.now() + 90 * 86_400_000).toISOString(),
          }),
      },
      SetDefaultApiVersionPayload: {
        writes: "catalogue",
        run: async (c, s) => {
          const version = await prisma.apiVersion.create({
            data: { organizationId: A.org.id, name: `d${randomBytes(4).toString("hex")}` },
          });
          return mutate(c, "setDefaultApiVersion", "SetDefaultApiVersionInput", s, {
            id: gid("ApiVersion", version.id),
          });
        },
      },
      RotateAccountTokenPayload: {
        writes: "accounts",
        run: (c, s) =>
          mutate(c, "rotateAccountToken", "RotateAccountTokenInput", s, { id: gid("CustomerAccount", ids.account) }),
      },
    };
    const paths = payloadPaths();
    expect([...new Set(paths.map((p) => p.parent))].sort()).toEqual(Object.keys(mutations).sort());
    for (const path of paths) {
      const mutation = mutations[path.parent] as (typeof mutations)[string];
      const selection = `... on ${path.parent} { ${path.field} { ${fingerprint[path.target]} } }`;
      for (const caller of callers) {
        const result = await mutation.run(caller.client, selection);
        const label = `${path.parent}.${path.field} as ${caller.name}`;
        if (!caller.writes.includes(mutation.writes)) {
          expect(["ForbiddenError", "NotFoundError"], label).toContain(result.__typename);
          continue;
        }
        expect(result.__typename, label).toBe(path.parent);
        const items = itemsOf(result[path.field], path.target);
        expect(items.length > 0, label).toBe(mutation.creates || reads(caller, path.target, items[0]));
      }
    }
  });
});

async function mutate(client: Client, field: string, inputType: string, selection: string, input: object) {
  const { data, errors } = await client.gql(
    `mutation($input: ${inputType}!) { ${field}(input: $input) { __typename ${selection} } }`,
    { input },
  );
  expect(errors).toBeUndefined();
  return data?.[field];
}
