import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { LimitsCell } from "./LimitsCell.tsx";

describe("LimitsCell", () => {
  it("says an account without limits is unlimited", () => {
    render(<LimitsCell limits={[]} />);
    expect(screen.getByText("Unlimited")).toBeTruthy();
  });

  it("counts the limits and lists each one's name, limit and window in its tooltip", async () => {
    render(
      <LimitsCell
        limits={[
          { name: "hourly", limit: 2, durationMs: 3_600_000, autoApply: true },
          { name: "export", limit: 10, durationMs: 90_000, autoApply: false },
        ]}
      />,
    );
    expect(screen.getByText("2 limits")).toBeTruthy();
    await userEvent.hover(screen.getByText("2 limits"));
    const tooltip = await screen.findByRole("tooltip");
    expect(Array.from(tooltip.querySelectorAll("li"), (li) => li.textContent)).toEqual([
      "hourly: 2 per hour (always)",
      "export: 10 per 90 seconds",
    ]);
  });
});
