import { Alert, Box, Button, MenuItem, Stack, TextField, Typography } from "@mui/material";
import type { GridColDef } from "@mui/x-data-grid";
import { useEffect, useMemo, useState } from "react";
import { useQuery } from "urql";
import { useCursorPages } from "../../lib/cursor-pagination.ts";
import { kindLabel } from "../../lib/labels.ts";
import { RelativeTime } from "../../lib/RelativeTime.tsx";
import { ServerDataGrid } from "../../lib/ServerDataGrid.tsx";
import { useUrlSort } from "../../lib/url-sort.ts";
import { useUrlState } from "../../lib/url-state.ts";
import { MemberPicker } from "../members/MemberPicker.tsx";
import { SessionLost } from "../session/SessionLost.tsx";
import { useOrganization } from "../session/SessionProvider.tsx";
import { AuditEventDrawer } from "./AuditEventDrawer.tsx";
import { type AuditAction, actionLabel, auditActions, isAuditAction } from "./actions.ts";
import { AuditEventsQuery, type AuditEventRow as Event } from "./documents.ts";
import { TargetPicker } from "./TargetPicker.tsx";

const sortableColumns = { createdAt: "CREATED_AT" } as const;

/** The grid's columns; `open` shows an event's details (also reachable from the keyboard by its button). */
const columnsFor = (open: (event: Event) => void): GridColDef<Event>[] => [
  {
    field: "createdAt",
    headerName: "Time",
    width: 150,
    renderCell: ({ row }) => <RelativeTime value={row.createdAt} />,
  },
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
  {
    field: "changes",
    headerName: "Changed",
    flex: 1,
    minWidth: 140,
    sortable: false,
    valueGetter: (_v, row) => row.changes.map((c) => c.field).join(", "),
  },
  { field: "sourceAddress", headerName: "Source address", width: 140, sortable: false },
  {
    field: "details",
    headerName: "Details",
    width: 90,
    sortable: false,
    disableColumnMenu: true,
    renderCell: ({ row }) => (
      <Button
        size="small"
        onClick={() => open(row)}
        aria-label={`Details of ${actionLabel(row.action)} at ${row.createdAt}`}
      >
        Details
      </Button>
    ),
  },
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
  const sort = useUrlSort(sortableColumns);
  const pages = useCursorPages(`${organization.slug}|${JSON.stringify(filter)}|${JSON.stringify(sort.orderBy)}`);
  const [open, setOpen] = useState<Event | null>(null);
  const columns = useMemo(() => columnsFor(setOpen), []);
  const [result, refetch] = useQuery({
    query: AuditEventsQuery,
    variables: { slug: organization.slug, first: pages.first, after: pages.after, filter, orderBy: sort.orderBy },
    pause: !organization.canManage,
    requestPolicy: "network-only",
  });
  const connection = result.data?.organization?.auditEvents;
  const { remember } = pages;
  useEffect(() => remember(connection?.pageInfo.endCursor), [connection, remember]);
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
        <MemberPicker
          slug={organization.slug}
          label="Actor"
          width={230}
          value={url.get("actor") ? { id: url.get("actor"), label: url.get("actorName") || "Chosen member" } : null}
          onChange={(member) => url.set({ actor: member?.id, actorName: member?.label })}
        />
        <TargetPicker
          slug={organization.slug}
          value={
            url.get("target")
              ? { id: url.get("target"), label: url.get("targetName") || "Chosen target", kind: "" }
              : null
          }
          onChange={(target) => url.set({ target: target?.id, targetName: target?.label })}
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
        sorting={sort}
        onRowClick={({ row }) => setOpen(row)}
        emptyLabel="No events match."
      />
      {open && <AuditEventDrawer event={open} onClose={() => setOpen(null)} />}
    </Stack>
  );
}
