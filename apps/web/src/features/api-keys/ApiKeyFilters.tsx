import CancelIcon from "@mui/icons-material/Cancel";
import FilterListIcon from "@mui/icons-material/FilterList";
import {
  Box,
  Button,
  Chip,
  Collapse,
  FormControl,
  InputLabel,
  MenuItem,
  Paper,
  Select,
  Stack,
  TextField,
} from "@mui/material";
import { useId, useState } from "react";
import { StatusFilter } from "../../layout/StatusFilter.tsx";
import type { PickerOption } from "../../lib/SearchPicker.tsx";
import { useUrlSearch, useUrlState } from "../../lib/url-state.ts";
import { MemberPicker } from "../members/MemberPicker.tsx";
import { KeyPicker, RestrictionFilterPicker } from "./FilterPickers.tsx";
import { keyFilterChips, keyFilterParams, keyStatuses, moreFilterParams } from "./key-filter.ts";

/**
 * The key list's filters, each kept in the URL (see `keyFilterFromUrl`): search, status and API
 * version always shown; who created the key, the account or resource it is restricted to, and the
 * expiry and last-use dates behind "More filters". Every filter in force is a chip that removes it.
 */
export function ApiKeyFilters({ slug, versions }: { slug: string; versions: string[] }) {
  const url = useUrlState();
  const [search, setSearch] = useUrlSearch();
  const chips = keyFilterChips(url);
  const more = moreFilterParams.filter((p) => url.get(p)).length;
  const [open, setOpen] = useState(more > 0);
  const panelId = useId();
  const versionLabel = useId();

  const clear = (params: string[]) => {
    if (params.includes("q")) setSearch("");
    url.set(Object.fromEntries(params.map((p) => [p, ""])));
  };
  /** A picked item: its id for the query, its name for the chip after a reload. */
  const picked = (param: string) => ({
    value: url.get(param) ? { id: url.get(param), label: url.get(`${param}Name`) || "Chosen item" } : null,
    onChange: (item: PickerOption | null) => url.set({ [param]: item?.id, [`${param}Name`]: item?.label }),
  });
  const dateField = (param: string, label: string, helperText: string) => (
    <TextField
      type="date"
      size="small"
      label={label}
      value={url.get(param)}
      onChange={(e) => url.set({ [param]: e.target.value })}
      helperText={helperText}
      slotProps={{ inputLabel: { shrink: true } }}
      sx={{ width: 200 }}
    />
  );

  return (
    <Stack spacing={1.5}>
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
          <InputLabel id={versionLabel}>API version</InputLabel>
          <Select
            labelId={versionLabel}
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
        <Button
          startIcon={<FilterListIcon />}
          aria-expanded={open}
          aria-controls={panelId}
          onClick={() => setOpen(!open)}
        >
          {open ? "Fewer filters" : "More filters"}
          {more > 0 && ` (${more})`}
        </Button>
      </Box>
      <Collapse in={open} id={panelId}>
        <Paper variant="outlined" sx={{ p: 2, display: "flex", gap: 2, flexWrap: "wrap", alignItems: "flex-start" }}>
          <MemberPicker slug={slug} label="Created by member" {...picked("creator")} />
          <KeyPicker slug={slug} {...picked("creatorKey")} />
          <RestrictionFilterPicker slug={slug} kind="accounts" {...picked("account")} />
          <RestrictionFilterPicker slug={slug} kind="resources" {...picked("resource")} />
          {dateField("expiresBefore", "Expires before", "Expired keys included")}
          {dateField("unusedSince", "Unused since", "Or never used")}
        </Paper>
      </Collapse>
      {chips.length > 0 && (
        <Box
          role="group"
          aria-label="Filters in force"
          sx={{ display: "flex", gap: 1, flexWrap: "wrap", alignItems: "center" }}
        >
          {chips.map((chip) => (
            <Chip
              key={chip.id}
              size="small"
              label={chip.label}
              onDelete={() => clear(chip.clears)}
              deleteIcon={<CancelIcon titleAccess={`Remove the filter ${chip.label}`} />}
            />
          ))}
          <Button size="small" onClick={() => clear(keyFilterParams)}>
            Clear filters
          </Button>
        </Box>
      )}
    </Stack>
  );
}
