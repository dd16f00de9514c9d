import type { GridSortModel } from "@mui/x-data-grid";
import { useCallback, useMemo } from "react";
import { useUrlState } from "./url-state.ts";

export type Order<Field extends string> = { field: Field; direction: "ASC" | "DESC" };

/**
 * A list's order in the URL (`sort`, `dir`), for the API's `orderBy` and MUI's sort model: `columns`
 * maps each sortable grid column to the API's order field. No `sort` in the URL means the API's
 * default order (newest first), shown as no sorted column.
 */
export function useUrlSort<Field extends string>(columns: Readonly<Record<string, Field>>) {
  const url = useUrlState();
  const field = url.get("sort");
  const direction = url.get("dir") === "DESC" ? "DESC" : "ASC";
  const column = Object.keys(columns).find((c) => columns[c] === field);
  const orderBy: Order<Field> | null = column ? { field: field as Field, direction } : null;

  const sortModel = useMemo<GridSortModel>(
    () => (column ? [{ field: column, sort: direction === "ASC" ? "asc" : "desc" }] : []),
    [column, direction],
  );
  const onSortModelChange = useCallback(
    (model: GridSortModel) => {
      const next = model[0];
      const target = next?.field ? columns[next.field] : undefined;
      url.set({ sort: target, dir: target && next?.sort === "desc" ? "DESC" : undefined });
    },
    [columns, url],
  );
  return { orderBy, sortModel, onSortModelChange };
}
