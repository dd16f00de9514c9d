import { Chip, type ChipProps } from "@mui/material";

const colours: Record<string, ChipProps["color"]> = {
  ACTIVE: "success",
  EXPIRING: "warning",
  EXPIRED: "default",
  REVOKED: "error",
  SUSPENDED: "warning",
  CLOSED: "default",
};
const labels: Record<string, string> = {
  ACTIVE: "Active",
  EXPIRING: "Expiring",
  EXPIRED: "Expired",
  REVOKED: "Revoked",
  SUSPENDED: "Suspended",
  CLOSED: "Closed",
};

/** A status as a coloured chip that also says it in words (colour is never the only signal). */
export function StatusChip({ status }: { status: string }) {
  return <Chip size="small" label={labels[status] ?? status} color={colours[status] ?? "default"} variant="outlined" />;
}
