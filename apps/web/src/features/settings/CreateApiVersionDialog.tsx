import { Button, Dialog, DialogActions, DialogContent, DialogTitle, Stack, TextField } from "@mui/material";
import { type FormEvent, useId, useState } from "react";
import { useMutation } from "urql";
import { useReportedAction } from "../../lib/mutation-result.ts";
import { useOrganization } from "../session/SessionProvider.tsx";
import { CreateApiVersionMutation } from "./documents.ts";

/** Adds an API version, released now; making it the default is a separate, deliberate step. */
export function CreateApiVersionDialog({ onClose, onDone }: { onClose: () => void; onDone: () => void }) {
  const organization = useOrganization();
  const titleId = useId();
  const [, create] = useMutation(CreateApiVersionMutation);
  const report = useReportedAction();
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");

  async function submit(event: FormEvent) {
    event.preventDefault();
    const outcome = await report(
      () => create({ input: { organizationId: organization.id, name: name.trim(), description: description || null } }),
      (d) => d.createApiVersion,
      `API version ${name.trim()} added.`,
    );
    if (!outcome.ok) return;
    onDone();
    onClose();
  }

  return (
    <Dialog open onClose={onClose} maxWidth="xs" fullWidth aria-labelledby={titleId}>
      <form onSubmit={submit}>
        <DialogTitle id={titleId}>Add API version</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ mt: 1 }}>
            <TextField
              label="Name"
              value={name}
              onChange={(e) => setName(e.target.value)}
              required
              autoFocus
              helperText="e.g. v3 or 2026-06-01"
              slotProps={{ htmlInput: { maxLength: 32, spellCheck: false } }}
            />
            <TextField
              label="Description"
              value={description}
              onChange={(e) => setDescription(e.target.value)}
              multiline
              minRows={2}
              slotProps={{ htmlInput: { maxLength: 300 } }}
            />
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="contained" disabled={!name.trim()}>
            Add version
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
