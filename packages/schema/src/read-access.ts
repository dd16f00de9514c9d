import { DomainError, type OrganizationAccess, type ReadRule } from "@tessera/core";
import { GraphQLError } from "graphql";
import type { Context } from "./context.ts";

/** Queries have no result unions, so an expected refusal is a GraphQL error with a machine-readable code. */
export function asGraphQLError(error: DomainError): GraphQLError {
  return new GraphQLError(error.message, { extensions: { code: error.code } });
}

/**
 * A list of an organization is the whole point of its field, so a caller who may not read it gets
 * an error, not an empty page that reads like "nothing there": NOT_FOUND for an organization the
 * caller cannot see, FORBIDDEN naming what is missing otherwise. The rule is core's read table.
 */
export async function requireRead(ctx: Context, organizationId: string, rule: ReadRule): Promise<OrganizationAccess> {
  try {
    return await ctx.access.requireRead(organizationId, rule);
  } catch (error) {
    throw error instanceof DomainError ? asGraphQLError(error) : error;
  }
}
