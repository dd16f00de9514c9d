import { isUuid } from "./ids.ts";

/**
 * The default order of every organization list (keys, accounts, resources, audit events): newest first,
 * the id breaking ties so cursors stay stable. It matches the (organizationId, createdAt DESC, id)
 * indexes. Lists that let the caller choose an order describe it with a `SortableFields` table below.
 */
export const newestFirst: [{ createdAt: "desc" }, { id: "asc" }] = [{ createdAt: "desc" }, { id: "asc" }];

export type SortDirection = "ASC" | "DESC";

/**
 * One column of a sort key, described for the ascending order. `nulls` says where rows without a value go:
 * `"first"`/`"last"` flip with the direction, `"alwaysLast"` stays last both ways (a key never used sorts
 * after every used one, whichever way "last used" is sorted). `values` lists an enum's values in the
 * database's order: Prisma compares enums only by equality, so "after" becomes "one of the later values".
 */
export type SortColumn = {
  column: string;
  type: "string" | "date" | "enum";
  descending?: boolean;
  nulls?: "first" | "last" | "alwaysLast";
  values?: readonly string[];
};

/** The sortable fields of a list: each field name (`NAME`, `CREATED_AT`, …) and its columns, ascending. */
export type SortableFields = Readonly<Record<string, readonly SortColumn[]>>;

/** The order a caller chose: one of the list's fields and a direction. The id always breaks ties, ascending. */
export type ListOrder = { field: string; direction: SortDirection };

type ResolvedColumn = {
  column: string;
  type: SortColumn["type"];
  desc: boolean;
  /** Only a column that declares `nulls` can hold null (Prisma refuses null comparisons on required ones). */
  nullable: boolean;
  nullsFirst: boolean;
  values?: readonly string[];
};

function resolveColumns(fields: SortableFields, order: ListOrder): ResolvedColumn[] {
  const columns = fields[order.field];
  if (!columns) throw new Error(`Unknown sort field ${order.field}.`);
  const reverse = order.direction === "DESC";
  return columns.map((c) => {
    const nulls = c.nulls ?? "last";
    const nullsFirst = nulls === "alwaysLast" ? false : (nulls === "first") !== reverse;
    return {
      column: c.column,
      type: c.type,
      desc: Boolean(c.descending) !== reverse,
      nullable: c.nulls !== undefined,
      nullsFirst,
      values: c.values,
    };
  });
}

type PrismaSort = "asc" | "desc";
type PrismaOrderBy = Record<string, PrismaSort | { sort: PrismaSort; nulls: "first" | "last" }>;

/** The Prisma `orderBy` of an order: its columns, then the id ascending. */
export function listOrderBy(fields: SortableFields, order: ListOrder): PrismaOrderBy[] {
  const orderBy: PrismaOrderBy[] = resolveColumns(fields, order).map((c) => {
    const sort: PrismaSort = c.desc ? "desc" : "asc";
    // Only a nullable column names where its nulls go; Prisma refuses `nulls` on a required one.
    return { [c.column]: c.nullable ? { sort, nulls: c.nullsFirst ? "first" : "last" } : sort };
  });
  orderBy.push({ id: "asc" });
  return orderBy;
}

/** What a cursor holds: the order it was made under, the row's sort values and its id. */
export type ListCursor = { order: string; values: (string | null)[]; id: string };

const orderName = (order: ListOrder) => `${order.field}:${order.direction}`;

/** Where a row sits under an order: its sort values and its id. */
export function cursorOf(fields: SortableFields, order: ListOrder, row: Record<string, unknown>): ListCursor {
  const values = resolveColumns(fields, order).map((c) => {
    const value = row[c.column];
    if (value == null) return null;
    return value instanceof Date ? value.toISOString() : String(value);
  });
  return { order: orderName(order), values, id: String(row.id) };
}

/** A row's cursor under an order: opaque to callers, base64url of the order, the sort values and the id. */
export function encodeListCursor(fields: SortableFields, order: ListOrder, row: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(cursorOf(fields, order, row))).toString("base64url");
}

const notACursor = "`after` is not a cursor of this list: pass an `endCursor` or edge `cursor` it returned.";

export type DecodedCursor = { ok: true; cursor: ListCursor } | { ok: false; message: string };

/**
 * Reads a cursor made by `encodeListCursor` under this very order. A cursor from another order would
 * silently skip or repeat rows, so it is refused with a message saying what to do instead.
 */
