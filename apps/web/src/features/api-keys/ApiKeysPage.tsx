import AddIcon from "@mui/icons-material/Add";
import { Alert, Box, Button, Stack, Typography } from "@mui/material";
import type { GridColDef } from "@mui/x-data-grid";
import { lazy, Suspense, useEffect, useMemo, useState } from "react";
import { useQuery } from "urql";
import { ApiVersionChip } from "../../layout/ApiVersionChip.tsx";
import { StatusChip } from "../../layout/StatusChip.tsx";
import { useCursorPages } from "../../lib/cursor-pagination.ts";
import { readFragment } from "../../lib/graphql.ts";
import { RelativeTime } from "../../lib/RelativeTime.tsx";
import { ServerDataGrid } from "../../lib/ServerDataGrid.tsx";
import { useUrlSort } from "../../lib/url-sort.ts";
import { useUrlState } from "../../lib/url-state.ts";
import { SessionLost } from "../session/SessionLost.tsx";
import { useOrganization } from "../session/SessionProvider.tsx";
import { ApiKeyFilters, type KeyStatus, keyStatuses } from "./ApiKeyFilters.tsx";
import { ApiKeyRowMenu, type KeyDialog } from "./ApiKeyRowMenu.tsx";
import { type ApiKeyRow, ApiKeyRowFields, ApiKeysQuery, KeyCatalogQuery } from "./documents.ts";
import { ExportKeysButton } from "./ExportKeysButton.tsx";

const CreateApiKeyDialog = lazy(() => import("./CreateApiKeyDialog.tsx"));
const ApiKeyDetailsDrawer = lazy(() => import("./ApiKeyDetailsDrawer.tsx"));
const EditApiKeyDialog = lazy(() => import("./EditApiKeyDialog.tsx"));
const RevokeApiKeyDialog = lazy(() => import("./RevokeApiKeyDialog.tsx"));
const RenewApiKeyDialog = lazy(() => import("./RenewApiKeyDialog.tsx"));
const DeleteApiKeyDialog = lazy(() => import("./DeleteApiKeyDialog.tsx"));

/** The grid's sortable columns and the API's order field for each. */
const sortableColumns = {
  name: "NAME",
  status: "STATUS",
  createdAt: "CREATED_AT",
  expiresAt: "EXPIRES_AT",
  lastUsedAt: "LAST_USED_AT",
} as const;

