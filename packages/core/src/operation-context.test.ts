import { describe, expect, it } from "vitest";
import { UnauthenticatedError } from "./errors.ts";
import { requireActor } from "./operation-context.ts";

describe("requireActor", () => {
  it("names the member or key, and refuses anonymous callers", () => {
    expect(requireActor({ kind: "user", userId: "u1", email: "a@example.test", sessionId: "s1" })).toEqual({
      kind: "user",
      userId: "u1",
      label: "a@example.test",
    });
    expect(() => requireActor({ kind: "anonymous" })).toThrow(UnauthenticatedError);
  });
});
