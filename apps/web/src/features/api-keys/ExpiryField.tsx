import { Box, FormLabel, ToggleButton, ToggleButtonGroup } from "@mui/material";
import { AdapterDayjs } from "@mui/x-date-pickers/AdapterDayjs";
import { DatePicker } from "@mui/x-date-pickers/DatePicker";
import { LocalizationProvider } from "@mui/x-date-pickers/LocalizationProvider";
import dayjs, { type Dayjs } from "dayjs";

export const expiryPresets = [
  { id: "30d", label: "30 days", at: (now: Dayjs) => now.add(30, "day") },
  { id: "90d", label: "90 days", at: (now: Dayjs) => now.add(90, "day") },
  { id: "6m", label: "6 months", at: (now: Dayjs) => now.add(6, "month") },
  { id: "12m", label: "12 months", at: (now: Dayjs) => now.add(12, "month") },
] as const;

export type Expiry = { preset: string; date: Dayjs | null };

/** The moment to send as `expiresAt`; null for the 12-month default (the server computes it). */
export function expiresAtOf(expiry: Expiry, now = dayjs()): string | null {
  if (expiry.preset === "12m") return null;
  const preset = expiryPresets.find((p) => p.id === expiry.preset);
  if (preset) return preset.at(now).toISOString();
  return expiry.date ? expiry.date.endOf("day").toISOString() : null;
}

/** Presets (30 days … 12 months) or a date between tomorrow and 12 months ahead, as the server allows. */
export function ExpiryField({ value, onChange }: { value: Expiry; onChange: (v: Expiry) => void }) {
  const now = dayjs();
  return (
    <Box sx={{ display: "flex", flexDirection: "column", gap: 1 }}>
      <FormLabel id="expiry-label">Expires after</FormLabel>
      <Box sx={{ display: "flex", gap: 2, alignItems: "center", flexWrap: "wrap" }}>
        <ToggleButtonGroup
          size="small"
          exclusive
          aria-labelledby="expiry-label"
          value={value.preset}
          onChange={(_e, preset: string | null) => preset && onChange({ preset, date: null })}
        >
          {expiryPresets.map((p) => (
            <ToggleButton key={p.id} value={p.id}>
              {p.label}
            </ToggleButton>
          ))}
          <ToggleButton value="date">On a date</ToggleButton>
        </ToggleButtonGroup>
        {value.preset === "date" && (
          <LocalizationProvider dateAdapter={AdapterDayjs}>
            <DatePicker
              label="Expiry date"
              value={value.date}
              onChange={(date) => onChange({ preset: "date", date })}
              minDate={now.add(1, "day")}
              maxDate={now.add(12, "month").subtract(1, "day")}
              slotProps={{ textField: { size: "small", helperText: "1 day to 12 months ahead" } }}
            />
          </LocalizationProvider>
        )}
      </Box>
    </Box>
  );
}
