import { Alert, Button, Link, Table, TableBody, TableCell, TableHead, TableRow, Typography } from "@mui/material";
import { lazy, Suspense, useState } from "react";
import { Link as RouterLink } from "react-router";
import { formatDate } from "../../lib/dates.ts";
import type { ApiKeyRow } from "../api-keys/documents.ts";
import { daysLeft, expiringSoonDays, keyDetails, keysExpiringBefore } from "./overview.ts";

type ExpiringKey = Pick<ApiKeyRow, "id" | "name" | "expiresAt">;

const RenewApiKeyDialog = lazy(() => import("../api-keys/RenewApiKeyDialog.tsx"));

/** How many of the expiring keys the Overview lists; the rest are one link away. */
export const expiringListed = 8;

const plural = (n: number, one: string, many: string) => `${n.toLocaleString("en-GB")} ${n === 1 ? one : many}`;

/**
 * Keys expiring before the day `before` (the one after the 30th day from today), soonest first, as the server lists them: the first
 * few with Renew for those who may, the count of all, and a link to the filtered keys list.
 */
export function ExpiringKeys({
  keys,
  totalCount,
  before,
  canManage,
  now,
}: {
  keys: readonly ExpiringKey[];
  totalCount: number;
  before: string;
  canManage: boolean;
  now: Date;
}) {
  const [renewing, setRenewing] = useState<ExpiringKey | null>(null);
  if (totalCount === 0) {
    return (
      <Alert severity="success" variant="outlined">
        No key expires in the next {expiringSoonDays} days.
      </Alert>
    );
  }
  return (
    <>
      <Typography variant="body2">
        {plural(totalCount, "key expires", "keys expire")} in the next {expiringSoonDays} days
        {totalCount > keys.length ? `; the ${keys.length} soonest:` : "."}
      </Typography>
      <Table size="small" aria-label={`Keys expiring in the next ${expiringSoonDays} days`}>
        <TableHead>
          <TableRow>
            <TableCell>Key</TableCell>
            <TableCell>Expires</TableCell>
            {canManage && <TableCell align="right">Renew</TableCell>}
          </TableRow>
        </TableHead>
        <TableBody>
          {keys.map((key) => {
            const left = daysLeft(key.expiresAt, now);
            return (
              <TableRow key={key.id}>
                <TableCell>
                  <Link component={RouterLink} to={keyDetails(key.id)} underline="hover">
                    {key.name}
                  </Link>
                </TableCell>
                <TableCell sx={{ whiteSpace: "nowrap" }}>
                  {formatDate(key.expiresAt)} ({left === 0 ? "today" : `${left} day${left === 1 ? "" : "s"}`})
                </TableCell>
                {canManage && (
                  <TableCell align="right">
                    <Button size="small" onClick={() => setRenewing(key)} aria-label={`Renew ${key.name}`}>
                      Renew
                    </Button>
                  </TableCell>
                )}
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
      <Link component={RouterLink} to={keysExpiringBefore(before)} underline="hover">
        {totalCount === 1 ? "See it in API Keys" : `See all ${totalCount.toLocaleString("en-GB")} in API Keys`}
      </Link>
      {renewing && (
        <Suspense fallback={null}>
          <RenewApiKeyDialog apiKey={renewing} onClose={() => setRenewing(null)} />
        </Suspense>
      )}
    </>
  );
}
