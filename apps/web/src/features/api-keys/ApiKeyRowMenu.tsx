import MoreVertIcon from "@mui/icons-material/MoreVert";
import { IconButton, ListItemText, Menu, MenuItem } from "@mui/material";
import { useState } from "react";
import type { ApiKeyRow } from "./documents.ts";

export type KeyDialog = { kind: "details" | "edit" | "renew" | "revoke" | "delete"; key: ApiKeyRow };

/** Why a key cannot be renewed, or null when it can (only active, unexpired keys renew). */
export function renewBlocker(status: string): string | null {
  if (status === "REVOKED") return "Revoked keys cannot be renewed: create a new key.";
  if (status === "EXPIRED") return "Expired keys cannot be renewed: create a new key.";
  return null;
}

/**
 * The row menu. Read-only members see Details only: no write control at all, not dead buttons.
 * Renew and Revoke stay visible but disabled, with the reason, when the key's state forbids them.
 */
export function ApiKeyRowMenu(props: { apiKey: ApiKeyRow; canManage: boolean; onOpen: (d: KeyDialog) => void }) {
  const { apiKey, canManage, onOpen } = props;
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const open = (kind: KeyDialog["kind"]) => () => {
    setAnchor(null);
    onOpen({ kind, key: apiKey });
  };
  const renewReason = renewBlocker(apiKey.status);
  const revoked = apiKey.status === "REVOKED";
  const menuId = `key-menu-${apiKey.id}`;

  return (
    <>
      <IconButton
        aria-label={`Actions for ${apiKey.name}`}
        aria-haspopup="menu"
        aria-controls={anchor ? menuId : undefined}
        onClick={(e) => setAnchor(e.currentTarget)}
        size="small"
      >
        <MoreVertIcon fontSize="small" />
      </IconButton>
      <Menu id={menuId} anchorEl={anchor} open={Boolean(anchor)} onClose={() => setAnchor(null)}>
        <MenuItem onClick={open("details")}>Details</MenuItem>
        {canManage && [
          <MenuItem key="edit" onClick={open("edit")}>
            Edit
          </MenuItem>,
          <MenuItem key="renew" onClick={open("renew")} disabled={Boolean(renewReason)}>
            <ListItemText primary="Renew" secondary={renewReason} />
          </MenuItem>,
          <MenuItem key="revoke" onClick={open("revoke")} disabled={revoked}>
            <ListItemText primary="Revoke" secondary={revoked ? "Already revoked." : null} />
          </MenuItem>,
          <MenuItem key="delete" onClick={open("delete")} sx={{ color: "error.main" }}>
            Delete
          </MenuItem>,
        ]}
      </Menu>
    </>
  );
}
