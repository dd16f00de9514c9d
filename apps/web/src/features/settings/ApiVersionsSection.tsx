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
import { useMutation } from "urql";
import { ApiVersionChip } from "../../layout/ApiVersionChip.tsx";
import { formatDate } from "../../lib/dates.ts";
import { useReportedAction } from "../../lib/mutation-result.ts";
import { useOrganization } from "../session/SessionProvider.tsx";
import { CreateApiVersionDialog } from "./CreateApiVersionDialog.tsx";
import { DeprecateApiVersionDialog } from "./DeprecateApiVersionDialog.tsx";
import { type ApiVersionRow, SetDefaultApiVersionMutation } from "./documents.ts";
import { visuallyHidden } from "./ScopesSection.tsx";

type Open = { kind: "create" } | { kind: "deprecate"; version: ApiVersionRow };

/** The API versions, newest first: status, sunset, the default for new keys, and how many keys use each. */
export function ApiVersionsSection(props: { versions: ApiVersionRow[]; loading: boolean; onChanged: () => void }) {
  const { canManage } = useOrganization();
  const [open, setOpen] = useState<Open | null>(null);
  const [, setDefault] = useMutation(SetDefaultApiVersionMutation);
  const report = useReportedAction();
  const close = () => setOpen(null);

  async function makeDefault(version: ApiVersionRow) {
    const outcome = await report(
      () => setDefault({ input: { id: version.id } }),
      (d) => d.setDefaultApiVersion,
      `New keys now get ${version.name}.`,
    );
    if (outcome.ok) props.onChanged();
  }

  return (
    <Stack spacing={1.5} component="section" aria-labelledby="versions-heading">
      <Box sx={{ display: "flex", alignItems: "center", justifyContent: "space-between", gap: 2 }}>
        <Box>
          <Typography variant="h6" component="h2" id="versions-heading">
            API versions
          </Typography>
          <Typography variant="body2" color="text.secondary">
            Keys are pinned to a version. Verifying a key on a deprecated version says so (with Deprecation and Sunset
            headers); after the sunset the key still works until you act.
          </Typography>
        </Box>
        {canManage && (
          <Button variant="contained" startIcon={<AddIcon />} onClick={() => setOpen({ kind: "create" })}>
            Add version
          </Button>
        )}
      </Box>
      <TableContainer component={Paper} variant="outlined">
        <Table size="small" aria-labelledby="versions-heading">
          <TableHead>
            <TableRow>
              <TableCell>Version</TableCell>
              <TableCell>Description</TableCell>
              <TableCell>Released</TableCell>
              <TableCell>Status</TableCell>
              <TableCell align="right">Keys on it</TableCell>
              {canManage && <TableCell align="right">Actions</TableCell>}
            </TableRow>
          </TableHead>
          <TableBody>
            {props.versions.length === 0 && (
              <TableRow>
                <TableCell colSpan={canManage ? 6 : 5}>{props.loading ? "Loading…" : "No API versions yet."}</TableCell>
              </TableRow>
            )}
            {props.versions.map((version) => (
              <TableRow key={version.id} hover>
                <TableCell>
                  <Box sx={{ display: "flex", gap: 1, alignItems: "center" }}>
                    <code>{version.name}</code>
                    {version.isDefault && <Chip size="small" color="primary" label="Default for new keys" />}
                  </Box>
                </TableCell>
                <TableCell>{version.description ?? "—"}</TableCell>
                <TableCell>{formatDate(version.releasedAt)}</TableCell>
                <TableCell>
                  <ApiVersionChip version={version} />
                </TableCell>
                <TableCell align="right">{version.keyCount}</TableCell>
                {canManage && (
                  <TableCell align="right" sx={{ whiteSpace: "nowrap" }}>
                    {!version.deprecated && !version.isDefault && (
                      <Button size="small" onClick={() => makeDefault(version)}>
                        Make default<Box component="span" sx={visuallyHidden}>{` ${version.name}`}</Box>
                      </Button>
                    )}
                    {!version.isDefault && (
                      <Button size="small" color="warning" onClick={() => setOpen({ kind: "deprecate", version })}>
                        {version.deprecated ? "Change sunset" : "Deprecate"}
                        <Box component="span" sx={visuallyHidden}>{` ${version.name}`}</Box>
                      </Button>
                    )}
                  </TableCell>
                )}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
      {open?.kind === "create" && <CreateApiVersionDialog onClose={close} onDone={props.onChanged} />}
      {open?.kind === "deprecate" && (
        <DeprecateApiVersionDialog version={open.version} onClose={close} onDone={props.onChanged} />
      )}
    </Stack>
  );
}
