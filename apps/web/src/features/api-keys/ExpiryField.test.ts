import dayjs from "dayjs";
import { describe, expect, it } from "vitest";
import { expiresAtOf } from "./ExpiryField.tsx";

const now = dayjs("2026-03-10T12:00:00Z");

describe("expiresAtOf", () => {
  it("leaves the 12-month default to the server", () => {
    expect(expiresAtOf({ preset: "12m", date: null }, now)).toBeNull();
  });

  it("turns presets into moments from now", () => {
    expect(expiresAtOf({ preset: "30d", date: null }, now)).toBe("2026-04-09T12:00:00.000Z");
    expect(expiresAtOf({ preset: "6m", date: null }, now)).toBe("2026-09-10T12:00:00.000Z");
  });

  it("lets a chosen date run to its end", () => {
    const date = dayjs("2026-05-01T00:00:00");
    expect(expiresAtOf({ preset: "date", date }, now)).toBe(date.endOf("day").toISOString());
  });
});
