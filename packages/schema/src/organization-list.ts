import { newestFirst, type ReadRule } from "@tessera/core";
import type { GraphQLResolveInfo } from "graphql";
import { ConcurrentCount } from "./concurrent-count.ts";
import type { Context } from "./context.ts";
import { assertPageArgs } from "./pagination.ts";
import { requireRead } from "./read-access.ts";

type PageArgs = Parameters<typeof assertPageArgs>[0];

/** The two reads a list makes of its table: a Prisma model delegate such as `ctx.prisma.resource`. */
type ListedRows<Where, Row> = {
  findMany(args: { where: Where; orderBy: typeof newestFirst }): PromiseLike<Row[]>;
  count(args: { where: Where }): PromiseLike<number>;
};

/** The arguments of a list whose `filter` a core `…Where(organizationId, filter)` function maps to rows. */
export type FilterArgs<W extends (organizationId: string, filter: never) => unknown> = { filter?: Parameters<W>[1] };

/** What differs between two organization lists; everything else is the same for all of them. */
export type OrganizationListSpec<Args, Where, Row> = {
  /** The read rule of the listed type (core's `readRules`). */
  rule: ReadRule;
  /** The list's table, e.g. `(ctx) => ctx.prisma.resource`. */
  rows: (ctx: Context) => ListedRows<Where, Row>;
  /** The organization's rows that the list's arguments (its `filter`) select. */
  where: (organizationId: string, args: Args, ctx: Context) => Where;
};

/**
 * What every organization list does before it reads: checks the page arguments and the listed type's
 * read rule, then maps the arguments to the organization's rows.
 */
export async function openOrganizationList<Args, Where, Row>(
  spec: OrganizationListSpec<Args, Where, Row>,
  ctx: Context,
  organizationId: string,
  args: Args & PageArgs,
): Promise<Where> {
  assertPageArgs(args);
  await requireRead(ctx, organizationId, spec.rule);
  return spec.where(organizationId, args, ctx);
}

/**
 * The `resolve` and `totalCount` of an organization's list (`Organization.apiKeys`, `customerAccounts`,
 * `webhookEndpoints`, …) that is always newest first, spread into `t.prismaConnection`. Both check the
 * page arguments and the listed type's read rule before they read; the page is core's `newestFirst`,
 * and the count runs alongside the page when `totalCount` is selected. A list whose callers choose the
 * order (`orderBy`) uses `sortableOrganizationList` (sortable-list.ts) with the same spec plus a sort table.
 */
export function organizationList<Args, Where, Row>(spec: OrganizationListSpec<Args, Where, Row>) {
  const counts = new ConcurrentCount();
  const open = (ctx: Context, organizationId: string, args: Args & PageArgs) =>
    openOrganizationList(spec, ctx, organizationId, args);
  return {
    resolve: async (
      query: object,
      org: { id: string },
      args: NoInfer<Args> & PageArgs,
      ctx: Context,
      info: GraphQLResolveInfo,
    ) => {
      const where = await open(ctx, org.id, args);
      const rows = spec.rows(ctx);
      counts.startIfSelected(args, info, () => Promise.resolve(rows.count({ where })));
      return rows.findMany({ ...query, where, orderBy: newestFirst });
    },
    totalCount: async (org: { id: string }, args: NoInfer<Args> & PageArgs, ctx: Context) => {
      const where = await open(ctx, org.id, args);
      return counts.result(args, () => Promise.resolve(spec.rows(ctx).count({ where })));
    },
  };
}
