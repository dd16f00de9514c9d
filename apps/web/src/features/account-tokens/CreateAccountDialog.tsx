import { Button, Dialog, DialogActions, DialogContent, DialogTitle, TextField } from "@mui/material";
import { type FormEvent, useState } from "react";
import { useMutation } from "urql";
import { useReportedAction } from "../../lib/mutation-result.ts";
import { useOrganization } from "../session/SessionProvider.tsx";
import { CreateCustomerAccountMutation } from "./documents.ts";

/** Adds a customer account; the server gives it its first token. */
export default function CreateAccountDialog({ onClose, onCreated }: { onClose: () => void; onCreated: () => void }) {
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
