import { useCallback, useEffect, useRef, useState } from "react";
import { useUrlState } from "./url-state.ts";

export const pageSizes = [10, 25, 50, 100];

/**
 * Page numbers over Relay cursors, for MUI's data grid in server mode: page n starts after the
 * `endCursor` of page n-1, remembered as pages load. A change of filters or page size starts over at
 * page one. The page size lives in the URL (`size`); the page does not, because a cursor from an
 * older listing would point at rows that have since moved.
 */
export function useCursorPages(filterKey: string) {
  const url = useUrlState();
  const requested = Number(url.get("size"));
  const pageSize = pageSizes.includes(requested) ? requested : 25;
  const [page, setPage] = useState(0);
  const cursors = useRef<Record<number, string | null>>({ 0: null });

  const resetKey = `${filterKey}|${pageSize}`;
  const lastKey = useRef(resetKey);
  useEffect(() => {
    if (lastKey.current === resetKey) return;
    lastKey.current = resetKey;
    cursors.current = { 0: null };
    setPage(0);
  }, [resetKey]);

  /** Call with each loaded page's endCursor, so the next page can start after it. */
  const remember = useCallback(
    (endCursor: string | null | undefined) => {
      if (endCursor) cursors.current[page + 1] = endCursor;
    },
    [page],
  );

  const onPaginationModelChange = useCallback(
    (model: { page: number; pageSize: number }) => {
      if (model.pageSize !== pageSize) url.set({ size: model.pageSize === 25 ? "" : model.pageSize });
      else if (model.page in cursors.current) setPage(model.page);
    },
    [pageSize, url],
  );

  return {
    first: pageSize,
    after: lastKey.current === resetKey ? (cursors.current[page] ?? null) : null,
    paginationModel: { page: lastKey.current === resetKey ? page : 0, pageSize },
    onPaginationModelChange,
    remember,
  };
}
