import { Box, Button, FormControl, InputLabel, MenuItem, Select, TextField } from "@mui/material";
import { useEffect, useState } from "react";
import { useUrlState } from "../../lib/url-state.ts";
import { useDebounced } from "../../lib/useDebounced.ts";

export const keyStatuses = ["ACTIVE", "EXPIRING", "EXPIRED", "REVOKED"] as const;
export type KeyStatus = (typeof keyStatuses)[number];

type Props = {
  versions: string[];
  creators: { id: string; label: string }[];
};

/** Search, status, API version and creator: each kept in the URL (`q`, `status`, `version`, `creator`). */
export function ApiKeyFilters({ versions, creators }: Props) {
  const url = useUrlState();
  const [search, setSearch] = useState(url.get("q"));
  const settled = useDebounced(search, 300);
  useEffect(() => {
    if (settled !== url.get("q")) url.set({ q: settled });
  }, [settled, url]);
  const statuses = url.getList("status");

  return (
    <Box sx={{ display: "flex", gap: 2, flexWrap: "wrap", alignItems: "center" }}>
      <TextField
        size="small"
        label="Search keys"
        placeholder="Name or description"
        value={search}
        onChange={(e) => setSearch(e.target.value)}
        sx={{ width: 240 }}
      />
      <FormControl size="small" sx={{ width: 200 }}>
        <InputLabel id="status-filter-label">Status</InputLabel>
        <Select
          labelId="status-filter-label"
          label="Status"
          multiple
          value={statuses}
          onChange={(e) => url.set({ status: e.target.value as string[] })}
          renderValue={(selected) => selected.map((s) => s.charAt(0) + s.slice(1).toLowerCase()).join(", ")}
        >
          {keyStatuses.map((s) => (
            <MenuItem key={s} value={s}>
              {s.charAt(0) + s.slice(1).toLowerCase()}
            </MenuItem>
          ))}
        </Select>
      </FormControl>
      <FormControl size="small" sx={{ width: 150 }}>
        <InputLabel id="version-filter-label">API version</InputLabel>
        <Select
          labelId="version-filter-label"
          label="API version"
          value={url.get("version")}
          onChange={(e) => url.set({ version: e.target.value })}
        >
          <MenuItem value="">Any version</MenuItem>
          {versions.map((v) => (
            <MenuItem key={v} value={v}>
              {v}
            </MenuItem>
          ))}
        </Select>
      </FormControl>
      <FormControl size="small" sx={{ width: 220 }}>
        <InputLabel id="creator-filter-label">Created by</InputLabel>
        <Select
          labelId="creator-filter-label"
          label="Created by"
          value={url.get("creator")}
          onChange={(e) => url.set({ creator: e.target.value })}
        >
          <MenuItem value="">Anyone</MenuItem>
          {creators.map((c) => (
            <MenuItem key={c.id} value={c.id}>
              {c.label}
            </MenuItem>
          ))}
        </Select>
      </FormControl>
      {(statuses.length > 0 || url.get("q") || url.get("version") || url.get("creator")) && (
        <Button
          onClick={() => {
            setSearch("");
            url.set({ q: "", status: [], version: "", creator: "" });
          }}
        >
          Clear filters
        </Button>
      )}
    </Box>
  );
}
