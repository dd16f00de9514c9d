import { Box, Button, Chip, TableCell, TableRow } from "@mui/material";
import { useState } from "react";
import { useMutation } from "urql";
import { ApiVersionChip } from "../../layout/ApiVersionChip.tsx";
import { formatDate } from "../../lib/dates.ts";
import { useReportedAction } from "../../lib/mutation-result.ts";
import { useOrganization } from "../session/SessionProvider.tsx";
import { CreateApiVersionDialog } from "./CreateApiVersionDialog.tsx";
import { DeprecateApiVersionDialog } from "./DeprecateApiVersionDialog.tsx";
import { type ApiVersionRow, SetDefaultApiVersionMutation } from "./documents.ts";
import { SettingsSection, visuallyHidden } from "./SettingsSection.tsx";

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
    <SettingsSection
      id="versions-heading"
      title="API versions"
      intro="Keys are pinned to a version. Verifying a key on a deprecated version says so (with Deprecation and Sunset headers); after the sunset the key still works until you act."
      addLabel="Add version"
      onAdd={() => setOpen({ kind: "create" })}
      columns={[
        { label: "Version" },
        { label: "Description" },
        { label: "Released" },
        { label: "Status" },
        { label: "Keys on it", align: "right" },
      ]}
      empty={props.versions.length ? null : props.loading ? "Loading…" : "No API versions yet."}
      dialogs={
        <>
          {open?.kind === "create" && <CreateApiVersionDialog onClose={close} onDone={props.onChanged} />}
          {open?.kind === "deprecate" && (
            <DeprecateApiVersionDialog version={open.version} onClose={close} onDone={props.onChanged} />
          )}
        </>
      }
    >
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
    </SettingsSection>
  );
}
