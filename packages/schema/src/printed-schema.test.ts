import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { printedSchema, schemaFilePath } from "./printed-schema.ts";

describe("schema.graphql", () => {
  it("matches the schema the code builds (run `pnpm schema:print` after changing it)", () => {
    expect(readFileSync(schemaFilePath, "utf8")).toBe(printedSchema());
  });
});
