import { ChipListField } from "../../lib/ChipListField.tsx";
import { originProblem } from "./origins.ts";

/**
 * Allowed origins as chips, each checked as it is typed (Enter, comma or space adds it). The rules are
 * spelled out under the field because `*.host` and `?` are easy to misread.
 */
export function OriginsField({ value, onChange }: { value: string[]; onChange: (origins: string[]) => void }) {
  return (
    <ChipListField
      label="Allowed origins"
      placeholder="example.com, *.example.com or ?"
      helperText="example.com allows that host; *.example.com its subdomains (not the host itself); ? allows requests without Origin or Referer. Empty: any origin."
      value={value}
      onChange={onChange}
      problemOf={(origin) => originProblem(origin.toLowerCase())}
      normalize={(origin) => origin.toLowerCase()}
    />
  );
}
