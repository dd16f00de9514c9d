import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { describe, expect, it } from "vitest";
import { OriginsField } from "./OriginsField.tsx";

function Harness({ initial = [] as string[] }) {
  const [origins, setOrigins] = useState(initial);
  return (
    <>
      <OriginsField value={origins} onChange={setOrigins} />
      <output data-testid="value">{origins.join("|")}</output>
    </>
  );
}

describe("OriginsField", () => {
  it("adds host, *.host and ? as chips, lower-cased", async () => {
    render(<Harness />);
    const input = screen.getByLabelText("Allowed origins");
    await userEvent.type(input, "App.Example.com{Enter}*.example.org,?{Enter}");
    expect(screen.getByTestId("value").textContent).toBe("app.example.com|*.example.org|?");
  });

  it("explains a refused origin as it is typed and does not add it", async () => {
    render(<Harness />);
    const input = screen.getByLabelText("Allowed origins");
    await userEvent.type(input, "https://example.com{Enter}");
    expect(screen.getByText(/is not a valid origin/)).toBeTruthy();
    expect(screen.getByTestId("value").textContent).toBe("");
  });

  it("spells out the rules while nothing is wrong", () => {
    render(<Harness />);
    expect(screen.getByText(/\*\.example\.com its subdomains \(not the host itself\)/)).toBeTruthy();
  });
});
