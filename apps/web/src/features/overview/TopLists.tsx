import { Alert, Link, Table, TableBody, TableCell, TableHead, TableRow } from "@mui/material";
import { Link as RouterLink } from "react-router";
import { StatusChip } from "../../layout/StatusChip.tsx";
import { codeLabel, codeWords, usageDays } from "../api-keys/usage.ts";
import { formatCount } from "./Figure.tsx";
import { keyDetails, refusalLink } from "./overview.ts";

type TopKey = { apiKey: { id: string; name: string; status: string }; total: number; valid: number; refused: number };

/** The keys with the most verifications, each leading to its details and usage chart. */
export function TopKeys({ rows }: { rows: TopKey[] }) {
  if (rows.length === 0) {
    return (
      <Alert severity="info" variant="outlined">
        No key was used in the last {usageDays} days.
      </Alert>
    );
  }
  return (
    <Table size="small" aria-label="Top keys by traffic">
      <TableHead>
        <TableRow>
          <TableCell>Key</TableCell>
          <TableCell>Status</TableCell>
          <TableCell align="right">Verifications</TableCell>
          <TableCell align="right">Refused</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map((row) => (
          <TableRow key={row.apiKey.id}>
            <TableCell>
              <Link component={RouterLink} to={keyDetails(row.apiKey.id)} underline="hover">
                {row.apiKey.name}
              </Link>
            </TableCell>
            <TableCell>
              <StatusChip status={row.apiKey.status} />
            </TableCell>
            <TableCell align="right">{formatCount(row.total)}</TableCell>
            <TableCell align="right">{formatCount(row.refused)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** Refusals by code, most frequent first; codes that match a key status lead to those keys. */
export function TopRefusals({ rows }: { rows: { code: string; count: number }[] }) {
  if (rows.length === 0) {
    return (
      <Alert severity="success" variant="outlined">
        No refused verification in the last {usageDays} days.
      </Alert>
    );
  }
  return (
    <Table size="small" aria-label="Top refusal codes">
      <TableHead>
        <TableRow>
          <TableCell>Refusal</TableCell>
          <TableCell align="right">Verifications</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map(({ code, count }) => {
          const to = refusalLink(code);
          return (
            <TableRow key={code}>
              <TableCell>
                {codeLabel(code)} <code>{code}</code>
              </TableCell>
              <TableCell align="right">
                {to ? (
                  <Link
                    component={RouterLink}
                    to={to}
                    underline="hover"
                    aria-label={`${formatCount(count)} ${codeWords(code)}: show those keys`}
                  >
                    {formatCount(count)}
                  </Link>
                ) : (
                  formatCount(count)
                )}
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
