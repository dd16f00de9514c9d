import { Alert, Button, Link, Table, TableBody, TableCell, TableHead, TableRow } from "@mui/material";
import { lazy, Suspense, useState } from "react";
import { Link as RouterLink } from "react-router";
import { formatDate } from "../../lib/dates.ts";
import type { ApiKeyRow } from "../api-keys/documents.ts";

type ExpiringKey = Pick<ApiKeyRow, "id" | "name" | "expiresAt">;

import { daysLeft, expiringSoonDays, keyDetails, keysWithStatus } from "./overview.ts";

const RenewApiKeyDialog = lazy(() => import("../api-keys/RenewApiKeyDialog.tsx"));

/** Keys expiring within 30 days, soonest first, each with Renew for those who may. */
export function ExpiringKeys({
  keys,
  expiringTotal,
  canManage,
  now,
}: {
  keys: ExpiringKey[];
  expiringTotal: number;
  canManage: boolean;
  now: Date;
}) {
  const [renewing, setRenewing] = useState<ExpiringKey | null>(null);
  if (keys.length === 0) {
    return (
      <Alert severity="success" variant="outlined">
        No key expires in the next {expiringSoonDays} days.
      </Alert>
    );
  }
  return (
    <>
      <Table size="small" aria-label={`Keys expiring in the next ${expiringSoonDays} days`}>
        <TableHead>
          <TableRow>
            <TableCell>Key</TableCell>
            <TableCell>Expires</TableCell>
            {canManage && <TableCell align="right">Renew</TableCell>}
          </TableRow>
        </TableHead>
        <TableBody>
          {keys.slice(0, 8).map((key) => {
            const left = daysLeft(key.expiresAt, now);
            return (
              <TableRow key={key.id}>
                <TableCell>
                  <Link component={RouterLink} to={keyDetails(key.id)} underline="hover">
                    {key.name}
                  </Link>
                </TableCell>
                <TableCell>
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
      <Link component={RouterLink} to={keysWithStatus("EXPIRING")} underline="hover">
        {keys.length > 8 ? `${keys.length - 8} more in the next ${expiringSoonDays} days. ` : ""}
        See {expiringTotal === 1 ? "the key" : `all ${expiringTotal} keys`} expiring within 90 days
      </Link>
      {renewing && (
        <Suspense fallback={null}>
          <RenewApiKeyDialog apiKey={renewing} onClose={() => setRenewing(null)} />
        </Suspense>
      )}
    </>
  );
}
