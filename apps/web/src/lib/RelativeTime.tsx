import { formatDateTime, formatRelative } from "./dates.ts";

/**
 * A time as people scan it ("3 days ago"), with the exact time on hover (`title`) and in the markup
 * (`<time dateTime>`), so the precise value is one pointer move or one screen-reader query away.
 * A missing time reads as `empty` ("—" by default).
 */
export function RelativeTime({ value, empty = "—" }: { value: string | null | undefined; empty?: string }) {
  if (!value) return <span>{empty}</span>;
  return (
    <time dateTime={value} title={formatDateTime(value)}>
      {formatRelative(value)}
    </time>
  );
}
