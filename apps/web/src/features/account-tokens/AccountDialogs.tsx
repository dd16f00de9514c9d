import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, MenuItem, TextField } from "@mui/material";
import { type FormEvent, useState } from "react";
import { useMutation } from "urql";
import { ConfirmDialog } from "../../layout/ConfirmDialog.tsx";
import { useReportedAction } from "../../lib/mutation-result.ts";
import { useOrganization } from "../session/SessionProvider.tsx";
import {
  CreateCustomerAccountMutation,
  RotateAccountTokenMutation,
  UpdateCustomerAccountMutation,
} from "./documents.ts";

export type Account = { id: string; name: string; status: string };

export function CreateAccountDialog({ onClose, onCreated }: { onClose: () => void; onCreated: () => void }) {
  const organization = useOrganization();
  const [, create] = useMutation(CreateCustomerAccountMutation);
  const report = useReportedAction();
  const [name, setName] = useState("");
  async function submit(event: FormEvent) {
    event.preventDefault();
    const input = { organizationId: organization.id, name: name.trim() };
    const outcome = await report(
      () => create({ input }),
      (d) => d.createCustomerAccount,
      `Account "${input.name}" created.`,
    );
    if (!outcome.ok) return;
    onCreated();
    onClose();
  }
  return (
    <Dialog open onClose={onClose} maxWidth="xs" fullWidth aria-labelledby="create-account-title">
      <form onSubmit={submit}>
        <DialogTitle id="create-account-title">Add customer account</DialogTitle>
        <DialogContent>
          <TextField
            label="Account name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            fullWidth
            required
            autoFocus
            sx={{ mt: 1 }}
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="contained" disabled={!name.trim()}>
            Create account
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

/** Change an account's status; CLOSED is final, and the dialog says so before it happens. */
export function ChangeStatusDialog({ account, onClose }: { account: Account; onClose: () => void }) {
  const [, update] = useMutation(UpdateCustomerAccountMutation);
  const report = useReportedAction();
  const [status, setStatus] = useState<"ACTIVE" | "SUSPENDED" | "CLOSED">(
    account.status === "ACTIVE" ? "SUSPENDED" : "ACTIVE",
  );
  return (
    <ConfirmDialog
      title={`Change the status of "${account.name}"`}
      message="Calls that act for a suspended or closed account are refused."
      confirmLabel={status === "CLOSED" ? "Close account for good" : "Change status"}
      danger={status === "CLOSED"}
      disabled={status === account.status}
      onClose={onClose}
      onConfirm={async () => {
        const outcome = await report(
          () => update({ input: { id: account.id, status } }),
          (d) => d.updateCustomerAccount,
          `"${account.name}" is now ${status.toLowerCase()}.`,
        );
        if (outcome.ok) onClose();
      }}
    >
      <TextField
        select
        label="New status"
        value={status}
        onChange={(e) => setStatus(e.target.value as typeof status)}
        fullWidth
        sx={{ mt: 2 }}
      >
        <MenuItem value="ACTIVE">Active</MenuItem>
        <MenuItem value="SUSPENDED">Suspended</MenuItem>
        <MenuItem value="CLOSED">Closed</MenuItem>
      </TextField>
      {status === "CLOSED" && (
        <Alert severity="error" sx={{ mt: 2 }}>
          Closing is final: a closed account can never be activated again.
        </Alert>
      )}
    </ConfirmDialog>
  );
}

export function RotateTokenDialog({ account, onClose }: { account: Account; onClose: () => void }) {
  const [, rotate] = useMutation(RotateAccountTokenMutation);
  const report = useReportedAction();
  return (
    <ConfirmDialog
      title={`Rotate the token of "${account.name}"?`}
      message="The old token stops working at once: every integration that sends it is refused until it uses the new one."
      confirmLabel="Rotate token"
      danger
      onClose={onClose}
      onConfirm={async () => {
        const outcome = await report(
          () => rotate({ input: { id: account.id } }),
          (d) => d.rotateAccountToken,
          `New token for "${account.name}". The old one no longer works.`,
        );
        if (outcome.ok) onClose();
      }}
    />
  );
}
