import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { ApiKeyRowMenu } from "./ApiKeyRowMenu.tsx";
import type { ApiKeyRow } from "./documents.ts";

const key = (status: string): ApiKeyRow => ({
  id: "k1",
  name: "Billing sync",
  hint: "tsr_abc…",
  status: status as ApiKeyRow["status"],
  createdAt: "2026-01-01T00:00:00Z",
  expiresAt: "2027-01-01T00:00:00Z",
  apiVersion: "v2",
  lastUsedAt: null,
  createdBy: null,
});

async function openMenu(status: string, canManage: boolean, onOpen = vi.fn()) {
  render(<ApiKeyRowMenu apiKey={key(status)} canManage={canManage} onOpen={onOpen} />);
  await userEvent.click(screen.getByRole("button", { name: "Actions for Billing sync" }));
  return onOpen;
}

describe("ApiKeyRowMenu", () => {
  it("offers only Details to a read-only member: no write control at all", async () => {
    await openMenu("ACTIVE", false);
    expect(screen.getAllByRole("menuitem").map((item) => item.textContent)).toEqual(["Details"]);
  });

  it("offers the whole lifecycle to an admin", async () => {
    const onOpen = await openMenu("ACTIVE", true);
    expect(screen.getAllByRole("menuitem").map((item) => item.textContent)).toEqual([
      "Details",
      "Edit",
      "Renew",
      "Revoke",
      "Delete",
    ]);
    await userEvent.click(screen.getByRole("menuitem", { name: "Revoke" }));
    expect(onOpen).toHaveBeenCalledWith({ kind: "revoke", key: expect.objectContaining({ id: "k1" }) });
  });

  it("disables Renew for revoked and expired keys, saying why", async () => {
    await openMenu("REVOKED", true);
    const renew = screen.getByRole("menuitem", { name: /Renew/ });
    expect(renew.getAttribute("aria-disabled")).toBe("true");
    expect(renew.textContent).toContain("Revoked keys cannot be renewed: create a new key.");
  });
});
