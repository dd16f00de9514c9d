import type { Prisma } from "@tessera/db";
import type { SortableFields } from "./list-order.ts";

/** How `Organization.auditEvents` can be sorted: by time only (the log is read newest or oldest first). */
export const auditEventSortFields = {
  CREATED_AT: [{ column: "createdAt", type: "date" }],
} as const satisfies SortableFields;

/** One field an audited action changed: its value before (null when it did not exist) and after. */
export type AuditChange = { field: string; from: Prisma.JsonValue; to: Prisma.JsonValue };

/**
 * Fields whose values never leave the audit log, whatever an old row holds: a secret, its hash or an
 * account token. Their change still shows, with the value hidden.
 */
const hiddenFields = new Set(["secret", "hashedKey", "token", "accountToken"]);
const hidden = "(hidden)";

function isFromTo(value: Prisma.JsonValue): value is { from?: Prisma.JsonValue; to?: Prisma.JsonValue } {
  if (!value || typeof value !== "object" || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((k) => k === "from" || k === "to");
}

/**
 * The stored `changes` of an event as from/to pairs. Rows hold `{ field: { from, to } }` for edits and
 * `{ field: value }` for what a creation chose (and for a few older summaries, such as a revocation's
 * `reason`): a bare value reads as a change from nothing. Anything else an old row holds (not an object)
 * reads as one `summary` change, so no stored event fails to display.
 */
export function auditChanges(stored: Prisma.JsonValue): AuditChange[] {
  if (stored === null || stored === undefined) return [];
  if (typeof stored !== "object" || Array.isArray(stored)) return [{ field: "summary", from: null, to: stored }];
  return Object.entries(stored).map(([field, value]) => {
    const pair = isFromTo(value ?? null) ? (value as { from?: Prisma.JsonValue; to?: Prisma.JsonValue }) : null;
    const from = pair ? (pair.from ?? null) : null;
    const to = pair ? (pair.to ?? null) : (value ?? null);
    if (!hiddenFields.has(field)) return { field, from, to };
    // "rotated" is what a token rotation records: a fact, not a token.
    const mask = (v: Prisma.JsonValue) => (v === null || v === "rotated" ? v : hidden);
    return { field, from: mask(from), to: mask(to) };
  });
}
