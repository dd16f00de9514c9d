import { GraphQLError } from "graphql";
import type { builder } from "./builder.ts";

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

type ConnectionFieldBuilder = Parameters<Parameters<typeof builder.objectFields>[1]>[0];

/**
 * `totalCount` with a description. Replaces the undocumented field prismaConnection's `totalCount`
 * option adds; the extension keeps its optimisation (a count-only selection skips loading the page).
 */
export function totalCountField(t: ConnectionFieldBuilder, description: string) {
  return t.int({
    description,
    extensions: { pothosPrismaTotalCount: true },
    resolve: (parent) => (parent as { totalCount: () => Promise<number> }).totalCount(),
  });
}
