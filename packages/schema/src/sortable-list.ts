import { queryFromInfo } from "@pothos/plugin-prisma";
import {
  afterCursorWhere,
  decodeListCursor,
  encodeListCursor,
  type ListOrder,
  listOrderBy,
  type SortableFields,
  sortSelection,
} from "@tessera/core";
import { GraphQLError, type GraphQLResolveInfo, getNamedType, isObjectType } from "graphql";
import { builder } from "./builder.ts";
import type { Context } from "./context.ts";
import type { OrganizationListSpec } from "./organization-list.ts";
import { openOrganizationList } from "./organization-list.ts";
import { type assertPageArgs, defaultPageSize } from "./pagination.ts";

type PageArgs = Parameters<typeof assertPageArgs>[0] & { after?: string | null };
type OrderArgs = { orderBy?: ListOrder | null };

/** The reads a sortable list makes of its table (a Prisma model delegate). */
type SortedRows<Where, Row> = {
  findMany(args: { where: Where; orderBy: never; take: number }): PromiseLike<Row[]>;
  count(args: { where: Where }): PromiseLike<number>;
};

export const OrderDirectionEnum = builder.enumType("OrderDirection", {
  description: "Which way a list is sorted. Ties are always broken by id, ascending, so pages never overlap.",
  values: {
    ASC: { description: "Smallest first: A to Z, oldest first." },
    DESC: { description: "Largest first: Z to A, newest first." },
  } as const,
});

/**
 * The `orderBy` input of one list (`ApiKeyOrder`, …) and its field enum (`ApiKeyOrderField`), from the
 * list's core sort table and a description of each field.
 */
export function orderInput<Field extends string>(name: string, noun: string, fields: Record<Field, string>) {
  const fieldEnum = builder.enumType(`${name}Field`, {
    description: `What ${noun} can be sorted by.`,
    values: Object.fromEntries(
      Object.entries(fields).map(([value, description]) => [value, { description }]),
    ) as Record<Field, { description: string }>,
  });
  return builder.inputType(name, {
    description: `How to sort ${noun}: a field and a direction; the id breaks ties. Cursors belong to the order that made them.`,
    fields: (t) => ({
      field: t.field({ type: fieldEnum, required: true, description: "The field to sort by." }),
      direction: t.field({
        type: OrderDirectionEnum,
        required: true,
        defaultValue: "ASC",
        description: "ASC (default) or DESC.",
      }),
    }),
  });
}

/** True when the connection selects nothing but `totalCount` (and `__typename`): no page is read. */
function selectsOnlyTotalCount(info: GraphQLResolveInfo): boolean {
  const type = getNamedType(info.returnType);
  const fields = isObjectType(type) ? type.getFields() : {};
  return info.fieldNodes.every((node) =>
    (node.selectionSet?.selections ?? []).every(
      (s) =>
        s.kind === "Field" &&
        (s.name.value === "__typename" || Boolean(fields[s.name.value]?.extensions?.pothosPrismaTotalCount)),
    ),
  );
}

function selectsTotalCount(info: GraphQLResolveInfo): boolean {
  return info.fieldNodes.some((node) =>
    (node.selectionSet?.selections ?? []).some((s) => s.kind !== "Field" || s.name.value === "totalCount"),
  );
}

/**
 * The `resolve` of an organization list the caller may sort (`orderBy`), spread into `t.connection`:
 * the read rule and page checks of `organizationList`, then keyset pagination under the chosen order
 * (core's sort table), with cursors that carry the order and the row's sort values. A cursor made under
 * another order is a BAD_USER_INPUT error rather than a page that skips or repeats rows. The count runs
 * beside the page when `totalCount` is selected.
 */
export function sortableOrganizationList<Args, Where, Row>(
  spec: OrganizationListSpec<Args, Where, Row> & {
    /** The listed type's name, e.g. `ApiKey`, for Pothos' nested-selection planning. */
    typeName: string;
    /** The list's sort table from core (`apiKeySortFields`, …). */
    sort: SortableFields;
    /** The order when the caller gives none. */
    defaultOrder: ListOrder;
  },
) {
  const rowsOf = spec.rows as unknown as (ctx: Context) => SortedRows<Where, Row>;
  return {
    resolve: async (
      org: { id: string },
      args: NoInfer<Args> & PageArgs & OrderArgs,
      ctx: Context,
      info: GraphQLResolveInfo,
    ) => {
      const where: Where = await openOrganizationList(spec, ctx, org.id, args);
      const order = args.orderBy ?? spec.defaultOrder;
      let pageWhere = where;
      if (args.after != null) {
        const decoded = decodeListCursor(spec.sort, order, args.after);
        if (!decoded.ok)
          throw new GraphQLError(decoded.message, { extensions: { code: "BAD_USER_INPUT", argument: "after" } });
        pageWhere = { AND: [where, afterCursorWhere(spec.sort, order, decoded.cursor)] } as Where;
      }
      const rows = rowsOf(ctx);
      const count = selectsTotalCount(info) ? Promise.resolve(rows.count({ where })) : null;
      // Observed here so a failing page query cannot leave the count as an unhandled rejection.
      count?.catch(() => {});
      const totalCount = () => count ?? rows.count({ where });
      const take = args.first ?? defaultPageSize;
      let found: Row[] = [];
      if (!selectsOnlyTotalCount(info)) {
        const query = await queryFromInfo({
          context: ctx,
          info,
          typeName: spec.typeName,
          select: sortSelection(spec.sort),
          paths: [["nodes"], ["edges", "node"]],
          awaitSelections: true,
        });
        found = await rows.findMany({
          ...query,
          where: pageWhere,
          orderBy: listOrderBy(spec.sort, order) as never,
          take: take + 1,
        });
      }
      const edges = found
        .slice(0, take)
        .map((node) => ({ cursor: encodeListCursor(spec.sort, order, node as Record<string, unknown>), node }));
      return {
        totalCount,
        edges,
        pageInfo: {
          hasNextPage: found.length > take,
          hasPreviousPage: args.after != null,
          startCursor: edges[0]?.cursor ?? null,
          endCursor: edges.at(-1)?.cursor ?? null,
        },
      };
    },
  };
}
