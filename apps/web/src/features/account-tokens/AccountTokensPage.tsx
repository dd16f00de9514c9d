import AddIcon from "@mui/icons-material/Add";
import { Alert, Box, Button, Stack, TextField, Typography } from "@mui/material";
import type { GridColDef } from "@mui/x-data-grid";
import { lazy, Suspense, useEffect, useMemo, useState } from "react";
import { useQuery } from "urql";
import { StatusChip } from "../../layout/StatusChip.tsx";
import { StatusFilter } from "../../layout/StatusFilter.tsx";
import { useCursorPages } from "../../lib/cursor-pagination.ts";
import { readFragment } from "../../lib/graphql.ts";
import { RelativeTime } from "../../lib/RelativeTime.tsx";
import { ServerDataGrid } from "../../lib/ServerDataGrid.tsx";
import { useUrlSort } from "../../lib/url-sort.ts";
import { useUrlSearch, useUrlState } from "../../lib/url-state.ts";
import { SessionLost } from "../session/SessionLost.tsx";
import { useOrganization } from "../session/SessionProvider.tsx";
import { type AccountDialog, AccountRowMenu } from "./AccountRowMenu.tsx";
import { type CustomerAccountRow, CustomerAccountRowFields, CustomerAccountsQuery } from "./documents.ts";
import { LimitsCell } from "./LimitsCell.tsx";
import { TokenCell } from "./TokenCell.tsx";

const CreateAccountDialog = lazy(() => import("./CreateAccountDialog.tsx"));
const ChangeStatusDialog = lazy(() => import("./ChangeStatusDialog.tsx"));
const RotateTokenDialog = lazy(() => import("./RotateTokenDialog.tsx"));
const EditRateLimitsDialog = lazy(() => import("./EditRateLimitsDialog.tsx"));

const accountStatuses = ["ACTIVE", "SUSPENDED", "CLOSED"] as const;
type AccountStatus = (typeof accountStatuses)[number];
/** The grid's sortable columns and the API's order field for each. */
const sortableColumns = { name: "NAME", status: "STATUS", createdAt: "CREATED_AT" } as const;

/** Account Tokens: customer accounts with status, shared rate limits and masked token; admins create, change and rotate. */
export default function AccountTokensPage() {
  const organization = useOrganization();
  const url = useUrlState();
  const [search, setSearch] = useUrlSearch();
  const statuses = url
    .getList("status")
    .filter((s): s is AccountStatus => accountStatuses.includes(s as AccountStatus));
  const filter = { search: url.get("q") || null, statuses: statuses.length ? statuses : null };
  const sort = useUrlSort(sortableColumns);
  const pages = useCursorPages(`${organization.slug}|${JSON.stringify(filter)}|${JSON.stringify(sort.orderBy)}`);
  const context = useMemo(() => ({ additionalTypenames: ["CustomerAccount"] }), []);
  const [result, refetch] = useQuery({
    query: CustomerAccountsQuery,
    variables: { slug: organization.slug, first: pages.first, after: pages.after, filter, orderBy: sort.orderBy },
    context,
  });
  const [dialog, setDialog] = useState<AccountDialog | null>(null);
  const [creating, setCreating] = useState(false);
  const connection = result.data?.organization?.customerAccounts;
  const { remember } = pages;
  useEffect(() => remember(connection?.pageInfo.endCursor), [connection, remember]);
  const rows = useMemo(
    () => (connection?.nodes ?? []).map((n) => readFragment(CustomerAccountRowFields, n)),
    [connection],
  );

  const columns = useMemo<GridColDef<CustomerAccountRow>[]>(
    () => [
      { field: "name", headerName: "Account", flex: 1, minWidth: 200 },
      {
        field: "status",
        headerName: "Status",
        width: 130,
        renderCell: ({ row }) => <StatusChip status={row.status} />,
      },
      {
        field: "token",
        headerName: "Account token",
        flex: 1.2,
        minWidth: 260,
        sortable: false,
        renderCell: ({ row }) => <TokenCell name={row.name} token={row.token} />,
      },
      {
        field: "rateLimits",
        headerName: "Rate limits",
        width: 130,
        sortable: false,
        renderCell: ({ row }) => <LimitsCell limits={row.rateLimits} />,
      },
      {
        field: "createdAt",
        headerName: "Added",
        width: 130,
        renderCell: ({ row }) => <RelativeTime value={row.createdAt} />,
      },
      ...(organization.canManage
        ? [
            {
              field: "actions",
              headerName: "Actions",
              width: 90,
              sortable: false,
              disableColumnMenu: true,
              renderCell: ({ row }: { row: CustomerAccountRow }) => <AccountRowMenu account={row} onOpen={setDialog} />,
            } satisfies GridColDef<CustomerAccountRow>,
          ]
        : []),
    ],
    [organization.canManage],
  );

  if (result.data && !result.data.organization) return <SessionLost />;
  const changed = () => refetch({ requestPolicy: "network-only" });
  const close = () => setDialog(null);

  return (
    <Stack spacing={2}>
      <Box sx={{ display: "flex", alignItems: "center", justifyContent: "space-between" }}>
        <Typography variant="h5" component="h1">
          Account Tokens
        </Typography>
        {organization.canManage && (
          <Button variant="contained" startIcon={<AddIcon />} onClick={() => setCreating(true)}>
            Add account
          </Button>
        )}
      </Box>
      <Box sx={{ display: "flex", gap: 2, flexWrap: "wrap" }}>
        <TextField
          size="small"
          label="Search accounts"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          sx={{ width: 240 }}
        />
        <StatusFilter statuses={accountStatuses} />
      </Box>
      {result.error && !result.data && (
        <Alert severity="error" action={<Button onClick={changed}>Retry</Button>}>
          The accounts could not be loaded: {result.error.message}
        </Alert>
      )}
      <ServerDataGrid
        label="Customer accounts"
        rows={rows}
        columns={columns}
        totalCount={connection?.totalCount ?? 0}
        loading={result.fetching}
        pages={pages}
        sorting={sort}
        emptyLabel="No customer accounts match."
      />
      <Suspense fallback={null}>
        {creating && <CreateAccountDialog onClose={() => setCreating(false)} onCreated={changed} />}
        {dialog?.kind === "status" && <ChangeStatusDialog account={dialog.account} onClose={close} />}
        {dialog?.kind === "rotate" && <RotateTokenDialog account={dialog.account} onClose={close} />}
        {dialog?.kind === "limits" && <EditRateLimitsDialog account={dialog.account} onClose={close} />}
      </Suspense>
    </Stack>
  );
}
