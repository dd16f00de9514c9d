import CloseIcon from "@mui/icons-material/Close";
import {
  Box,
  Divider,
  Drawer,
  IconButton,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from "@mui/material";
import { formatDateTime } from "../../lib/dates.ts";
import { kindLabel } from "../../lib/labels.ts";
import { actionLabel } from "./actions.ts";
import { changeText } from "./change-text.ts";
import type { AuditEventRow } from "./documents.ts";

/** Long values wrap at spaces where they can; a list of records keeps one per line. */
const changeCell = { overflowWrap: "anywhere", whiteSpace: "pre-line" } as const;

/** One audit event in full: what changed (from → to), who, when, from which address and user agent. */
export function AuditEventDrawer({ event, onClose }: { event: AuditEventRow; onClose: () => void }) {
  const facts: [string, string][] = [
    ["When", formatDateTime(event.createdAt)],
    ["Actor", `${event.actorLabel} (${event.actorType === "API_KEY" ? "API key" : event.actorType.toLowerCase()})`],
    ["Target", `${event.targetLabel ?? "—"} (${kindLabel(event.targetType)})`],
    ["Source address", event.sourceAddress ?? "Unknown"],
    ["User agent", event.userAgent ?? "Unknown"],
  ];
  return (
    <Drawer anchor="right" open onClose={onClose} slotProps={{ paper: { sx: { width: { xs: "100%", sm: 520 } } } }}>
      <Stack spacing={2} sx={{ p: 3 }} role="region" aria-label="Audit event details">
        <Box sx={{ display: "flex", justifyContent: "space-between", alignItems: "center" }}>
          <Typography variant="h6" component="h2">
            {actionLabel(event.action)}
          </Typography>
          <IconButton aria-label="Close details" onClick={onClose}>
            <CloseIcon />
          </IconButton>
        </Box>
        <Table size="small" aria-label="Event">
          <TableBody>
            {facts.map(([label, value]) => (
              <TableRow key={label}>
                <TableCell component="th" scope="row" sx={{ width: 140, color: "text.secondary" }}>
                  {label}
                </TableCell>
                <TableCell sx={{ wordBreak: "break-word" }}>{value}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
        <Divider />
        <Typography variant="subtitle1" component="h3">
          What changed
        </Typography>
        {event.changes.length === 0 ? (
          <Typography variant="body2" color="text.secondary">
            Nothing recorded.
          </Typography>
        ) : (
          <Table size="small" aria-label="Changes">
            <TableHead>
              <TableRow>
                <TableCell>Field</TableCell>
                <TableCell>From</TableCell>
                <TableCell>To</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {event.changes.map((change) => (
                <TableRow key={change.field}>
                  <TableCell component="th" scope="row">
                    {change.field}
                  </TableCell>
                  <TableCell sx={changeCell}>{changeText(change.from)}</TableCell>
                  <TableCell sx={changeCell}>{changeText(change.to)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </Stack>
    </Drawer>
  );
}
