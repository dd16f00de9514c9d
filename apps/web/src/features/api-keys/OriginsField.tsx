import { Autocomplete, Chip, TextField } from "@mui/material";
import { useState } from "react";
import { originProblem } from "./origins.ts";

/**
 * Allowed origins as chips, each checked as it is typed (Enter, comma or space adds it). The rules are
 * spelled out under the field because `*.host` and `?` are easy to misread.
 */
export function OriginsField({ value, onChange }: { value: string[]; onChange: (origins: string[]) => void }) {
  const [draft, setDraft] = useState("");
  const [problem, setProblem] = useState<string | null>(null);

  function add(raw: string) {
    const origin = raw.trim().toLowerCase();
    if (!origin) return;
    const issue = originProblem(origin);
    setProblem(issue);
    if (issue) return;
    if (!value.includes(origin)) onChange([...value, origin]);
    setDraft("");
  }

  return (
    <Autocomplete
      multiple
      freeSolo
      size="small"
      options={[] as string[]}
      value={value}
      inputValue={draft}
      onInputChange={(_e, text, reason) => {
        if (reason === "reset") return;
        if (/[,\s]$/.test(text)) add(text.slice(0, -1));
        else {
          setDraft(text);
          setProblem(text.trim() ? originProblem(text.trim()) : null);
        }
      }}
      onChange={(_e, next, reason) => {
        if (reason === "createOption") add(String(next[next.length - 1] ?? ""));
        else onChange(next as string[]);
      }}
      renderValue={(items, getItemProps) =>
        items.map((origin, index) => {
          const { key, ...itemProps } = getItemProps({ index });
          return <Chip key={key} size="small" label={origin} {...itemProps} />;
        })
      }
      renderInput={(params) => (
        <TextField
          {...params}
          label="Allowed origins"
          placeholder="example.com, *.example.com or ?"
          error={Boolean(problem)}
          helperText={
            problem ??
            "example.com allows that host; *.example.com its subdomains (not the host itself); ? allows requests without Origin or Referer. Empty: any origin."
          }
          onBlur={() => add(draft)}
        />
      )}
    />
  );
}