export function decodeListCursor(fields: SortableFields, order: ListOrder, text: string): DecodedCursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
  } catch {
    parsed = null;
  }
  const columns = resolveColumns(fields, order);
  const cursor = parsed as Partial<ListCursor> | null;
  if (
    !cursor ||
    typeof cursor !== "object" ||
    typeof cursor.order !== "string" ||
    typeof cursor.id !== "string" ||
    !isUuid(cursor.id) ||
    !Array.isArray(cursor.values) ||
    !cursor.values.every((v) => v === null || typeof v === "string")
  ) {
    return { ok: false, message: notACursor };
  }
  if (cursor.order !== orderName(order)) {
    return {
      ok: false,
      message: `\`after\` is a cursor of this list sorted by ${cursor.order.replace(":", " ")}, not by ${orderName(order).replace(":", " ")}: after changing the order, start again from the first page (without \`after\`).`,
    };
  }
  if (cursor.values.length !== columns.length) {
    return { ok: false, message: notACursor };
  }
  for (const [i, c] of columns.entries()) {
    const value = cursor.values[i];
    if (value == null) {
      if (!c.nullable) return { ok: false, message: notACursor };
      continue;
    }
    if (c.type === "date" && Number.isNaN(Date.parse(value))) {
      return { ok: false, message: notACursor };
    }
    if (c.type === "enum" && !c.values?.includes(value)) {
      return { ok: false, message: notACursor };
    }
  }
  return { ok: true, cursor: cursor as ListCursor };
}

type Where = Record<string, unknown>;

function typed(c: ResolvedColumn, value: string): unknown {
  return c.type === "date" ? new Date(value) : value;
}

/** The rows strictly after `value` in one column, or null when none can be. */
function afterValue(c: ResolvedColumn, value: string | null): Where | null {
  if (value === null) return c.nullable && c.nullsFirst ? { [c.column]: { not: null } } : null;
  let after: Where;
  if (c.type === "enum") {
    const values = c.values ?? [];
    const at = values.indexOf(value);
    const later = c.desc ? values.slice(0, at) : values.slice(at + 1);
    after = { [c.column]: { in: later } };
  } else {
    after = { [c.column]: { [c.desc ? "lt" : "gt"]: typed(c, value) } };
  }
  return !c.nullable || c.nullsFirst ? after : { OR: [after, { [c.column]: null }] };
}

/**
 * The Prisma `where` of the rows after a cursor under its order (keyset pagination): a row follows the
 * cursor when its first differing sort value comes later, or when every value is equal and its id is greater.
 */
export function afterCursorWhere(fields: SortableFields, order: ListOrder, cursor: ListCursor): Where {
  const columns = resolveColumns(fields, order);
  const branches: Where[] = [];
  const equal: Where[] = [];
  for (const [i, c] of columns.entries()) {
    const value = cursor.values[i] ?? null;
    const after = afterValue(c, value);
    if (after) branches.push({ AND: [...equal, after] });
    equal.push({ [c.column]: value === null ? null : typed(c, value) });
  }
  branches.push({ AND: [...equal, { id: { gt: cursor.id } }] });
  return { OR: branches };
}

/** The columns a page must read to build its rows' cursors. */
export function sortSelection(fields: SortableFields): Record<string, true> {
  const selection: Record<string, true> = { id: true };
  for (const columns of Object.values(fields)) for (const c of columns) selection[c.column] = true;
  return selection;
}

/**
 * Every row of `where` under an order, in batches of `batchSize`, each read after the last row of the one
 * before (keyset pagination, like the list's pages): a long read holds one batch in memory, never the list.
 */
export async function* keysetBatches<Row extends Record<string, unknown>>(
  read: (args: { where: Where; orderBy: ReturnType<typeof listOrderBy>; take: number }) => PromiseLike<Row[]>,
  fields: SortableFields,
  order: ListOrder,
  where: Where,
  batchSize: number,
): AsyncGenerator<Row[]> {
  const orderBy = listOrderBy(fields, order);
  let after: ListCursor | null = null;
  for (;;) {
    const pageWhere: Where = after ? { AND: [where, afterCursorWhere(fields, order, after)] } : where;
    const rows = await read({ where: pageWhere, orderBy, take: batchSize });
    if (rows.length > 0) yield rows;
    const last = rows.at(-1);
    if (!last || rows.length < batchSize) return;
    after = cursorOf(fields, order, last);
  }
}
