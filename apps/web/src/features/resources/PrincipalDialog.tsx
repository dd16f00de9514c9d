import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  MenuItem,
  Stack,
  TextField,
} from "@mui/material";
import { type FormEvent, useState } from "react";
import { useMutation } from "urql";
import { useReportedAction } from "../../lib/mutation-result.ts";
import type { PickerOption } from "../../lib/SearchPicker.tsx";
import { useOrganization } from "../session/SessionProvider.tsx";
import { GrantAccessMutation, TransferOwnershipMutation } from "./documents.ts";
import { resourceChange } from "./labels.ts";
import { PrincipalPicker } from "./PrincipalPicker.tsx";

type Mode = "transfer" | "grant";

/**
 * Chooses a member or a key: the new owner (replacing every owner; members EDITOR or higher) or
 * someone to grant READ or WRITE.
 */
export default function PrincipalDialog({
  mode,
  resource,
  onClose,
}: {
  mode: Mode;
  resource: { id: string; name: string };
  onClose: () => void;
}) {
  const organization = useOrganization();
  const [, transfer] = useMutation(TransferOwnershipMutation);
  const [, grant] = useMutation(GrantAccessMutation);
  const report = useReportedAction();
  const [chosen, setChosen] = useState<PickerOption | null>(null);
  const [permission, setPermission] = useState<"READ" | "WRITE">("READ");

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!chosen) return;
    const [kind, id] = chosen.id.split(":") as ["user" | "key", string];
    const principal = kind === "user" ? { userId: id } : { keyId: id };
    const outcome =
      mode === "transfer"
        ? await report(
            () =>
              transfer(
                { input: { id: resource.id, ...(kind === "user" ? { toUserId: id } : { toKeyId: id }) } },
                resourceChange,
              ),
            (d) => d.transferResourceOwnership,
            `"${resource.name}" has a new owner.`,
          )
        : await report(
            () => grant({ input: { resourceId: resource.id, principal, permission } }, resourceChange),
            (d) => d.grantResourceAccess,
            `${permission} granted on "${resource.name}".`,
          );
    if (outcome.ok) onClose();
  }

  const title = mode === "transfer" ? `Transfer "${resource.name}"` : `Grant access to "${resource.name}"`;
  return (
    <Dialog open onClose={onClose} maxWidth="xs" fullWidth aria-labelledby="principal-title">
      <form onSubmit={submit}>
        <DialogTitle id="principal-title">{title}</DialogTitle>
        <DialogContent>
          <DialogContentText sx={{ mb: 2 }}>
            {mode === "transfer"
              ? "The new owner replaces every current owner."
              : "For a group, access covers everything it contains. WRITE allows renaming, moving and deleting."}
          </DialogContentText>
          <Stack spacing={2}>
            <PrincipalPicker
              slug={organization.slug}
              label={mode === "transfer" ? "New owner" : "Member or key"}
              viewersToo={mode === "grant"}
              value={chosen}
              onChange={setChosen}
            />
            {mode === "grant" && (
              <TextField
                select
                label="Permission"
                value={permission}
                onChange={(e) => setPermission(e.target.value as "READ" | "WRITE")}
              >
                <MenuItem value="READ">READ</MenuItem>
                <MenuItem value="WRITE">WRITE</MenuItem>
              </TextField>
            )}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="contained" disabled={!chosen}>
            {mode === "transfer" ? "Transfer" : "Grant"}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
