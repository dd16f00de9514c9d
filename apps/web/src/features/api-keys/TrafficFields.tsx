import AddIcon from "@mui/icons-material/Add";
import DeleteIcon from "@mui/icons-material/Delete";
import {
  Alert,
  Box,
  Button,
  Checkbox,
  FormControlLabel,
  IconButton,
  MenuItem,
  Stack,
  Switch,
  TextField,
  Typography,
} from "@mui/material";
import { ChipListField } from "./ChipListField.tsx";
import {
  type CreditsForm,
  creditsProblem,
  ipProblem,
  normalizedIp,
  type RateLimitRow,
  rateLimitsProblem,
} from "./traffic.ts";

/** Named rate limits: one row each (name, limit, window, auto-apply), added and removed freely. */
export function RateLimitsField({
  value,
  onChange,
}: {
  value: RateLimitRow[];
  onChange: (rows: RateLimitRow[]) => void;
}) {
  const problem = value.length ? rateLimitsProblem(value) : null;
  const update = (index: number, changes: Partial<RateLimitRow>) =>
    onChange(value.map((row, i) => (i === index ? { ...row, ...changes } : row)));
  return (
    <Box component="fieldset" sx={{ border: 0, p: 0, m: 0 }}>
      <Typography component="legend" variant="subtitle2" gutterBottom>
        Rate limits
      </Typography>
      <Stack spacing={1}>
        {value.map((row, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity until saved; order is stable
          <Stack key={index} direction="row" spacing={1} sx={{ alignItems: "center" }}>
            <TextField
              size="small"
              label="Name"
              value={row.name}
              onChange={(e) => update(index, { name: e.target.value })}
              sx={{ flex: 2 }}
            />
            <TextField
              size="small"
              label="Limit"
              type="number"
              value={row.limit}
              onChange={(e) => update(index, { limit: e.target.value })}
              sx={{ flex: 1 }}
            />
            <TextField
              size="small"
              label="Per seconds"
              type="number"
              value={row.seconds}
              onChange={(e) => update(index, { seconds: e.target.value })}
              sx={{ flex: 1 }}
            />
            <FormControlLabel
              control={
                <Checkbox checked={row.autoApply} onChange={(e) => update(index, { autoApply: e.target.checked })} />
              }
              label="Always"
            />
            <IconButton
              aria-label={`Remove rate limit ${row.name || index + 1}`}
              onClick={() => onChange(value.filter((_, i) => i !== index))}
            >
              <DeleteIcon />
            </IconButton>
          </Stack>
        ))}
        {problem && (
          <Alert severity="error" role="alert">
            {problem}
          </Alert>
        )}
        <Box>
          <Button
            size="small"
            startIcon={<AddIcon />}
            onClick={() => onChange([...value, { name: "requests", limit: "100", seconds: "60", autoApply: true }])}
          >
            Add rate limit
          </Button>
        </Box>
        <Typography variant="caption" color="text.secondary">
          "Always" limits are charged on every verification; the others only when a verification names them.
        </Typography>
      </Stack>
    </Box>
  );
}

/** Usage credits: off (unlimited), or what is left and how it refills. */
export function CreditsField({ value, onChange }: { value: CreditsForm; onChange: (form: CreditsForm) => void }) {
  const set = (changes: Partial<CreditsForm>) => onChange({ ...value, ...changes });
  const problem = value.enabled ? creditsProblem(value) : null;
  return (
    <Stack spacing={1}>
      <FormControlLabel
        control={<Switch checked={value.enabled} onChange={(e) => set({ enabled: e.target.checked })} />}
        label="Limit usage with credits"
      />
      {value.enabled && (
        <Stack direction="row" spacing={1}>
          <TextField
            size="small"
            label="Remaining credits"
            type="number"
            value={value.remaining}
            onChange={(e) => set({ remaining: e.target.value })}
            sx={{ flex: 1 }}
          />
          <TextField
            size="small"
            select
            label="Refill"
            value={value.refill}
            onChange={(e) => set({ refill: e.target.value as CreditsForm["refill"] })}
            sx={{ flex: 1 }}
          >
            <MenuItem value="NONE">Never</MenuItem>
            <MenuItem value="DAILY">Daily</MenuItem>
            <MenuItem value="MONTHLY">Monthly</MenuItem>
          </TextField>
          {value.refill !== "NONE" && (
            <TextField
              size="small"
              label="Refill to"
              type="number"
              value={value.amount}
              onChange={(e) => set({ amount: e.target.value })}
              sx={{ flex: 1 }}
            />
          )}
          {value.refill === "MONTHLY" && (
            <TextField
              size="small"
              label="On day"
              type="number"
              value={value.dayOfMonth}
              onChange={(e) => set({ dayOfMonth: e.target.value })}
              sx={{ flex: 1 }}
            />
          )}
        </Stack>
      )}
      {problem && (
        <Alert severity="error" role="alert">
          {problem}
        </Alert>
      )}
      <Typography variant="caption" color="text.secondary">
        Each valid verification spends its cost (default 1); at zero the key answers USAGE_EXCEEDED. A refill sets the
        credits to the amount, at 00:00 UTC.
      </Typography>
    </Stack>
  );
}

/** The IP allowlist as chips, each checked with the server's rule as it is added (stored normalized). */
export function IpAllowlistField({ value, onChange }: { value: string[]; onChange: (entries: string[]) => void }) {
  return (
    <ChipListField
      label="IP allowlist"
      placeholder="203.0.113.7, 10.0.0.0/8 or 2001:db8::/32"
      helperText="Addresses and CIDR ranges the key may be used from (services pass the client's ip when verifying). Empty: any address."
      value={value}
      onChange={onChange}
      problemOf={ipProblem}
      normalize={normalizedIp}
    />
  );
}
