import { describe, expect, it } from "vitest";
import { apiKeySortFields } from "./api-keys/list.ts";
import { cursorOf, decodeListCursor, encodeListCursor, listOrderBy } from "./list-order.ts";

const id = "7f0c7a3e-2a3c-4b0e-9d4e-1d2f3a4b5c6d";
const row = { id, name: "alpha", createdAt: new Date("2026-01-01T00:00:00Z"), lastUsedAt: null };

describe("list orders and their cursors", () => {
  it("orders by the field's columns, then the id ascending; nulls where the field says", () => {
    expect(listOrderBy(apiKeySortFields, { field: "NAME", direction: "DESC" })).toEqual([
      { name: "desc" },
      { id: "asc" },
    ]);
    for (const direction of ["ASC", "DESC"] as const) {
      expect(listOrderBy(apiKeySortFields, { field: "LAST_USED_AT", direction })[0]).toEqual({
        lastUsedAt: { sort: direction === "ASC" ? "asc" : "desc", nulls: "last" },
      });
    }
    expect(listOrderBy(apiKeySortFields, { field: "STATUS", direction: "ASC" })).toEqual([
      { revokedAt: { sort: "asc", nulls: "first" } },
      { expiresAt: "desc" },
      { id: "asc" },
    ]);
    expect(listOrderBy(apiKeySortFields, { field: "STATUS", direction: "DESC" })[0]).toEqual({
      revokedAt: { sort: "desc", nulls: "last" },
    });
  });

  it("a cursor round-trips under its own order and is refused under any other", () => {
    const order = { field: "LAST_USED_AT", direction: "DESC" } as const;
    const text = encodeListCursor(apiKeySortFields, order, row);
    expect(decodeListCursor(apiKeySortFields, order, text)).toEqual({
      ok: true,
      cursor: cursorOf(apiKeySortFields, order, row),
    });
    const other = decodeListCursor(apiKeySortFields, { field: "LAST_USED_AT", direction: "ASC" }, text);
    expect(other).toMatchObject({ ok: false });
    expect(other.ok ? "" : other.message).toContain("sorted by LAST_USED_AT DESC");
  });

  it("refuses what it did not make: garbage, a wrong width, a null for a required column, a bad date", () => {
    const order = { field: "CREATED_AT", direction: "DESC" } as const;
    const forge = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");
    for (const text of [
      "%%%",
      forge({ order: "CREATED_AT:DESC", values: [], id }),
      forge({ order: "CREATED_AT:DESC", values: [null], id }),
      forge({ order: "CREATED_AT:DESC", values: ["yesterday"], id }),
      forge({ order: "CREATED_AT:DESC", values: ["2026-01-01T00:00:00.000Z"], id: "1 OR 1=1" }),
    ]) {
      expect(decodeListCursor(apiKeySortFields, order, text).ok, text).toBe(false);
    }
  });
});
