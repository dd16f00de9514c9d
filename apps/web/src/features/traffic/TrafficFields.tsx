import AddIcon from "@mui/icons-material/Add";
import DeleteIcon from "@mui/icons-material/Delete";
import {
  Alert,
  Box,
  Button,
  Checkbox,
  FormControlLabel,
  FormLabel,
  IconButton,
  MenuItem,
  Stack,
  Switch,
  TextField,
  Typography,
} from "@mui/material";
import type { ReactNode } from "react";
import { ChipListField } from "../../lib/ChipListField.tsx";
import {
  type CreditsForm,
  creditsProblem,
  ipProblem,
  normalizedIp,
  type RateLimitRow,
  rateLimitsProblem,
} from "./traffic.ts";

/** A titled group of traffic fields with its explanation under them, aligned with the fields' helper texts. */
function TrafficSection({ title, caption, children }: { title: string; caption: string; children: ReactNode }) {
  return (
    <Box component="fieldset" sx={{ border: 0, p: 0, m: 0, minWidth: 0 }}>
      <FormLabel component="legend" sx={{ mb: 1 }}>
        {title}
      </FormLabel>
      <Stack spacing={1}>
        {children}
        <Typography variant="caption" color="text.secondary" sx={{ px: 1.75 }}>
          {caption}
        </Typography>
      </Stack>
    </Box>
  );
}

/** One small text or number box of a row of traffic fields; they share the row's width. */
function RowField({
  label,
  value,
  onChange,
  number = false,
  grow = 1,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  number?: boolean;
  grow?: number;
}) {
  return (
    <TextField
      size="small"
      label={label}
      type={number ? "number" : "text"}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      sx={{ flex: grow, minWidth: 0 }}
    />
  );
}

/** The text columns of a rate limit row, in order. */
const limitColumns = [
  { field: "name", label: "Name", number: false, grow: 2 },
  { field: "limit", label: "Limit", number: true, grow: 1 },
  { field: "seconds", label: "Window (s)", number: true, grow: 1 },
] as const;

function RateLimitRowFields({
  row,
  position,
  onChange,
  onRemove,
}: {
  row: RateLimitRow;
  position: number;
  onChange: (changes: Partial<RateLimitRow>) => void;
  onRemove: () => void;
}) {
  return (
    <Stack role="group" aria-label={`Rate limit ${position}`} direction="row" spacing={1} sx={{ alignItems: "center" }}>
      {limitColumns.map((column) => (
        <RowField
          key={column.field}
          label={column.label}
          number={column.number}
          grow={column.grow}
          value={row[column.field]}
          onChange={(text) => onChange({ [column.field]: text })}
        />
      ))}
      <FormControlLabel
        control={<Checkbox checked={row.autoApply} onChange={(e) => onChange({ autoApply: e.target.checked })} />}
        label="Always"
        sx={{ mr: 0 }}
      />
      <IconButton aria-label={`Remove rate limit ${row.name || position}`} onClick={onRemove}>
        <DeleteIcon />
      </IconButton>
    </Stack>
  );
}

/** What the limits are on: the texts say whose they are and, for an account, that its keys share them. */
const limitsCaption = {
  key: "",
  account: " Every key used with this account's token draws on the same limits.",
} as const;

/**
 * Named rate limits of a key or a customer account: one row each (name, limit, window, auto-apply),
 * added and removed freely, checked with the server's rules as they are typed.
 */
export function RateLimitsField({
  owner,
  value,
  onChange,
}: {
  owner: keyof typeof limitsCaption;
  value: RateLimitRow[];
  onChange: (rows: RateLimitRow[]) => void;
}) {
  const problem = rateLimitsProblem(value);
  const update = (index: number, changes: Partial<RateLimitRow>) =>
    onChange(value.map((row, i) => (i === index ? { ...row, ...changes } : row)));
  return (
    <TrafficSection
      title="Rate limits"
      caption={`A limit allows that many verifications per window (in seconds). "Always" limits are charged on every verification; the others only when a verification names them.${limitsCaption[owner]}`}
    >
      {value.length === 0 && (
        <Typography variant="body2" color="text.secondary">
          No rate limits: the {owner} is unlimited.
        </Typography>
      )}
      {value.map((row, index) => (
        <RateLimitRowFields
          // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity until saved; order is stable
          key={index}
          row={row}
          position={index + 1}
          onChange={(changes) => update(index, changes)}
          onRemove={() => onChange(value.filter((_, i) => i !== index))}
        />
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
    </TrafficSection>
  );
}

/** Usage credits: off (unlimited), or what is left and how it refills. */
export function CreditsField({ value, onChange }: { value: CreditsForm; onChange: (form: CreditsForm) => void }) {
  const set = (changes: Partial<CreditsForm>) => onChange({ ...value, ...changes });
  const problem = creditsProblem(value);
  return (
    <TrafficSection
      title="Usage credits"
      caption={
        value.enabled
          ? "Each valid verification spends its cost (default 1); at zero the key answers USAGE_EXCEEDED. A refill sets the credits to the amount, at 00:00 UTC."
          : "Off: the key's usage is unlimited."
      }
    >
      <FormControlLabel
        control={<Switch checked={value.enabled} onChange={(e) => set({ enabled: e.target.checked })} />}
        label="Limit usage with credits"
      />
      {value.enabled && (
        <Stack direction="row" spacing={1}>
          <RowField
            number
            label="Remaining credits"
            value={value.remaining}
            onChange={(remaining) => set({ remaining })}
          />
          <TextField
            size="small"
            select
            label="Refill"
            value={value.refill}
            onChange={(e) => set({ refill: e.target.value as CreditsForm["refill"] })}
            sx={{ flex: 1, minWidth: 0 }}
          >
            <MenuItem value="NONE">Never</MenuItem>
            <MenuItem value="DAILY">Daily</MenuItem>
            <MenuItem value="MONTHLY">Monthly</MenuItem>
          </TextField>
          {value.refill !== "NONE" && (
            <RowField number label="Refill to" value={value.amount} onChange={(amount) => set({ amount })} />
          )}
          {value.refill === "MONTHLY" && (
            <RowField number label="On day" value={value.dayOfMonth} onChange={(dayOfMonth) => set({ dayOfMonth })} />
          )}
        </Stack>
      )}
      {problem && (
        <Alert severity="error" role="alert">
          {problem}
        </Alert>
      )}
    </TrafficSection>
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
