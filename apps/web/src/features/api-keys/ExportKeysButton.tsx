import DownloadIcon from "@mui/icons-material/Download";
import { Box, Button, LinearProgress, Typography } from "@mui/material";
import { useSnackbar } from "notistack";
import { useState } from "react";

type Filter = {
  search: string | null;
  statuses: readonly string[] | null;
  apiVersion: string | null;
  createdById: string | null;
  expiresBefore?: string | null;
};

/** The export's URL for the list as shown: the same filter and order as the table. */
export function exportUrl(slug: string, filter: Filter, orderBy: { field: string; direction: string } | null): string {
  const params = new URLSearchParams({ organization: slug });
  if (filter.search) params.set("search", filter.search);
  for (const status of filter.statuses ?? []) params.append("status", status);
  if (filter.apiVersion) params.set("apiVersion", filter.apiVersion);
  if (filter.createdById) params.set("createdById", filter.createdById);
  if (filter.expiresBefore) params.set("expiresBefore", filter.expiresBefore);
  if (orderBy) {
    params.set("orderBy", orderBy.field);
    params.set("direction", orderBy.direction);
  }
  return `/v1/exports/api-keys.csv?${params}`;
}

const kilobytes = (bytes: number) => `${Math.max(1, Math.round(bytes / 1024)).toLocaleString("en-GB")} KB`;

/**
 * "Export CSV": every page of the list as shown (filters and order), read as a stream so a large list
 * shows its progress (rows and bytes received, against the list's total) before the file is saved.
 */
export function ExportKeysButton(props: {
  slug: string;
  filter: Filter;
  orderBy: { field: string; direction: string } | null;
  totalCount: number | null;
}) {
  const { enqueueSnackbar } = useSnackbar();
  const [progress, setProgress] = useState<{ rows: number; bytes: number } | null>(null);

  const run = async () => {
    setProgress({ rows: 0, bytes: 0 });
    try {
      const response = await fetch(exportUrl(props.slug, props.filter, props.orderBy), { credentials: "same-origin" });
      if (!response.ok || !response.body) throw new Error(`the server answered ${response.status}`);
      const reader = response.body.getReader();
      const chunks: Uint8Array[] = [];
      let bytes = 0;
      let lines = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
        bytes += value.byteLength;
        // Rows end with CRLF; a line break inside a quoted cell is a bare LF, so this counts rows.
        for (let i = 1; i < value.length; i++) if (value[i] === 10 && value[i - 1] === 13) lines++;
        setProgress({ rows: Math.max(0, lines - 1), bytes });
      }
      const name = /filename="([^"]+)"/.exec(response.headers.get("content-disposition") ?? "")?.[1] ?? "api-keys.csv";
      const link = document.createElement("a");
      link.href = URL.createObjectURL(new Blob(chunks as BlobPart[], { type: "text/csv" }));
      link.download = name;
      link.click();
      URL.revokeObjectURL(link.href);
      enqueueSnackbar(`Exported ${Math.max(0, lines - 1).toLocaleString("en-GB")} keys to ${name}.`, {
        variant: "success",
      });
    } catch (error) {
      enqueueSnackbar(`The export failed: ${error instanceof Error ? error.message : String(error)}.`, {
        variant: "error",
      });
    } finally {
      setProgress(null);
    }
  };

  const total = props.totalCount;
  return (
    <Box sx={{ display: "flex", alignItems: "center", gap: 1.5 }}>
      {progress && (
        <Box sx={{ width: 200 }} role="status" aria-live="polite">
          <Typography variant="caption" color="text.secondary">
            {progress.rows.toLocaleString("en-GB")}
            {total != null && ` of ${total.toLocaleString("en-GB")}`} keys, {kilobytes(progress.bytes)}
          </Typography>
          <LinearProgress
            variant={total ? "determinate" : "indeterminate"}
            value={total ? Math.min(100, (progress.rows / total) * 100) : undefined}
            aria-label="Export progress"
          />
        </Box>
      )}
      <Button variant="outlined" startIcon={<DownloadIcon />} onClick={run} disabled={progress !== null}>
        Export CSV
      </Button>
    </Box>
  );
}
