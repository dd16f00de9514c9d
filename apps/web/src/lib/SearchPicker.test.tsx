import { act, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { describe, expect, it, vi } from "vitest";
import { type PickerOption, SearchPicker, useSearchText } from "./SearchPicker.tsx";

/** The picker with a fake server: `answer` gives the options for a search, `loading` stands for a search in flight. */
function Harness(props: {
  answer: (search: string) => PickerOption[];
  loading?: boolean;
  onSearch?: (s: string) => void;
}) {
  const text = useSearchText();
  const [value, setValue] = useState<PickerOption | null>(null);
  props.onSearch?.(text.search);
  return (
    <SearchPicker
      label="Created by member"
      noun="member"
      value={value}
      onChange={setValue}
      options={props.answer(text.search)}
      loading={props.loading ?? false}
      text={text}
    />
  );
}

const ada = { id: "u1", label: "Ada Lovelace", detail: "ada@acme.test · admin" };

describe("SearchPicker", () => {
  it("searches once typing pauses, with the trimmed text, and says when nothing matches", async () => {
    const searches = vi.fn();
    render(<Harness answer={(s) => (s === "" || s === "ada" ? [ada] : [])} onSearch={searches} />);
    await userEvent.type(screen.getByRole("combobox", { name: "Created by member" }), "  zed ");
    expect(await screen.findByText("No member matches “zed”.")).toBeTruthy();
    expect(searches).toHaveBeenLastCalledWith("zed");
    expect(searches).not.toHaveBeenCalledWith("z");
  }, 10_000);

  it("offers what the server found, with its detail, and picking one fills the box", async () => {
    render(<Harness answer={() => [ada]} />);
    const box = screen.getByRole("combobox", { name: "Created by member" });
    await userEvent.type(box, "ada");
    await userEvent.click(await screen.findByText("ada@acme.test · admin"));
    expect((box as HTMLInputElement).value).toBe("Ada Lovelace");
  });

  it("shows a spinner and 'Searching…' while a search runs", async () => {
    render(<Harness answer={() => []} loading />);
    await act(() => userEvent.click(screen.getByRole("combobox", { name: "Created by member" })));
    expect(screen.getByLabelText("Searching members")).toBeTruthy();
    expect(screen.getByText("Searching…")).toBeTruthy();
  });
});
