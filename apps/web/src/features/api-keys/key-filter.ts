import { enumLabel } from "../../lib/labels.ts";

export const keyStatuses = ["ACTIVE", "EXPIRING", "EXPIRED", "REVOKED"] as const;
export type KeyStatus = (typeof keyStatuses)[number];

/** Reads the page's URL: `useUrlState()` gives these. */
type UrlReader = { get: (name: string) => string; getList: (name: string) => string[] };

/**
 * The key list's filter as the API takes it (`ApiKeyFilter`), from the URL. The export sends the same.
 * Picked items are in the URL by id (`creator`, `creatorKey`, `account`, `resource`) with their names
 * beside them (`…Name`) for the chips after a reload; dates are days (`2027-01-15`), meaning the start
 * of that day where the browser is.
 */
export function keyFilterFromUrl(url: UrlReader) {
  const statuses = url.getList("status").filter((s): s is KeyStatus => keyStatuses.includes(s as KeyStatus));
  return {
    search: url.get("q") || null,
    statuses: statuses.length ? statuses : null,
    apiVersion: url.get("version") || null,
    createdById: url.get("creator") || null,
    createdByKeyId: url.get("creatorKey") || null,
    customerAccountId: url.get("account") || null,
    resourceId: url.get("resource") || null,
    expiresBefore: dayStart(url.get("expiresBefore")),
    unusedSince: dayStart(url.get("unusedSince")),
  };
}

export type KeyListFilter = ReturnType<typeof keyFilterFromUrl>;

/** `2027-01-15` → that day's first instant in the browser's time zone, as ISO; anything else → null. */
export function dayStart(day: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return null;
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return Number.isNaN(date.getTime()) || date.getDate() !== Number(match[3]) ? null : date.toISOString();
}

/** The filters beyond search, status and version: behind "More filters". */
export const moreFilterParams = ["creator", "creatorKey", "account", "resource", "expiresBefore", "unusedSince"];

/** Every URL parameter a key filter uses, each cleared by "Clear filters". */
export const keyFilterParams = [
  "q",
  "status",
  "version",
  ...moreFilterParams,
  "creatorName",
  "creatorKeyName",
  "accountName",
  "resourceName",
];

export type FilterChip = { id: string; label: string; clears: string[] };

const dayLabel = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric" });
const day = (value: string) => {
  const start = dayStart(value);
  return start ? dayLabel.format(new Date(start)) : value;
};

/** One chip per filter in force, saying what it keeps and which parameters removing it clears. */
export function keyFilterChips(url: UrlReader): FilterChip[] {
  const chips: FilterChip[] = [];
  const picked = (param: string, what: string) => {
    if (url.get(param)) {
      chips.push({
        id: param,
        label: `${what}: ${url.get(`${param}Name`) || "chosen item"}`,
        clears: [param, `${param}Name`],
      });
    }
  };
  if (url.get("q")) chips.push({ id: "q", label: `Search: ${url.get("q")}`, clears: ["q"] });
  const statuses = keyFilterFromUrl(url).statuses;
  if (statuses)
    chips.push({ id: "status", label: `Status: ${statuses.map(enumLabel).join(", ")}`, clears: ["status"] });
  if (url.get("version"))
    chips.push({ id: "version", label: `API version: ${url.get("version")}`, clears: ["version"] });
  picked("creator", "Created by");
  picked("creatorKey", "Created by key");
  picked("account", "Restricted to account");
  picked("resource", "Restricted to resource");
  if (dayStart(url.get("expiresBefore"))) {
    chips.push({
      id: "expiresBefore",
      label: `Expires before ${day(url.get("expiresBefore"))}`,
      clears: ["expiresBefore"],
    });
  }
  if (dayStart(url.get("unusedSince"))) {
    chips.push({ id: "unusedSince", label: `Unused since ${day(url.get("unusedSince"))}`, clears: ["unusedSince"] });
  }
  return chips;
}
