import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { SnackbarProvider } from "notistack";
import { createClient, fetchExchange, Provider } from "urql";
import { describe, expect, it, vi } from "vitest";
import type { CustomerAccountRow } from "./documents.ts";
import EditRateLimitsDialog from "./EditRateLimitsDialog.tsx";

const account: CustomerAccountRow = {
  id: "Q3VzdG9tZXJBY2NvdW50OjE",
  name: "Northwind",
  status: "ACTIVE",
  token: "tat_0PqRsTuVwXyZ12ui2T",
  createdAt: "2026-11-30T10:00:00.000Z",
  rateLimits: [{ name: "hourly", limit: 2, durationMs: 3_600_000, autoApply: true }],
};

/** The dialog against a server that accepts every change, recording the inputs it was sent. */
function renderDialog() {
  const sent: unknown[] = [];
  const onClose = vi.fn();
  const client = createClient({
    url: "http://console.test/graphql",
    exchanges: [fetchExchange],
    fetch: async (_url, init) => {
      const { variables } = JSON.parse(String(init?.body));
      sent.push(variables.input);
      const customerAccount = { ...account, __typename: "CustomerAccount", rateLimits: variables.input.rateLimits };
      return new Response(
        JSON.stringify({
          data: { updateCustomerAccount: { __typename: "UpdateCustomerAccountPayload", customerAccount } },
        }),
        { headers: { "content-type": "application/json" } },
      );
    },
  });
  render(
    <Provider value={client}>
      <SnackbarProvider>
        <EditRateLimitsDialog account={account} onClose={onClose} />
      </SnackbarProvider>
    </Provider>,
  );
  return { sent, onClose, dialog: within(screen.getByRole("dialog", { name: 'Edit "Northwind"' })) };
}

describe("EditRateLimitsDialog", () => {
  it("starts from the saved limits and saves only a change", async () => {
    const { sent, onClose, dialog } = renderDialog();
    const save = dialog.getByRole("button", { name: "Save limits" }) as HTMLButtonElement;
    const limit = dialog.getByLabelText("Limit") as HTMLInputElement;
    expect(limit.value).toBe("2");
    expect(save.disabled).toBe(true);
    await userEvent.clear(limit);
    await userEvent.type(limit, "5");
    await userEvent.click(save);
    expect(await screen.findByText('Rate limits of "Northwind" saved.')).toBeTruthy();
    expect(sent).toEqual([
      { id: account.id, rateLimits: [{ name: "hourly", limit: 5, durationMs: 3_600_000, autoApply: true }] },
    ]);
    expect(onClose).toHaveBeenCalled();
  });

  it("keeps Save off while a limit is one the server would refuse", async () => {
    const { dialog } = renderDialog();
    await userEvent.clear(dialog.getByLabelText("Window (s)"));
    await userEvent.type(dialog.getByLabelText("Window (s)"), "0");
    expect(dialog.getByRole("alert").textContent).toMatch(/"hourly" needs a duration in whole seconds from 1 s/);
    expect((dialog.getByRole("button", { name: "Save limits" }) as HTMLButtonElement).disabled).toBe(true);
  });

  it("removing every limit makes the account unlimited (an empty list)", async () => {
    const { sent, dialog } = renderDialog();
    await userEvent.click(dialog.getByRole("button", { name: "Remove rate limit hourly" }));
    expect(dialog.getByText("No rate limits: the account is unlimited.")).toBeTruthy();
    await userEvent.click(dialog.getByRole("button", { name: "Save limits" }));
    expect(await screen.findByText('"Northwind" is now unlimited.')).toBeTruthy();
    expect(sent).toEqual([{ id: account.id, rateLimits: [] }]);
  });
});
