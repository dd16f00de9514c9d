import { Chip, Tooltip, Typography } from "@mui/material";
import { type RateLimit, rateLimitLabel } from "../traffic/traffic.ts";

/** "1 limit", "2 limits". */
export const limitsCount = (count: number) => `${count} ${count === 1 ? "limit" : "limits"}`;

/**
 * An account's shared rate limits in the table: "Unlimited", or a chip with their count whose tooltip
 * (on hover and on keyboard focus) lists each one's name, limit and window.
 */
export function LimitsCell({ limits }: { limits: readonly RateLimit[] }) {
  if (limits.length === 0)
    return (
      // A span, so that it sits on the cell's centred line like the other columns' text.
      <Typography component="span" variant="body2" color="text.secondary">
        Unlimited
      </Typography>
    );
  return (
    <Tooltip
      describeChild
      title={
        <ul style={{ margin: 0, paddingLeft: 16 }}>
          {limits.map((l) => (
            <li key={l.name}>{rateLimitLabel(l)}</li>
          ))}
        </ul>
      }
    >
      <Chip
        size="small"
        variant="outlined"
        label={limitsCount(limits.length)}
        // Focusable so that keyboard users get the tooltip too; it then describes the chip.
        tabIndex={0}
      />
    </Tooltip>
  );
}
