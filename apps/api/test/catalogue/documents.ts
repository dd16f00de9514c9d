import type { PrismaClient } from "@tessera/db";
import { gid, rawId } from "../api-keys/support.ts";
import type { Client, OrgFixture } from "../support/harness.ts";

export { gid, rawId };

const errorFields = "... on Error { code message } ... on ValidationError { field }";
const scopeFields = "id name description management retiredAt keyCount";
const versionFields = "id name description deprecated deprecatedAt sunsetAt releasedAt isDefault keyCount";

const mutation = (field: string, input: string, payload: string, fields: string) => `mutation M($input: ${input}!) {
  ${field}(input: $input) { __typename ... on ${payload} { ${fields} } ${errorFields} }
}`;

export const createScopeMutation = mutation(
  "createScope",
  "CreateScopeInput",
  "CreateScopePayload",
  `scope { ${scopeFields} }`,
);
export const updateScopeMutation = mutation(
  "updateScope",
  "UpdateScopeInput",
  "UpdateScopePayload",
  `scope { ${scopeFields} }`,
);
export const retireScopeMutation = mutation(
  "retireScope",
  "RetireScopeInput",
  "RetireScopePayload",
  `scope { ${scopeFields} }`,
);
export const restoreScopeMutation = mutation(
  "restoreScope",
  "RestoreScopeInput",
  "RestoreScopePayload",
  `scope { ${scopeFields} }`,
);
export const createVersionMutation = mutation(
  "createApiVersion",
  "CreateApiVersionInput",
  "CreateApiVersionPayload",
  `apiVersion { ${versionFields} }`,
);
export const deprecateVersionMutation = mutation(
  "deprecateApiVersion",
  "DeprecateApiVersionInput",
  "DeprecateApiVersionPayload",
  `apiVersion { ${versionFields} }`,
);
export const setDefaultVersionMutation = mutation(
  "setDefaultApiVersion",
  "SetDefaultApiVersionInput",
  "SetDefaultApiVersionPayload",
  `apiVersion { ${versionFields} }`,
);

export const catalogueQuery = `query Catalogue($slug: String!) {
  organization(slug: $slug) {
    scopes { ${scopeFields} }
    apiVersions { ${versionFields} }
    defaultApiVersion { name }
  }
}`;

/** Runs a mutation and returns its result union member. */
export async function run(client: Client, document: string, input: Record<string, unknown>) {
  const result = await client.gql(document, { input });
  const field = Object.keys(result.data ?? {})[0];
  if (!field) throw new Error(`no data: ${JSON.stringify(result)}`);
  return result.data?.[field];
}

/** Adds a data scope as the organization's owner and returns it. */
export async function addScope(org: OrgFixture, name: string, description = `Allows ${name}.`) {
  const payload = await run(org.as.OWNER, createScopeMutation, {
    organizationId: gid("Organization", org.org.id),
    name,
    description,
  });
  if (payload?.__typename !== "CreateScopePayload") throw new Error(`createScope failed: ${JSON.stringify(payload)}`);
  return payload.scope as { id: string; name: string; retiredAt: string | null; keyCount: number };
}

/** The global id of an organization's scope or API version, by name. */
export async function scopeId(prisma: PrismaClient, organizationId: string, name: string) {
  const row = await prisma.scope.findUniqueOrThrow({ where: { organizationId_name: { organizationId, name } } });
  return gid("Scope", row.id);
}
export async function versionId(prisma: PrismaClient, organizationId: string, name: string) {
  const row = await prisma.apiVersion.findUniqueOrThrow({ where: { organizationId_name: { organizationId, name } } });
  return gid("ApiVersion", row.id);
}

/** The catalogue and its audit events, to prove a failure changed nothing. */
export async function catalogueSnapshot(prisma: PrismaClient, organizationId: string) {
  return {
    scopes: await prisma.scope.findMany({ where: { organizationId }, orderBy: { name: "asc" } }),
    versions: await prisma.apiVersion.findMany({ where: { organizationId }, orderBy: { name: "asc" } }),
    organization: await prisma.organization.findUniqueOrThrow({ where: { id: organizationId } }),
    audit: await prisma.auditEvent.count({
      where: { organizationId, OR: [{ action: { startsWith: "scope." } }, { action: { startsWith: "api_version." } }] },
    }),
  };
}

/** A date `days` from now, as an ISO string. */
export const daysFromNow = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
