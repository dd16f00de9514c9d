import { Paper } from "@mui/material";
import { DataGrid, type DataGridProps, type GridSortModel, type GridValidRowModel } from "@mui/x-data-grid";
import { pageSizes, type useCursorPages } from "./cursor-pagination.ts";

type Props<Row extends GridValidRowModel> = Pick<
  DataGridProps<Row>,
  "rows" | "columns" | "loading" | "getRowHeight" | "onRowClick"
> & {
  /** The grid's accessible name. */
  label: string;
  /** Matching items on all pages (the connection's `totalCount`). */
  totalCount: number;
  /** What an empty page says. */
  emptyLabel: string;
  pages: ReturnType<typeof useCursorPages>;
  /** Extra styles for the grid (merged with the defaults). */
  sx?: Record<string, unknown>;
  /** The server order, for lists the API sorts (`useUrlSort`); columns without `sortable: false` sort. */
  sorting?: { sortModel: GridSortModel; onSortModelChange: (model: GridSortModel) => void };
};

/**
 * The one way the console shows a server-paged list: pages, filters and order come from the API, so
 * the grid's own filtering is off and its sorting asks the server (the grid marks the sorted column's
 * header with `aria-sort`); the page size is one of the API's allowed sizes.
 */
export function ServerDataGrid<Row extends GridValidRowModel>({
  label,
  totalCount,
  emptyLabel,
  pages,
  sx,
  sorting,
  ...grid
}: Props<Row>) {
  return (
    <Paper variant="outlined">
      <DataGrid
        {...grid}
        aria-label={label}
        rowCount={totalCount}
        paginationMode="server"
        filterMode="server"
        sortingMode="server"
        sortModel={sorting?.sortModel ?? []}
        onSortModelChange={sorting?.onSortModelChange}
        sortingOrder={["asc", "desc"]}
        disableColumnSorting={!sorting}
        pageSizeOptions={pageSizes}
        paginationModel={pages.paginationModel}
        onPaginationModelChange={pages.onPaginationModelChange}
        disableRowSelectionOnClick
        disableColumnFilter
        localeText={{ noRowsLabel: emptyLabel }}
        sx={{ border: 0, minHeight: 300, ...sx }}
      />
    </Paper>
  );
}
