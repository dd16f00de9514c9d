import { describe, expect, it } from "vitest";
import { exportUrl } from "./ExportKeysButton.tsx";
import { dayStart, keyFilterChips, keyFilterFromUrl } from "./key-filter.ts";

/** A URL's query string read the way `useUrlState()` reads it. */
const reader = (query: string) => {
  const params = new URLSearchParams(query);
  return {
    get: (name: string) => params.get(name) ?? "",
    getList: (name: string) => (params.get(name) ?? "").split(",").filter(Boolean),
  };
};

const full =
  "q=sync&status=ACTIVE,BOGUS&version=v2&creator=VXNlcjox&creatorName=Ada+Lovelace&creatorKey=QXBpS2V5OjI%3D" +
  "&creatorKeyName=ci-bot&account=QWNjOjM%3D&accountName=Northwind&resource=UmVzOjQ%3D&resourceName=Truck+7" +
  "&expiresBefore=2027-01-15&unusedSince=2026-11-01";

describe("the key list's filter in the URL", () => {
  it("reads every filter, the picked items by id and the days as their first instant here", () => {
    expect(keyFilterFromUrl(reader(full))).toEqual({
      search: "sync",
      statuses: ["ACTIVE"],
      apiVersion: "v2",
      createdById: "VXNlcjox",
      createdByKeyId: "QXBpS2V5OjI=",
      customerAccountId: "QWNjOjM=",
      resourceId: "UmVzOjQ=",
      expiresBefore: new Date(2027, 0, 15).toISOString(),
      unusedSince: new Date(2026, 10, 1).toISOString(),
    });
  });

  it("an empty URL filters nothing, and a garbled day is ignored rather than sent", () => {
    expect(Object.values(keyFilterFromUrl(reader("")))).toEqual(Array(9).fill(null));
    for (const day of ["2027-02-30", "15/01/2027", "2027-1-5", ""]) expect(dayStart(day), day).toBeNull();
  });

  it("shows one chip per filter in force, with the picked item's name, each clearing its own parameters", () => {
    const chips = keyFilterChips(reader(full));
    expect(chips.map((c) => c.label)).toEqual([
      "Search: sync",
      "Status: Active",
      "API version: v2",
      "Created by: Ada Lovelace",
      "Created by key: ci-bot",
      "Restricted to account: Northwind",
      "Restricted to resource: Truck 7",
      "Expires before 15 Jan 2027",
      "Unused since 1 Nov 2026",
    ]);
    expect(chips.find((c) => c.id === "account")?.clears).toEqual(["account", "accountName"]);
    expect(keyFilterChips(reader("account=QWNjOjM%3D"))[0]?.label).toBe("Restricted to account: chosen item");
  });

  it("the export asks for exactly the filter the list shows, under the API's names", () => {
    const url = new URL(
      exportUrl("acme", keyFilterFromUrl(reader(full)), { field: "NAME", direction: "DESC" }),
      "http://x",
    );
    expect([...url.searchParams]).toEqual([
      ["organization", "acme"],
      ["search", "sync"],
      ["apiVersion", "v2"],
      ["createdById", "VXNlcjox"],
      ["createdByKeyId", "QXBpS2V5OjI="],
      ["customerAccountId", "QWNjOjM="],
      ["resourceId", "UmVzOjQ="],
      ["expiresBefore", new Date(2027, 0, 15).toISOString()],
      ["unusedSince", new Date(2026, 10, 1).toISOString()],
      ["status", "ACTIVE"],
      ["orderBy", "NAME"],
      ["direction", "DESC"],
    ]);
    expect(exportUrl("acme", keyFilterFromUrl(reader("")), null)).toBe("/v1/exports/api-keys.csv?organization=acme");
  });
});
