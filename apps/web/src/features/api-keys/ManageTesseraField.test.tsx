import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { describe, expect, it } from "vitest";
import { ManageTesseraField } from "./ManageTesseraField.tsx";

const options = [
  { name: "keys:read", description: "List and read API keys (never their secrets)." },
  { name: "keys:write", description: "Create, edit, renew, revoke and delete API keys." },
  { name: "accounts:write", description: "Create customer accounts, change their status and rotate their tokens." },
];

function Harness({ keyRole, initial = [] as string[] }: { keyRole: "EDITOR" | "VIEWER"; initial?: string[] }) {
  const [chosen, setChosen] = useState(initial);
  return (
    <>
      <ManageTesseraField options={options} role={keyRole} chosen={chosen} onChange={setChosen} />
      <output data-testid="value">{chosen.join("|")}</output>
    </>
  );
}

describe("ManageTesseraField", () => {
  it("grants nothing by default and warns plainly when a write scope is chosen", async () => {
    render(<Harness keyRole="EDITOR" />);
    expect(screen.getByTestId("value").textContent).toBe("");
    expect(screen.queryByRole("alert")).toBeNull();
    await userEvent.click(screen.getByRole("checkbox", { name: /keys:write/ }));
    expect(screen.getByTestId("value").textContent).toBe("keys:write");
    expect(screen.getByRole("alert").textContent).toMatch(/Anyone holding this key can change Tessera itself/);
    expect(screen.getByRole("alert").textContent).toMatch(/revoke and delete API keys/);
  });

  it("reads need no warning", async () => {
    render(<Harness keyRole="EDITOR" />);
    await userEvent.click(screen.getByRole("checkbox", { name: /keys:read/ }));
    expect(screen.getByTestId("value").textContent).toBe("keys:read");
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("disables write scopes for a Viewer key, saying why", () => {
    render(<Harness keyRole="VIEWER" />);
    const write = screen.getByRole("checkbox", { name: /keys:write/ }) as HTMLInputElement;
    expect(write.disabled).toBe(true);
    expect((screen.getByRole("checkbox", { name: /keys:read/ }) as HTMLInputElement).disabled).toBe(false);
    expect(screen.getAllByText("A Viewer key can only read: make the key an Editor to grant this.")).toHaveLength(2);
  });
});
