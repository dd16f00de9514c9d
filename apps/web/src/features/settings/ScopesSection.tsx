import AddIcon from "@mui/icons-material/Add";
import {
  Box,
  Button,
  Chip,
  Paper,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  Typography,
} from "@mui/material";
import { useState } from "react";
import { formatDate } from "../../lib/dates.ts";
import { useOrganization } from "../session/SessionProvider.tsx";
import type { ScopeRow } from "./documents.ts";
import { RetireScopeDialog } from "./RetireScopeDialog.tsx";
import { ScopeDialog } from "./ScopeDialog.tsx";

type Open = { kind: "create" } | { kind: "describe"; scope: ScopeRow } | { kind: "retire"; scope: ScopeRow };

/**
 * The scope catalogue: data scopes first (the partner's own, editable), then Tessera's management
 * scopes (read-only). Retiring and restoring ask first, saying what stops or starts verifying.
 */
export function ScopesSection(props: { scopes: ScopeRow[]; loading: boolean; onChanged: () => void }) {
  const { canManage } = useOrganization();
  const [open, setOpen] = useState<Open | null>(null);
  const close = () => setOpen(null);

  return (
    <Stack spacing={1.5} component="section" aria-labelledby="scopes-heading">
      <Box sx={{ display: "flex", alignItems: "center", justifyContent: "space-between", gap: 2 }}>
        <Box>
          <Typography variant="h6" component="h2" id="scopes-heading">
            Scopes
          </Typography>
          <Typography variant="body2" color="text.secondary">
            Data scopes are what your services check when they verify a key. Management scopes let a key manage Tessera
            itself.
          </Typography>
        </Box>
        {canManage && (
          <Button variant="contained" startIcon={<AddIcon />} onClick={() => setOpen({ kind: "create" })}>
            Add scope
          </Button>
        )}
      </Box>
      <TableContainer component={Paper} variant="outlined">
        <Table size="small" aria-labelledby="scopes-heading">
          <TableHead>
            <TableRow>
              <TableCell>Name</TableCell>
              <TableCell>Description</TableCell>
              <TableCell>Kind</TableCell>
              <TableCell align="right">Keys holding it</TableCell>
              <TableCell>State</TableCell>
              {canManage && <TableCell align="right">Actions</TableCell>}
            </TableRow>
          </TableHead>
          <TableBody>
            {props.scopes.length === 0 && (
              <TableRow>
                <TableCell colSpan={canManage ? 6 : 5}>{props.loading ? "Loading…" : "No scopes yet."}</TableCell>
              </TableRow>
            )}
            {props.scopes.map((scope) => (
              <TableRow key={scope.id} hover>
                <TableCell>
                  <code>{scope.name}</code>
                </TableCell>
                <TableCell>{scope.description}</TableCell>
                <TableCell>{scope.kind === "MANAGEMENT" ? "Management" : "Data"}</TableCell>
                <TableCell align="right">{scope.keyCount}</TableCell>
                <TableCell>
                  {scope.retiredAt ? (
                    <Chip
                      size="small"
                      variant="outlined"
                      color="error"
                      label={`Retired ${formatDate(scope.retiredAt)}`}
                    />
                  ) : (
                    <Chip size="small" variant="outlined" color="success" label="In use" />
                  )}
                </TableCell>
                {canManage && (
                  <TableCell align="right" sx={{ whiteSpace: "nowrap" }}>
                    {scope.kind === "DATA" && (
                      <>
                        <Button size="small" onClick={() => setOpen({ kind: "describe", scope })}>
                          Describe<Box component="span" sx={visuallyHidden}>{` ${scope.name}`}</Box>
                        </Button>
                        <Button
                          size="small"
                          color={scope.retiredAt ? "primary" : "error"}
                          onClick={() => setOpen({ kind: "retire", scope })}
                        >
                          {scope.retiredAt ? "Restore" : "Retire"}
                          <Box component="span" sx={visuallyHidden}>{` ${scope.name}`}</Box>
                        </Button>
                      </>
                    )}
                  </TableCell>
                )}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
      {open?.kind === "create" && <ScopeDialog onClose={close} onDone={props.onChanged} />}
      {open?.kind === "describe" && <ScopeDialog scope={open.scope} onClose={close} onDone={props.onChanged} />}
      {open?.kind === "retire" && <RetireScopeDialog scope={open.scope} onClose={close} onDone={props.onChanged} />}
    </Stack>
  );
}

/** Names the row in a button's accessible name ("Retire trips:read") without repeating it on screen. */
export const visuallyHidden = {
  position: "absolute",
  width: 1,
  height: 1,
  overflow: "hidden",
  clip: "rect(0 0 0 0)",
  whiteSpace: "nowrap",
} as const;
