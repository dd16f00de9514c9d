import { FormControl, InputLabel, MenuItem, Select } from "@mui/material";
import { useId } from "react";
import { enumLabel } from "../lib/labels.ts";
import { useUrlState } from "../lib/url-state.ts";

/** A multi-choice status filter kept in the URL parameter `status` (comma-separated). */
export function StatusFilter({ statuses }: { statuses: readonly string[] }) {
  const url = useUrlState();
  const labelId = useId();
  return (
    <FormControl size="small" sx={{ width: 200 }}>
      <InputLabel id={labelId}>Status</InputLabel>
      <Select
        labelId={labelId}
        label="Status"
        multiple
        value={url.getList("status").filter((s) => statuses.includes(s))}
        onChange={(e) => url.set({ status: e.target.value as string[] })}
        renderValue={(selected) => selected.map(enumLabel).join(", ")}
      >
        {statuses.map((s) => (
          <MenuItem key={s} value={s}>
            {enumLabel(s)}
          </MenuItem>
        ))}
      </Select>
    </FormControl>
  );
}