/** API Keys: the organization's keys, filtered, sorted and paged on the server, with the key lifecycle. */
export default function ApiKeysPage() {
  const organization = useOrganization();
  const url = useUrlState();
  const statuses = url.getList("status").filter((s): s is KeyStatus => keyStatuses.includes(s as KeyStatus));
  const filter = {
    search: url.get("q") || null,
    statuses: statuses.length ? statuses : null,
    apiVersion: url.get("version") || null,
    createdById: url.get("creator") || null,
    expiresBefore: validInstant(url.get("expiresBefore")),
  };
  const sort = useUrlSort(sortableColumns);
  const pages = useCursorPages(`${organization.slug}|${JSON.stringify(filter)}|${JSON.stringify(sort.orderBy)}`);
  const context = useMemo(() => ({ additionalTypenames: ["ApiKey"] }), []);
  const [result, refetch] = useQuery({
    query: ApiKeysQuery,
    variables: { slug: organization.slug, first: pages.first, after: pages.after, filter, orderBy: sort.orderBy },
    context,
  });
  // A link whose cursor the server refuses (made under another order, or garbled): start at page one.
  const { restart } = pages;
  const refusedCursor = Boolean(result.error?.message.includes("`after`"));
  useEffect(() => {
    if (refusedCursor) restart();
  }, [refusedCursor, restart]);
  const [catalog] = useQuery({ query: KeyCatalogQuery, variables: { slug: organization.slug } });
  const [dialog, setDialog] = useState<KeyDialog | null>(null);
  const [creating, setCreating] = useState(false);

  const connection = result.data?.organization?.apiKeys;
  const { remember } = pages;
  useEffect(() => remember(connection?.pageInfo.endCursor), [connection, remember]);
  const rows = useMemo(() => (connection?.nodes ?? []).map((n) => readFragment(ApiKeyRowFields, n)), [connection]);
  const members = catalog.data?.organization?.members ?? [];
  const catalogVersions = catalog.data?.organization?.apiVersions;
  const versions = useMemo(() => (catalogVersions ?? []).map((v) => v.name), [catalogVersions]);
  const versionByName = useMemo(() => new Map((catalogVersions ?? []).map((v) => [v.name, v])), [catalogVersions]);

  const columns = useMemo<GridColDef<ApiKeyRow>[]>(
    () => [
      {
        field: "name",
        headerName: "Name",
        flex: 1.4,
        minWidth: 180,
        renderCell: ({ row }) => (
          <Box sx={{ lineHeight: 1.3, py: 0.75 }}>
            <Box>{row.name}</Box>
            <Box component="code" sx={{ fontSize: 12, color: "text.secondary" }}>
              {row.hint}
            </Box>
          </Box>
        ),
      },
      {
        field: "status",
        headerName: "Status",
        width: 110,
        renderCell: ({ row }) => <StatusChip status={row.status} />,
      },
      {
        field: "createdAt",
        headerName: "Added",
        width: 125,
        renderCell: ({ row }) => <RelativeTime value={row.createdAt} />,
      },
      {
        field: "expiresAt",
        headerName: "Expires",
        width: 125,
        renderCell: ({ row }) => <RelativeTime value={row.expiresAt} />,
      },
      {
        field: "apiVersion",
        headerName: "API version",
        width: 150,
        sortable: false,
        // Every key on a deprecated version is flagged, and more loudly once its sunset has passed.
        renderCell: ({ row }) => {
          const version = versionByName.get(row.apiVersion);
          return (
            <Box sx={{ display: "flex", gap: 0.5, alignItems: "center", flexWrap: "wrap", py: 0.5 }}>
              <span>{row.apiVersion}</span>
              {version && <ApiVersionChip version={version} hideCurrent compact />}
            </Box>
          );
        },
      },
      {
        field: "createdBy",
        headerName: "Created by",
        flex: 1,
        minWidth: 150,
        sortable: false,
        valueGetter: (_v, row) => row.createdBy?.name ?? row.createdBy?.email ?? "—",
      },
      {
        field: "lastUsedAt",
        headerName: "Last used",
        width: 125,
        renderCell: ({ row }) => <RelativeTime value={row.lastUsedAt} empty="Never" />,
      },
      {
        field: "actions",
        headerName: "Actions",
        width: 80,
        sortable: false,
        disableColumnMenu: true,
        renderCell: ({ row }) => <ApiKeyRowMenu apiKey={row} canManage={organization.canManage} onOpen={setDialog} />,
      },
    ],
    [organization.canManage, versionByName],
  );

  if (result.data && !result.data.organization) return <SessionLost />;
  const close = () => setDialog(null);
  // `/keys?key=<id>` (the link in expiry emails) opens that key's details.
  const linkedKeyId = keyIdFromLink(url.get("key"));
  const changed = () => refetch({ requestPolicy: "network-only" });

  return (
    <Stack spacing={2}>
      <Box sx={{ display: "flex", alignItems: "center", justifyContent: "space-between", gap: 2 }}>
        <Typography variant="h5" component="h1">
          API Keys
        </Typography>
        <Box sx={{ display: "flex", gap: 1, alignItems: "center" }}>
          <ExportKeysButton
            slug={organization.slug}
            filter={filter}
            orderBy={sort.orderBy}
            totalCount={connection?.totalCount ?? null}
          />
          {organization.canManage && (
            <Button variant="contained" startIcon={<AddIcon />} onClick={() => setCreating(true)}>
              Add API key
            </Button>
          )}
        </Box>
      </Box>
      <ApiKeyFilters
        versions={versions}
        creators={members.map((m) => ({ id: m.user.id, label: m.user.name ?? m.user.email }))}
      />
      {result.error && !result.data && (
        <Alert severity="error" action={<Button onClick={changed}>Retry</Button>}>
          The keys could not be loaded: {result.error.message}
        </Alert>
      )}
      <ServerDataGrid
        label="API keys"
        rows={rows}
        columns={columns}
        totalCount={connection?.totalCount ?? 0}
        loading={result.fetching}
        pages={pages}
        sorting={sort}
        emptyLabel="No API keys match. Change the filters, or add a key."
        getRowHeight={() => 56}
      />
      <Suspense fallback={null}>
        {creating && <CreateApiKeyDialog onClose={() => setCreating(false)} onCreated={changed} />}
        {dialog?.kind === "details" && <ApiKeyDetailsDrawer id={dialog.key.id} onClose={close} />}
        {linkedKeyId && !dialog && <ApiKeyDetailsDrawer id={linkedKeyId} onClose={() => url.set({ key: undefined })} />}
        {dialog?.kind === "edit" && <EditApiKeyDialog id={dialog.key.id} onClose={close} />}
        {dialog?.kind === "renew" && <RenewApiKeyDialog apiKey={dialog.key} onClose={close} />}
        {dialog?.kind === "revoke" && <RevokeApiKeyDialog apiKey={dialog.key} onClose={close} />}
        {dialog?.kind === "delete" && <DeleteApiKeyDialog id={dialog.key.id} onClose={close} onDeleted={changed} />}
      </Suspense>
    </Stack>
  );
}

/** An instant from the URL, or null when absent or not a date (a garbled link shows every key). */
function validInstant(value: string): string | null {
  return value && !Number.isNaN(Date.parse(value)) ? new Date(value).toISOString() : null;
}

/** The key's global id from a link's `key` parameter: a global id, or the database id emails carry. */
function keyIdFromLink(value: string): string | null {
  if (!value) return null;
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)
    ? btoa(`ApiKey:${value}`)
    : value;
}
