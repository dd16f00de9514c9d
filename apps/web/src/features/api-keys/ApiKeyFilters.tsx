import { Box, Button, Chip, FormControl, InputLabel, MenuItem, Select, TextField } from "@mui/material";
import { StatusFilter } from "../../layout/StatusFilter.tsx";
import { formatDateTime } from "../../lib/dates.ts";
import { useUrlSearch, useUrlState } from "../../lib/url-state.ts";

export const keyStatuses = ["ACTIVE", "EXPIRING", "EXPIRED", "REVOKED"] as const;
export type KeyStatus = (typeof keyStatuses)[number];

type Props = {
  versions: string[];
  creators: { id: string; label: string }[];
};

/**
 * Search, status, API version and creator: each kept in the URL (`q`, `status`, `version`, `creator`).
 * `expiresBefore` (an instant) arrives with links such as the Overview's expiring keys, shown as a
 * chip that removes it.
 */
export function ApiKeyFilters({ versions, creators }: Props) {
  const url = useUrlState();
  const [search, setSearch] = useUrlSearch();
  const statuses = url.getList("status");
  const expiresBefore = url.get("expiresBefore");

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
      <StatusFilter statuses={keyStatuses} />
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
      {expiresBefore && !Number.isNaN(Date.parse(expiresBefore)) && (
        <Chip
          label={`Expires before ${formatDateTime(expiresBefore)}`}
          onDelete={() => url.set({ expiresBefore: "" })}
        />
      )}
      {(statuses.length > 0 || url.get("q") || url.get("version") || url.get("creator") || expiresBefore) && (
        <Button
          onClick={() => {
            setSearch("");
            url.set({ q: "", status: [], version: "", creator: "", expiresBefore: "" });
          }}
        >
          Clear filters
        </Button>
      )}
    </Box>
  );
}
