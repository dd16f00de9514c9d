import { GraphQLError } from "graphql";

export const defaultPageSize = 50;
export const maxPageSize = 100;

/**
 * `first` must be 1..100: a value outside that range is a clear error, never a silent clamp, so an
 * integrator asking for 500 rows learns it gets at most 100. `last`/`before` are not offered.
 */
export function assertPageSize(first: number | null | undefined): void {
  if (first === null || first === undefined) return;
  if (!Number.isInteger(first) || first < 1 || first > maxPageSize) {
    throw new GraphQLError(`\`first\` must be between 1 and ${maxPageSize} (got ${first}).`, {
      extensions: { code: "BAD_USER_INPUT", argument: "first" },
    });
  }
}
