import { Box, Button, Chip, TableCell, TableRow } from "@mui/material";
import { useState } from "react";
import { formatDate } from "../../lib/dates.ts";
import { useOrganization } from "../session/SessionProvider.tsx";
import type { ScopeRow } from "./documents.ts";
import { RetireScopeDialog } from "./RetireScopeDialog.tsx";
import { ScopeDialog } from "./ScopeDialog.tsx";
import { SettingsSection, visuallyHidden } from "./SettingsSection.tsx";

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
    <SettingsSection
      id="scopes-heading"
      title="Scopes"
      intro="Data scopes are what your services check when they verify a key. Management scopes let a key manage Tessera itself."
      addLabel="Add scope"
      onAdd={() => setOpen({ kind: "create" })}
      columns={[
        { label: "Name" },
        { label: "Description" },
        { label: "Kind" },
        { label: "Keys holding it", align: "right" },
        { label: "State" },
      ]}
      empty={props.scopes.length ? null : props.loading ? "Loading…" : "No scopes yet."}
      dialogs={
        <>
          {open?.kind === "create" && <ScopeDialog onClose={close} onDone={props.onChanged} />}
          {open?.kind === "describe" && <ScopeDialog scope={open.scope} onClose={close} onDone={props.onChanged} />}
          {open?.kind === "retire" && <RetireScopeDialog scope={open.scope} onClose={close} onDone={props.onChanged} />}
        </>
      }
    >
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
              <Chip size="small" variant="outlined" color="error" label={`Retired ${formatDate(scope.retiredAt)}`} />
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
    </SettingsSection>
  );
}
