import { Alert, Box, Button, MenuItem, Stack, TextField, Typography } from "@mui/material";
import type { GridColDef } from "@mui/x-data-grid";
import { useEffect, useMemo } from "react";
import { useQuery } from "urql";
import { useCursorPages } from "../../lib/cursor-pagination.ts";
import { formatDateTime } from "../../lib/dates.ts";
import type { ResultOf } from "../../lib/graphql.ts";
import { kindLabel } from "../../lib/labels.ts";
import { ServerDataGrid } from "../../lib/ServerDataGrid.tsx";
import { useUrlState } from "../../lib/url-state.ts";
import { SessionLost } from "../session/SessionLost.tsx";
import { useOrganization } from "../session/SessionProvider.tsx";
import { type AuditAction, actionLabel, auditActions, isAuditAction } from "./actions.ts";
import { AuditEventsQuery } from "./documents.ts";

type Event = NonNullable<ResultOf<typeof AuditEventsQuery>["organization"]>["auditEvents"]["nodes"][number];

function summary(changes: unknown): string {
  if (!changes || typeof changes !== "object") return "";
  return Object.keys(changes as object).join(", ");
}

const columns: GridColDef<Event>[] = [
  { field: "createdAt", headerName: "Time", width: 170, sortable: false, valueFormatter: (v) => formatDateTime(v) },
  { field: "actorLabel", headerName: "Actor", flex: 1, minWidth: 170, sortable: false },
  { field: "action", headerName: "Action", width: 190, sortable: false, valueFormatter: (v) => actionLabel(v) },
  {
    field: "targetLabel",
    headerName: "Target",
    flex: 1,
    minWidth: 170,
    sortable: false,
    valueGetter: (_v, row) => `${row.targetLabel ?? "—"} (${kindLabel(row.targetType)})`,
  },
  { field: "changes", headerName: "Changed", flex: 1, minWidth: 140, sortable: false, valueGetter: (v) => summary(v) },
  { field: "sourceAddress", headerName: "Source address", width: 140, sortable: false },
];

/** Audit log: who did what to which target, when and from where; owners and admins only. */
export default function AuditLogPage() {
  const organization = useOrganization();
  const url = useUrlState();
  const filter = {
    // An unknown action in a hand-edited URL filters on nothing rather than failing the query.
    actions: isAuditAction(url.get("action")) ? [url.get("action") as AuditAction] : null,
    actorId: url.get("actor") || null,
    targetId: url.get("target") || null,
  };
  const pages = useCursorPages(`${organization.slug}|${JSON.stringify(filter)}`);
  const [result, refetch] = useQuery({
    query: AuditEventsQuery,
    variables: { slug: organization.slug, first: pages.first, after: pages.after, filter },
    pause: !organization.canManage,
    requestPolicy: "network-only",
  });
  const connection = result.data?.organization?.auditEvents;
  const { remember } = pages;
  useEffect(() => remember(connection?.pageInfo.endCursor), [connection, remember]);
  const members = result.data?.organization?.members ?? [];
  const rows = useMemo(() => connection?.nodes ?? [], [connection]);

  if (!organization.canManage)
    return <Alert severity="info">The audit log is available to owners and admins of the organization.</Alert>;
  if (result.data && !result.data.organization) return <SessionLost />;

  return (
    <Stack spacing={2}>
      <Typography variant="h5" component="h1">
        Audit log
      </Typography>
      <Box sx={{ display: "flex", gap: 2, flexWrap: "wrap" }}>
        <TextField
          select
          size="small"
          label="Action"
          value={url.get("action")}
          onChange={(e) => url.set({ action: e.target.value })}
          sx={{ width: 230 }}
        >
          <MenuItem value="">Any action</MenuItem>
          {auditActions.map((a) => (
            <MenuItem key={a.value} value={a.value}>
              {a.label}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          select
          size="small"
          label="Actor"
          value={url.get("actor")}
          onChange={(e) => url.set({ actor: e.target.value })}
          sx={{ width: 230 }}
        >
          <MenuItem value="">Anyone</MenuItem>
          {members.map((m) => (
            <MenuItem key={m.user.id} value={m.user.id}>
              {m.user.email}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          size="small"
          label="Target id"
          value={url.get("target")}
          onChange={(e) => url.set({ target: e.target.value.trim() })}
          sx={{ width: 320 }}
        />
      </Box>
      {result.error && (
        <Alert severity="error" action={<Button onClick={() => refetch()}>Retry</Button>}>
          The audit log could not be loaded: {result.error.message}
        </Alert>
      )}
      <ServerDataGrid
        label="Audit events"
        rows={rows}
        columns={columns}
        totalCount={connection?.totalCount ?? 0}
        loading={result.fetching}
        pages={pages}
        emptyLabel="No events match."
      />
    </Stack>
  );
}
