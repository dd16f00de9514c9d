import { render, screen, within } from "@testing-library/react";
import { MemoryRouter } from "react-router";
import { describe, expect, it } from "vitest";
import { ExpiringKeys } from "./ExpiringKeys.tsx";

const now = new Date("2026-12-01T12:00:00Z");
const before = "2026-12-31";
const keys = Array.from({ length: 8 }, (_, i) => ({
  id: `k${i}`,
  name: `Key ${i}`,
  expiresAt: new Date(now.getTime() + (i + 1) * 86_400_000 + 3_600_000).toISOString(),
}));

const show = (props: Partial<Parameters<typeof ExpiringKeys>[0]>) =>
  render(
    <MemoryRouter>
      <ExpiringKeys keys={keys} totalCount={12} before={before} canManage now={now} {...props} />
    </MemoryRouter>,
  );

describe("ExpiringKeys", () => {
  it("says how many keys the server counts, lists the soonest it sent with Renew, and links to all of them", () => {
    show({});
    expect(screen.getByText("12 keys expire in the next 30 days; the 8 soonest:")).toBeTruthy();
    const rows = within(screen.getByRole("table", { name: "Keys expiring in the next 30 days" })).getAllByRole("row");
    expect(rows).toHaveLength(9);
    expect(within(rows[1] as HTMLElement).getByRole("link").textContent).toBe("Key 0");
    expect(rows[1]?.textContent).toContain("(1 day)");
    expect(screen.getAllByRole("button", { name: /^Renew Key / })).toHaveLength(8);
    const all = screen.getByRole("link", { name: "See all 12 in API Keys" });
    expect(all.getAttribute("href")).toBe("/keys?status=EXPIRING&expiresBefore=2026-12-31&sort=EXPIRES_AT");
  });

  it("says when nothing expires, and shows no Renew to those who may not renew", () => {
    const { unmount } = show({ keys: [], totalCount: 0 });
    expect(screen.getByText("No key expires in the next 30 days.")).toBeTruthy();
    unmount();
    show({ keys: keys.slice(0, 1), totalCount: 1, canManage: false });
    expect(screen.getByText("1 key expires in the next 30 days.")).toBeTruthy();
    expect(screen.queryByRole("button", { name: /Renew/ })).toBeNull();
    expect(screen.getByRole("link", { name: "See it in API Keys" })).toBeTruthy();
  });
});
