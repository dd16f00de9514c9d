import { DomainError, type ManagementScope, type OrganizationAccess } from "@tessera/core";
import { GraphQLError } from "graphql";
import type { Context } from "./context.ts";

/** Queries have no result unions, so an expected refusal is a GraphQL error with a machine-readable code. */
export function asGraphQLError(error: DomainError): GraphQLError {
  return new GraphQLError(error.message, { extensions: { code: error.code } });
}

/**
 * Lists inside an organization need its read scope. The same AccessResolver that guards every
 * mutation answers, so a list and a change refuse a caller in the same words: NOT_FOUND for an
 * organization the caller cannot see, FORBIDDEN naming the missing scope otherwise.
 */
export async function requireReadScope(
  ctx: Context,
  organizationId: string,
  scope: ManagementScope,
): Promise<OrganizationAccess> {
  try {
    return await ctx.access.require(organizationId, scope);
  } catch (error) {
    throw error instanceof DomainError ? asGraphQLError(error) : error;
  }
}
