import { describe, expect, it } from "vitest";
import { changeText } from "./change-text.ts";

describe("changeText", () => {
  it("says nothing and empty lists plainly, and joins names", () => {
    expect(changeText(null)).toBe("—");
    expect(changeText("")).toBe("—");
    expect(changeText([])).toBe("none");
    expect(changeText(["app.example.com", "?"])).toBe("app.example.com, ?");
    expect(changeText(42)).toBe("42");
    expect(changeText(false)).toBe("false");
  });

  it("reads records as field: value pairs, nested ones in parentheses, a list of them one per line", () => {
    expect(changeText({ remaining: 500, refill: { amount: 1000, interval: "MONTHLY", dayOfMonth: 1 } })).toBe(
      "remaining: 500, refill: (amount: 1000, interval: MONTHLY, dayOfMonth: 1)",
    );
    expect(changeText({ remaining: 5, refill: null })).toBe("remaining: 5, refill: none");
    expect(
      changeText([
        { name: "requests", limit: 100 },
        { name: "bulk_export", limit: 2 },
      ]),
    ).toBe("name: requests, limit: 100\nname: bulk_export, limit: 2");
  });
});
