import { encodeGlobalID } from "@pothos/plugin-relay";
import { describe, expect, it } from "vitest";
import { databaseIdOf, optionalDatabaseIdOf } from "./global-id.ts";

const id = "0b7c4a4e-8f2d-4c3a-9a51-2d7f0e6b1c9a";

describe("databaseIdOf", () => {
  it("returns the id inside a global id of the expected type", () => {
    expect(databaseIdOf(encodeGlobalID("Resource", id), "Resource")).toBe(id);
  });

  it("returns an id no row has for another type, a raw UUID or garbage", () => {
    expect(databaseIdOf(encodeGlobalID("CustomerAccount", id), "Resource")).toBe("");
    expect(databaseIdOf(id, "Resource")).toBe("");
    expect(databaseIdOf("%%%not base64%%%", "Resource")).toBe("");
    expect(databaseIdOf("", "Resource")).toBe("");
  });

  it("keeps absent optional ids absent", () => {
    expect(optionalDatabaseIdOf(null, "Resource")).toBeNull();
    expect(optionalDatabaseIdOf(undefined, "Resource")).toBeNull();
    expect(optionalDatabaseIdOf("junk", "Resource")).toBe("");
  });
});
