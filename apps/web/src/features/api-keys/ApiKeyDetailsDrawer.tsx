import CloseIcon from "@mui/icons-material/Close";
import {
  Alert,
  Box,
  Chip,
  CircularProgress,
  Divider,
  Drawer,
  IconButton,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableRow,
  Typography,
} from "@mui/material";
import type { ReactNode } from "react";
import { useQuery } from "urql";
import { ApiVersionChip } from "../../layout/ApiVersionChip.tsx";
import { StatusChip } from "../../layout/StatusChip.tsx";
import { formatDateTime } from "../../lib/dates.ts";
import { kindLabel } from "../../lib/labels.ts";
import { useOrganization } from "../session/SessionProvider.tsx";
import { rateLimitLabel } from "../traffic/traffic.ts";
import { ApiKeyDetailsQuery, KeyCatalogQuery } from "./documents.ts";
import { KeyUsage } from "./KeyUsage.tsx";

function Chips({ all, allText, items }: { all?: boolean; allText: string; items: string[] }) {
  if (all) return <Typography variant="body2">{allText}</Typography>;
  if (items.length === 0) return <Typography variant="body2">None</Typography>;
  return (
    <Box sx={{ display: "flex", gap: 0.5, flexWrap: "wrap" }}>
      {items.map((item) => (
        <Chip key={item} size="small" label={item} />
      ))}
    </Box>
  );
}

type Credits = { remaining: number; refill: { amount: number; interval: string; dayOfMonth: number | null } | null };

function creditsLabel(credits: Credits | null): string {
  if (!credits) return "Unlimited";
  const left = `${credits.remaining.toLocaleString("en-GB")} remaining`;
  if (!credits.refill) return `${left}, no refill`;
  const when = credits.refill.interval === "DAILY" ? "daily" : `monthly on day ${credits.refill.dayOfMonth ?? 1}`;
  return `${left}, refilled to ${credits.refill.amount.toLocaleString("en-GB")} ${when}`;
}

/** Every field of a key, its restrictions, what it owns and its verifications of the last 30 days. */
export default function ApiKeyDetailsDrawer({ id, onClose }: { id: string; onClose: () => void }) {
  const [result] = useQuery({ query: ApiKeyDetailsQuery, variables: { id }, requestPolicy: "network-only" });
  const key = result.data?.node && "name" in result.data.node ? result.data.node : null;
  const organization = useOrganization();
  const [catalog] = useQuery({ query: KeyCatalogQuery, variables: { slug: organization.slug } });
  const version = catalog.data?.organization?.apiVersions.find((v) => v.name === key?.apiVersion);
  const retired = new Set(catalog.data?.organization?.scopes.filter((s) => s.retiredAt).map((s) => s.name));

  const rows: [string, ReactNode][] = key
    ? [
        ["Status", <StatusChip key="s" status={key.status} />],
        ["Hint", <code key="h">{key.hint}</code>],
        ["Description", key.description ?? "—"],
        ["Role", key.role],
        [
          "API version",
          <Box key="v" sx={{ display: "flex", gap: 1, alignItems: "center", flexWrap: "wrap" }}>
            <span>{key.apiVersion}</span>
            {version && <ApiVersionChip version={version} hideCurrent />}
          </Box>,
        ],
        ["Created", `${formatDateTime(key.createdAt)} by ${key.createdBy?.email ?? "a key or a removed member"}`],
        ["Changed", formatDateTime(key.updatedAt)],
        ["Expires", formatDateTime(key.expiresAt)],
        ["Last used", key.lastUsedAt ? formatDateTime(key.lastUsedAt) : "Never"],
        ["Renewed", formatDateTime(key.renewedAt)],
        [
          "Revoked",
          key.revokedAt ? `${formatDateTime(key.revokedAt)} — ${key.revokedReason ?? "no reason given"}` : "—",
        ],
        [
          "Data scopes",
          <Chips
            key="sc"
            all={key.allScopes}
            allText="All data scopes"
            items={key.scopes.map((s) => (retired.has(s) ? `${s} (retired)` : s))}
          />,
        ],
        [
          "Manage Tessera",
          key.managementScopes.length ? (
            <Box key="m">
              <Typography variant="body2">Can manage:</Typography>
              <Chips allText="" items={key.managementScopes} />
            </Box>
          ) : (
            "Cannot manage Tessera"
          ),
        ],
        [
          "Resources",
          <Chips key="r" all={key.allResources} allText="All resources" items={key.resources.map((r) => r.name)} />,
        ],
        [
          "Customer accounts",
          <Chips
            key="a"
            all={key.allCustomerAccounts}
            allText="All customer accounts"
            items={key.customerAccounts.map((a) => a.name)}
          />,
        ],
        ["Origins", <Chips key="o" all={key.origins.length === 0} allText="Any origin" items={key.origins} />],
        ["User agent", key.userAgent ?? "Any"],
        [
          "IP allowlist",
          <Chips key="ip" all={key.ipAllowlist.length === 0} allText="Any address" items={key.ipAllowlist} />,
        ],
        [
          "Rate limits",
          <Chips
            key="rl"
            all={key.rateLimits.length === 0}
            allText="None: unlimited"
            items={key.rateLimits.map(rateLimitLabel)}
          />,
        ],
        ["Credits", creditsLabel(key.credits)],
        [
          "Owns",
          <Chips key="own" allText="" items={key.ownedResources.map((r) => `${r.name} (${kindLabel(r.kind)})`)} />,
        ],
      ]
    : [];

  return (
    <Drawer
      anchor="right"
      open
      onClose={onClose}
      slotProps={{ paper: { sx: { width: 520, maxWidth: "100vw" }, "aria-labelledby": "key-details-title" } as object }}
    >
      <Box sx={{ p: 3 }}>
        <Box sx={{ display: "flex", alignItems: "center", justifyContent: "space-between" }}>
          <Typography id="key-details-title" variant="h6" component="h2">
            {key?.name ?? "API key"}
          </Typography>
          <IconButton aria-label="Close details" onClick={onClose}>
            <CloseIcon />
          </IconButton>
        </Box>
        {result.fetching && !key && <CircularProgress aria-label="Loading the key" />}
        {result.error && <Alert severity="error">The key could not be loaded: {result.error.message}</Alert>}
        {result.data && !key && <Alert severity="warning">This key no longer exists.</Alert>}
        {key && (
          <Stack spacing={2}>
            <Table size="small" aria-label="Key details">
              <TableBody>
                {rows.map(([label, value]) => (
                  <TableRow key={label}>
                    <TableCell component="th" scope="row" sx={{ width: 150, color: "text.secondary", border: 0 }}>
                      {label}
                    </TableCell>
                    <TableCell sx={{ border: 0 }}>{value}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
            <Divider />
            <KeyUsage id={key.id} />
          </Stack>
        )}
      </Box>
    </Drawer>
  );
}
