import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { SnackbarProvider } from "notistack";
import { describe, expect, it } from "vitest";
import { maskToken, TokenCell } from "./TokenCell.tsx";

const token = "tat_0PqRsTuVwXyZ12ui2T";

describe("TokenCell", () => {
  it("masks the middle of a token", () => {
    expect(maskToken(token)).toBe("tat_0P••••••ui2T");
    expect(screen.queryByText(token)).toBeNull();
  });

  it("copies the whole token by keyboard", async () => {
    render(
      <SnackbarProvider>
        <TokenCell name="Northwind" token={token} />
      </SnackbarProvider>,
    );
    const user = userEvent.setup();
    await user.tab();
    expect(document.activeElement).toBe(screen.getByRole("button", { name: "Copy token of Northwind" }));
    await user.keyboard("{Enter}");
    expect(await navigator.clipboard.readText()).toBe(token);
    expect(await screen.findByText("Token of Northwind copied.")).toBeTruthy();
  });

  it("tells members who may not read tokens why there is none", () => {
    render(
      <SnackbarProvider>
        <TokenCell name="Northwind" token={null} />
      </SnackbarProvider>,
    );
    expect(screen.getByText("Visible to owners and admins")).toBeTruthy();
    expect(screen.queryByRole("button")).toBeNull();
  });
});
