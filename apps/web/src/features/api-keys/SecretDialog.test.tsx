import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { SnackbarProvider } from "notistack";
import { describe, expect, it, vi } from "vitest";
import { SecretDialog } from "./SecretDialog.tsx";

const secret = "tsr_0123456789abcdefghijklmnopqrstuv_1a2b3c";

function show(onClose = vi.fn()) {
  render(
    <SnackbarProvider>
      <SecretDialog name="Billing sync" secret={secret} onClose={onClose} />
    </SnackbarProvider>,
  );
  return onClose;
}

describe("SecretDialog", () => {
  it("shows the secret with a warning that it will not be shown again", () => {
    show();
    expect(screen.getByLabelText("API key secret").textContent).toBe(secret);
    expect(screen.getByText(/It will not be shown again/)).toBeTruthy();
  });

  it("asks before closing when the secret was not copied", async () => {
    const onClose = show();
    await userEvent.click(screen.getByRole("button", { name: "Close" }));
    expect(onClose).not.toHaveBeenCalled();
    expect(screen.getByText(/You have not copied the secret/)).toBeTruthy();
    await userEvent.click(screen.getByRole("button", { name: "Close anyway" }));
    expect(onClose).toHaveBeenCalledOnce();
  });

  it("closes at once after copying", async () => {
    const onClose = show();
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "Copy secret" }));
    expect(await navigator.clipboard.readText()).toBe(secret);
    await user.click(await screen.findByRole("button", { name: "Done" }));
    expect(onClose).toHaveBeenCalledOnce();
  });
});
