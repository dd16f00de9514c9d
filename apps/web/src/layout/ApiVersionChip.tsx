import { Chip } from "@mui/material";
import { type ApiVersionStatus, apiVersionStatus } from "../lib/api-version-status.ts";
import { formatDate } from "../lib/dates.ts";

const looks: Record<ApiVersionStatus, { label: string; color: "success" | "warning" | "error" }> = {
  CURRENT: { label: "Current", color: "success" },
  DEPRECATED: { label: "Deprecated", color: "warning" },
  SUNSET: { label: "Sunset passed", color: "error" },
};

/**
 * An API version's state in words and colour; `hideCurrent` shows nothing for a current version
 * (tables flag only what needs attention). The sunset date rides along in the label, or, when
 * `compact`, in the chip's tooltip.
 */
export function ApiVersionChip({
  version,
  hideCurrent = false,
  compact = false,
}: {
  version: { deprecated: boolean; sunsetAt?: string | null };
  hideCurrent?: boolean;
  compact?: boolean;
}) {
  const status = apiVersionStatus(version);
  if (status === "CURRENT" && hideCurrent) return null;
  const look = looks[status];
  const sunset = status !== "CURRENT" && version.sunsetAt ? `sunset ${formatDate(version.sunsetAt)}` : "";
  const label = compact || !sunset ? look.label : `${look.label} · ${sunset}`;
  return <Chip size="small" variant="outlined" color={look.color} label={label} title={sunset || undefined} />;
}
