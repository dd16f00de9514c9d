import {
  Alert,
  Box,
  CircularProgress,
  FormControlLabel,
  List,
  ListItem,
  ListItemText,
  Radio,
  RadioGroup,
} from "@mui/material";
import { useState } from "react";
import { useMutation, useQuery } from "urql";
import { ConfirmDialog } from "../../layout/ConfirmDialog.tsx";
import { kindLabel } from "../../lib/labels.ts";
import { useReportedAction } from "../../lib/mutation-result.ts";
import type { PickerOption } from "../../lib/SearchPicker.tsx";
import { MemberPicker } from "../members/MemberPicker.tsx";
import { useOrganization } from "../session/SessionProvider.tsx";
import { ApiKeyDetailsQuery, DeleteApiKeyMutation } from "./documents.ts";

const canReceive = ["OWNER", "ADMIN", "EDITOR"] as const;

/**
 * Delete: physical and irreversible. When the key owns resources the admin picks a member (EDITOR or
 * higher) to receive them, or confirms that the resources owned only by the key go with it.
 */
export default function DeleteApiKeyDialog(props: { id: string; onClose: () => void; onDeleted: () => void }) {
  const organization = useOrganization();
  const [details] = useQuery({ query: ApiKeyDetailsQuery, variables: { id: props.id }, requestPolicy: "network-only" });
  const [, remove] = useMutation(DeleteApiKeyMutation);
  const report = useReportedAction();
  const [choice, setChoice] = useState<"transfer" | "delete">("transfer");
  const [receiver, setReceiver] = useState<PickerOption | null>(null);

  const node = details.data?.node;
  const key = node && "name" in node ? node : null;
  const owned = key?.ownedResources ?? [];
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
        const input = { id: props.id, transferOwnershipTo: transferring ? (receiver?.id ?? null) : null };
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
              <Box sx={{ ml: 4, mb: 1 }}>
                <MemberPicker
                  slug={organization.slug}
                  label="New owner"
                  width={360}
                  roles={canReceive}
                  value={receiver}
                  onChange={setReceiver}
                  helperText="Members with role EDITOR or higher can receive them."
                />
              </Box>
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
