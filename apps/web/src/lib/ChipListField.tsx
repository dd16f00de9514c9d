import { Autocomplete, Chip, TextField } from "@mui/material";
import { useState } from "react";

type Props = {
  label: string;
  placeholder: string;
  helperText: string;
  value: string[];
  onChange: (entries: string[]) => void;
  /** Null when the entry is acceptable, otherwise the server's explanation. */
  problemOf: (entry: string) => string | null;
  /** The entry as the server will store it. */
  normalize: (entry: string) => string;
};

/**
 * A list of short entries as chips, each checked with the server's own rule as it is typed (Enter,
 * comma or space adds it) and kept in the form the server stores: allowed origins, the IP allowlist.
 */
export function ChipListField({ label, placeholder, helperText, value, onChange, problemOf, normalize }: Props) {
  const [draft, setDraft] = useState("");
  const [problem, setProblem] = useState<string | null>(null);

  function add(raw: string) {
    const entry = raw.trim();
    if (!entry) return;
    const issue = problemOf(entry);
    setProblem(issue);
    if (issue) return;
    const normalized = normalize(entry);
    if (!value.includes(normalized)) onChange([...value, normalized]);
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
          setProblem(text.trim() ? problemOf(text.trim()) : null);
        }
      }}
      onChange={(_e, next, reason) => {
        if (reason === "createOption") add(String(next[next.length - 1] ?? ""));
        else onChange(next as string[]);
      }}
      renderValue={(items, getItemProps) =>
        items.map((entry, index) => {
          const { key, ...itemProps } = getItemProps({ index });
          return <Chip key={key} size="small" label={entry} {...itemProps} />;
        })
      }
      renderInput={(params) => (
        <TextField
          {...params}
          label={label}
          placeholder={placeholder}
          error={Boolean(problem)}
          helperText={problem ?? helperText}
          onBlur={() => add(draft)}
        />
      )}
    />
  );
}
