import { DomainError, type ManagementScope, requireScope } from "@tessera/core";
import { GraphQLError } from "graphql";
import type { Context } from "./context.ts";

/** Queries have no result unions, so an expected refusal is a GraphQL error with a machine-readable code. */
export function asGraphQLError(error: DomainError): GraphQLError {
  return new GraphQLError(error.message, { extensions: { code: error.code } });
}

/** Lists inside an organization need its read scope; the answer says which one was missing. */
export async function requireOrganizationScope(ctx: Context, organizationId: string, scope: ManagementScope) {
  const access = await ctx.access.inOrganization(organizationId);
  if (!access) throw new GraphQLError("Organization not found.", { extensions: { code: "NOT_FOUND" } });
  try {
    requireScope(access, scope);
  } catch (error) {
    throw error instanceof DomainError ? asGraphQLError(error) : error;
  }
  return access;
}
