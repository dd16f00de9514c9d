import MoreVertIcon from "@mui/icons-material/MoreVert";
import { IconButton, Menu, MenuItem } from "@mui/material";
import { useState } from "react";
import type { CustomerAccountRow } from "./documents.ts";

export type AccountDialog = { kind: "status" | "rotate" | "limits"; account: CustomerAccountRow };

/** The row menu of a managed account. A closed account keeps its status and its token (its limits stay editable). */
export function AccountRowMenu({
  account,
  onOpen,
}: {
  account: CustomerAccountRow;
  onOpen: (d: AccountDialog) => void;
}) {
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const closed = account.status === "CLOSED";
  const pick = (kind: AccountDialog["kind"]) => () => {
    setAnchor(null);
    onOpen({ kind, account });
  };
  return (
    <>
      <IconButton
        size="small"
        aria-label={`Actions for ${account.name}`}
        aria-haspopup="menu"
        onClick={(e) => setAnchor(e.currentTarget)}
      >
        <MoreVertIcon fontSize="small" />
      </IconButton>
      <Menu anchorEl={anchor} open={Boolean(anchor)} onClose={() => setAnchor(null)}>
        <MenuItem onClick={pick("status")} disabled={closed}>
          {closed ? "Closed accounts keep their status" : "Change status"}
        </MenuItem>
        <MenuItem onClick={pick("limits")}>Edit rate limits</MenuItem>
        <MenuItem onClick={pick("rotate")} disabled={closed}>
          Rotate token
        </MenuItem>
      </Menu>
    </>
  );
}
