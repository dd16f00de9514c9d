import { useCallback, useEffect, useState } from "react";
import { useSearchParams } from "react-router";
import { useDebounced } from "./useDebounced.ts";

/**
 * Filters live in the URL so a link (or a reload) shows the same view. Setting a value to "" or an
 * empty list removes it; changes replace the history entry (typing stays out of the history) unless
 * `push` is asked for, as moving to another page does, so Back returns to the page before.
 */
export function useUrlState() {
  const [params, setParams] = useSearchParams();
  const get = useCallback((name: string) => params.get(name) ?? "", [params]);
  const getList = useCallback((name: string) => (params.get(name) ?? "").split(",").filter(Boolean), [params]);
  const set = useCallback(
    (changes: Record<string, string | string[] | number | undefined>, options: { push?: boolean } = {}) => {
      setParams(
        () => {
          // The address bar, not the router's `current`: React Router hands the updater the parameters
          // of the last render, so two changes before a re-render (pick a creator, then a date) would
          // lose the first. BrowserRouter writes the address synchronously, so this is always the latest.
          const next = new URLSearchParams(window.location.search);
          for (const [name, value] of Object.entries(changes)) {
            const text = Array.isArray(value) ? value.join(",") : value === undefined ? "" : String(value);
            if (text) next.set(name, text);
            else next.delete(name);
          }
          return next;
        },
        { replace: !options.push },
      );
    },
    [setParams],
  );
  return { get, getList, set };
}

/**
 * A search box kept in the URL parameter `name`: the box updates as typed, the URL (and so the query)
 * once typing pauses for 300 ms.
 */
export function useUrlSearch(name = "q") {
  const url = useUrlState();
  const [text, setText] = useState(url.get(name));
  const settled = useDebounced(text, 300);
  useEffect(() => {
    if (settled !== url.get(name)) url.set({ [name]: settled });
  }, [settled, url, name]);
  return [text, setText] as const;
}
