import { act, renderHook } from "@testing-library/react";
import type { ReactNode } from "react";
import { BrowserRouter } from "react-router";
import { describe, expect, it } from "vitest";
import { useUrlState } from "./url-state.ts";

describe("useUrlState", () => {
  it("keeps both of two changes made before the page re-renders (a pick, then a date)", () => {
    window.history.replaceState(null, "", "/keys?q=bulk");
    const wrapper = ({ children }: { children: ReactNode }) => <BrowserRouter>{children}</BrowserRouter>;
    const { result } = renderHook(() => useUrlState(), { wrapper });
    act(() => {
      result.current.set({ creator: "VXNlcjox", creatorName: "Ada" });
      result.current.set({ unusedSince: "2026-11-01" });
    });
    expect(window.location.search).toBe("?q=bulk&creator=VXNlcjox&creatorName=Ada&unusedSince=2026-11-01");
    expect(result.current.get("creatorName")).toBe("Ada");
    act(() => result.current.set({ creator: "", creatorName: undefined }));
    expect(window.location.search).toBe("?q=bulk&unusedSince=2026-11-01");
  });
});
