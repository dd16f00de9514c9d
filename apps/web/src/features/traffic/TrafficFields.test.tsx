import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { describe, expect, it } from "vitest";
import { CreditsField, RateLimitsField } from "./TrafficFields.tsx";
import { type CreditsForm, creditsInput, noCredits, type RateLimitRow, rateLimitsInput } from "./traffic.ts";

function Limits({ initial = [] as RateLimitRow[], owner = "key" as "key" | "account" }) {
  const [rows, setRows] = useState(initial);
  return (
    <>
      <RateLimitsField owner={owner} value={rows} onChange={setRows} />
      <output data-testid="value">{JSON.stringify(rateLimitsInput(rows))}</output>
    </>
  );
}

function Credits({ initial = noCredits as CreditsForm }) {
  const [form, setForm] = useState(initial);
  return (
    <>
      <CreditsField value={form} onChange={setForm} />
      <output data-testid="value">{JSON.stringify(creditsInput(form))}</output>
    </>
  );
}

const value = () => JSON.parse(screen.getByTestId("value").textContent ?? "null");

describe("RateLimitsField", () => {
  it("says a key without limits is unlimited, and adds a row with a sensible default", async () => {
    render(<Limits />);
    expect(screen.getByText(/No rate limits/)).toBeTruthy();
    await userEvent.click(screen.getByRole("button", { name: "Add rate limit" }));
    expect(value()).toEqual([{ name: "requests", limit: 100, durationMs: 60_000, autoApply: true }]);
    expect(screen.queryByText(/No rate limits/)).toBeNull();
  });

  it("says an account without limits is unlimited, and that its keys share its limits", () => {
    render(<Limits owner="account" />);
    expect(screen.getByText("No rate limits: the account is unlimited.")).toBeTruthy();
    expect(screen.getByText(/Every key used with this account's token draws on the same limits\./)).toBeTruthy();
  });

  it("edits each row's name, limit, window and auto-apply, and removes a row", async () => {
    render(
      <Limits
        initial={[
          { name: "requests", limit: "100", seconds: "60", autoApply: true },
          { name: "export", limit: "5", seconds: "60", autoApply: true },
        ]}
      />,
    );
    const second = within(screen.getByRole("group", { name: "Rate limit 2" }));
    await userEvent.clear(second.getByLabelText("Name"));
    await userEvent.type(second.getByLabelText("Name"), "bulk_export");
    await userEvent.clear(second.getByLabelText("Limit"));
    await userEvent.type(second.getByLabelText("Limit"), "10");
    await userEvent.clear(second.getByLabelText("Window (s)"));
    await userEvent.type(second.getByLabelText("Window (s)"), "3600");
    await userEvent.click(second.getByLabelText("Always"));
    expect(value()[1]).toEqual({ name: "bulk_export", limit: 10, durationMs: 3_600_000, autoApply: false });
    await userEvent.click(screen.getByRole("button", { name: "Remove rate limit requests" }));
    expect(value()).toEqual([{ name: "bulk_export", limit: 10, durationMs: 3_600_000, autoApply: false }]);
  });

  it("explains a bad name or a repeated one with the server's words", async () => {
    render(<Limits initial={[{ name: "Bulk Export", limit: "1", seconds: "60", autoApply: false }]} />);
    expect(screen.getByRole("alert").textContent).toMatch(/"Bulk Export" is not a valid rate limit name/);
    await userEvent.click(screen.getByRole("button", { name: "Add rate limit" }));
    const first = within(screen.getByRole("group", { name: "Rate limit 1" }));
    await userEvent.clear(first.getByLabelText("Name"));
    await userEvent.type(first.getByLabelText("Name"), "requests");
    expect(screen.getByRole("alert").textContent).toBe('The rate limit "requests" is listed twice.');
  });
});

describe("CreditsField", () => {
  it("is off (unlimited) until switched on, then shows the refill's own fields", async () => {
    render(<Credits />);
    expect(value()).toBeNull();
    expect(screen.queryByLabelText("Remaining credits")).toBeNull();
    await userEvent.click(screen.getByLabelText("Limit usage with credits"));
    expect(value()).toEqual({ remaining: 1000, refill: null });
    expect(screen.queryByLabelText("Refill to")).toBeNull();
    await userEvent.clear(screen.getByLabelText("Remaining credits"));
    await userEvent.type(screen.getByLabelText("Remaining credits"), "500");
    await userEvent.click(screen.getByLabelText("Refill"));
    await userEvent.click(screen.getByRole("option", { name: "Monthly" }));
    await userEvent.clear(screen.getByLabelText("On day"));
    await userEvent.type(screen.getByLabelText("On day"), "15");
    expect(value()).toEqual({ remaining: 500, refill: { amount: 1000, interval: "MONTHLY", dayOfMonth: 15 } });
    await userEvent.click(screen.getByLabelText("Refill"));
    await userEvent.click(screen.getByRole("option", { name: "Daily" }));
    expect(screen.queryByLabelText("On day")).toBeNull();
    expect(value()).toEqual({ remaining: 500, refill: { amount: 1000, interval: "DAILY", dayOfMonth: null } });
  });

  it("refuses a day of the month past 31 with the server's words", () => {
    render(<Credits initial={{ ...noCredits, enabled: true, refill: "MONTHLY", dayOfMonth: "32" }} />);
    expect(screen.getByRole("alert").textContent).toMatch(/day of the month must be 1 to 31/);
  });
});
