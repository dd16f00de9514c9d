import { useCallback, useEffect, useRef } from "react";
import { useUrlState } from "./url-state.ts";

export const pageSizes = [10, 25, 50, 100];

/**
 * Page numbers over Relay cursors, for MUI's data grid in server mode: page n starts after the
 * `endCursor` of page n-1, remembered as pages load. The page size (`size`), the page number (`page`,
 * from 1) and the cursor the page starts after (`after`) live in the URL, so a reload shows the same
 * page and Back returns to the page before (each page change is a history entry). A change of filters,
 * order or page size starts over at page one. After a reload the cursors of earlier pages are unknown:
 * "previous" then goes back to the first page (Back in the browser still walks the pages one by one).
 */
export function useCursorPages(filterKey: string) {
  const url = useUrlState();
  const requested = Number(url.get("size"));
  const pageSize = pageSizes.includes(requested) ? requested : 25;
  const urlAfter = url.get("after") || null;
  // `page` counts from 1 in the URL, from 0 in the grid; a page with a cursor is at least the second.
  const urlPage = urlAfter ? Math.max(2, Math.trunc(Number(url.get("page"))) || 2) - 1 : 0;
  const cursors = useRef<Record<number, string | null>>({ 0: null });
  if (urlAfter) cursors.current[urlPage] = urlAfter;

  const resetKey = `${filterKey}|${pageSize}`;
  const lastKey = useRef(resetKey);
  const current = lastKey.current === resetKey;
  useEffect(() => {
    if (lastKey.current === resetKey) return;
    lastKey.current = resetKey;
    cursors.current = { 0: null };
    url.set({ page: undefined, after: undefined });
  }, [resetKey, url]);

  const page = current ? urlPage : 0;

  /** Call with each loaded page's endCursor, so the next page can start after it. */
  const remember = useCallback(
    (endCursor: string | null | undefined) => {
      if (endCursor) cursors.current[page + 1] = endCursor;
    },
    [page],
  );

  const goTo = useCallback(
    (target: number) => {
      const after = cursors.current[target];
      if (target === 0 || !after) url.set({ page: undefined, after: undefined }, { push: true });
      else url.set({ page: target + 1, after }, { push: true });
    },
    [url],
  );

  const onPaginationModelChange = useCallback(
    (model: { page: number; pageSize: number }) => {
      if (model.pageSize !== pageSize) {
        url.set({ size: model.pageSize === 25 ? "" : model.pageSize, page: undefined, after: undefined });
      } else if (model.page !== page) goTo(model.page);
    },
    [pageSize, page, url, goTo],
  );

  /** Back to the first page, e.g. when the server refuses a cursor from a link made under another order. */
  const restart = useCallback(() => url.set({ page: undefined, after: undefined }), [url]);

  return {
    first: pageSize,
    after: current ? urlAfter : null,
    paginationModel: { page, pageSize },
    onPaginationModelChange,
    remember,
    restart,
  };
}
