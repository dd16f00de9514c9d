const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** A value inside a record: nested records in parentheses, lists joined. */
function innerText(value: unknown): string {
  if (value === null || value === undefined) return "none";
  if (Array.isArray(value)) return value.map(innerText).join(", ");
  if (isRecord(value)) return `(${fieldsText(value)})`;
  return String(value);
}

/** `remaining: 500, refill: (amount: 1000, interval: MONTHLY)`: a record read aloud, not JSON. */
function fieldsText(record: Record<string, unknown>): string {
  return Object.entries(record)
    .map(([field, value]) => `${field}: ${innerText(value)}`)
    .join(", ");
}

/**
 * An audit change's value as text: nothing as an em dash, an empty list as "none", lists of names
 * joined, records as `field: value` pairs and a list of records one per line.
 */
export function changeText(value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  if (Array.isArray(value)) {
    if (value.length === 0) return "none";
    return value.some(isRecord)
      ? value.map((v) => (isRecord(v) ? fieldsText(v) : innerText(v))).join("\n")
      : innerText(value);
  }
  return isRecord(value) ? fieldsText(value) : String(value);
}
