// The decoders live in @tessera/core (framework-free, for both doors); this checks them against the
// ids Pothos' relay plugin writes and reads, so the two formats cannot drift apart.
import { decodeGlobalID, encodeGlobalID } from "@pothos/plugin-relay";
import { decodeAnyId, decodeOptionalTargetId, decodeTargetId, encodeId, NotFoundError } from "@tessera/core";
import { describe, expect, it } from "vitest";

const id = "7d0f6c5e-0000-4000-8000-000000000000";

describe("the global id decoder", () => {
  it("returns the database id of the expected type", () => {
    expect(decodeTargetId(encodeGlobalID("Resource", id), "Resource", "gone")).toBe(id);
    expect(decodeAnyId(encodeGlobalID("ApiKey", id))).toEqual({ typename: "ApiKey", id });
  });

  it("encodes exactly as the relay plugin does, so node(id:) reads the ids the REST door hands out", () => {
    expect(encodeId("ApiKey", id)).toBe(encodeGlobalID("ApiKey", id));
    expect(decodeGlobalID(encodeId("CustomerAccount", id))).toEqual({ typename: "CustomerAccount", id });
  });

  it("answers a wrong type, a raw uuid, garbage or a non-uuid id as not found, never with a placeholder", () => {
    for (const bad of [
      encodeGlobalID("CustomerAccount", id),
      id,
      "%%%not base64%%%",
      "",
      encodeGlobalID("Resource", "1"),
    ]) {
      expect(() => decodeTargetId(bad, "Resource", "Resource not found.")).toThrow(NotFoundError);
    }
    expect(decodeAnyId(encodeGlobalID("Resource", "1 OR 1=1"))).toBeNull();
  });

  it("keeps an absent optional id absent", () => {
    expect(decodeOptionalTargetId(null, "Resource", "gone")).toBeNull();
    expect(decodeOptionalTargetId(undefined, "Resource", "gone")).toBeNull();
    expect(() => decodeOptionalTargetId("junk", "Resource", "gone")).toThrow(NotFoundError);
  });
});
