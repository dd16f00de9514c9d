import { GraphQLError } from "graphql";
import type { builder } from "./builder.ts";

export const defaultPageSize = 50;
export const maxPageSize = 100;
/**
 * The most items a list inside an object (`ApiKey.resources`, `Resource.ownerKeys`, `Organization.members`, …)
 * returns. These lists keep the contract's plain list types; the cap keeps one object from answering
 * with an unbounded number of rows. Each field's description says so.
 */
export const maxNestedItems = 100;

type PageArgs = { first?: number | null; last?: number | null; before?: string | null };

/**
 * `first` must be 1..100: a value outside that range is a clear error, never a silent clamp, so an
 * integrator asking for 500 rows learns it gets at most 100. Lists page forwards only (newest first,
 * `first` + `after`); `last` and `before` exist because Relay connections declare them, and using them
 * is a clear error rather than a confusing mix with the default `first`.
 */
export function assertPageArgs({ first, last, before }: PageArgs): void {
  if (last != null || before != null) {
    throw new GraphQLError("Lists page forwards only: use `first` and `after` (not `last` or `before`).", {
      extensions: { code: "BAD_USER_INPUT", argument: last != null ? "last" : "before" },
    });
  }
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
    // A list's connection counts when asked (a function); a relation's arrives counted (a number).
    resolve: (parent) => {
      const { totalCount } = parent as { totalCount: number | (() => Promise<number>) };
      return typeof totalCount === "function" ? totalCount.call(parent) : totalCount;
    },
  });
}
