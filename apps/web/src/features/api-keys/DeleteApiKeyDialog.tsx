import {
  Alert,
  CircularProgress,
  FormControlLabel,
  List,
  ListItem,
  ListItemText,
  MenuItem,
  Radio,
  RadioGroup,
  TextField,
} from "@mui/material";
import { useState } from "react";
import { useMutation, useQuery } from "urql";
import { ConfirmDialog } from "../../layout/ConfirmDialog.tsx";
import { kindLabel } from "../../lib/labels.ts";
import { useReportedAction } from "../../lib/mutation-result.ts";
import { useOrganization } from "../session/SessionProvider.tsx";
import { ApiKeyDetailsQuery, DeleteApiKeyMutation, KeyCatalogQuery } from "./documents.ts";

const canReceive = ["OWNER", "ADMIN", "EDITOR"];

/**
 * Delete: physical and irreversible. When the key owns resources the admin picks a member (EDITOR or
 * higher) to receive them, or confirms that the resources owned only by the key go with it.
 */
export default function DeleteApiKeyDialog(props: { id: string; onClose: () => void; onDeleted: () => void }) {
  const organization = useOrganization();
  const [details] = useQuery({ query: ApiKeyDetailsQuery, variables: { id: props.id }, requestPolicy: "network-only" });
  const [catalog] = useQuery({ query: KeyCatalogQuery, variables: { slug: organization.slug } });
  const [, remove] = useMutation(DeleteApiKeyMutation);
  const report = useReportedAction();
  const [choice, setChoice] = useState<"transfer" | "delete">("transfer");
  const [receiver, setReceiver] = useState("");

  const node = details.data?.node;
  const key = node && "name" in node ? node : null;
  const owned = key?.ownedResources ?? [];
  const receivers = (catalog.data?.organization?.members ?? []).filter((m) => canReceive.includes(m.role));
  const transferring = owned.length > 0 && choice === "transfer";

  return (
    <ConfirmDialog
      title={`Delete "${key?.name ?? "API key"}"?`}
      message="Deleting is permanent: the key stops working at once and cannot be restored."
      confirmLabel={transferring ? "Transfer and delete" : "Delete key"}
      danger
      disabled={!key || (transferring && !receiver)}
      onClose={props.onClose}
      onConfirm={async () => {
        const input = { id: props.id, transferOwnershipTo: transferring ? receiver : null };
        const outcome = await report(
          () => remove({ input }),
          (d) => d.deleteApiKey,
          `"${key?.name}" deleted.`,
        );
        if (!outcome.ok) return;
        props.onDeleted();
        props.onClose();
      }}
    >
      {!key && !details.error && <CircularProgress aria-label="Loading the key" />}
      {details.error && <Alert severity="error">{details.error.message}</Alert>}
      {key && owned.length === 0 && (
        <Alert severity="info" sx={{ mt: 2 }}>
          This key owns no resources.
        </Alert>
      )}
      {owned.length > 0 && (
        <>
          <Alert severity="warning" sx={{ mt: 2 }}>
            This key owns {owned.length} resource{owned.length === 1 ? "" : "s"}:
          </Alert>
          <List dense aria-label="Resources the key owns">
            {owned.map((r) => (
              <ListItem key={r.id}>
                <ListItemText primary={r.name} secondary={kindLabel(r.kind)} />
              </ListItem>
            ))}
          </List>
          <RadioGroup
            aria-label="What happens to these resources"
            value={choice}
            onChange={(e) => setChoice(e.target.value as "transfer" | "delete")}
          >
            <FormControlLabel value="transfer" control={<Radio />} label="Transfer ownership to a member" />
            {choice === "transfer" && (
              <TextField
                select
                size="small"
                label="New owner"
                value={receiver}
                onChange={(e) => setReceiver(e.target.value)}
                helperText="Members with role EDITOR or higher can receive them."
                sx={{ ml: 4, mb: 1, maxWidth: 360 }}
              >
                {receivers.map((m) => (
                  <MenuItem key={m.user.id} value={m.user.id}>
                    {m.user.name ?? m.user.email} ({m.user.email}, {m.role.toLowerCase()})
                  </MenuItem>
                ))}
              </TextField>
            )}
            <FormControlLabel
              value="delete"
              control={<Radio />}
              label="Delete the resources only this key owns, together with the key"
            />
          </RadioGroup>
        </>
      )}
    </ConfirmDialog>
  );
}
