import { describe, expect, it } from "vitest";
import { decodeChange } from "./changes.ts";

describe("decodeChange", () => {
  it("reads back every kind of change other instances announce", () => {
    expect(decodeChange("key:k-1")).toEqual({ kind: "key", id: "k-1" });
    expect(decodeChange("account:a-1")).toEqual({ kind: "account", id: "a-1" });
    expect(decodeChange("organization:o-1")).toEqual({ kind: "organization", id: "o-1" });
    expect(decodeChange("resources")).toEqual({ kind: "resources" });
    expect(decodeChange("created:abc123")).toEqual({ kind: "created", digest: "abc123" });
  });

  it("ignores payloads it does not know", () => {
    for (const payload of [
      "",
      "organization",
      "organization:",
      "created:",
      "scope:s-1",
      "resources:x",
      "__proto__:x",
    ]) {
      expect(decodeChange(payload), payload).toBeNull();
    }
  });
});
