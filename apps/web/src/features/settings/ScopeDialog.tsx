import { Button, Dialog, DialogActions, DialogContent, DialogTitle, Stack, TextField } from "@mui/material";
import { type FormEvent, useId, useState } from "react";
import { useMutation } from "urql";
import { useReportedAction } from "../../lib/mutation-result.ts";
import { useOrganization } from "../session/SessionProvider.tsx";
import { CreateScopeMutation, type ScopeRow, UpdateScopeMutation } from "./documents.ts";

const namePattern = /^[a-z][a-z0-9_-]*:[a-z][a-z0-9_-]*$/;

/** Adds a data scope (name and description), or, given `scope`, changes its description. */
export function ScopeDialog({ scope, onClose, onDone }: { scope?: ScopeRow; onClose: () => void; onDone: () => void }) {
  const organization = useOrganization();
  const titleId = useId();
  const [, create] = useMutation(CreateScopeMutation);
  const [, update] = useMutation(UpdateScopeMutation);
  const report = useReportedAction();
  const [name, setName] = useState("");
  const [description, setDescription] = useState(scope?.description ?? "");
  const [busy, setBusy] = useState(false);
  const nameProblem =
    name && !namePattern.test(name) ? "Use resource:action in lower case, e.g. fuel-cards:read." : null;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    const outcome = scope
      ? await report(
          () => update({ input: { id: scope.id, description } }),
          (d) => d.updateScope,
          `Scope "${scope.name}" described.`,
        )
      : await report(
          () => create({ input: { organizationId: organization.id, name, description } }),
          (d) => d.createScope,
          `Scope "${name}" added: all-scopes keys hold it now.`,
        );
    setBusy(false);
    if (!outcome.ok) return;
    onDone();
    onClose();
  }

  return (
    <Dialog open onClose={onClose} maxWidth="sm" fullWidth aria-labelledby={titleId}>
      <form onSubmit={submit}>
        <DialogTitle id={titleId}>{scope ? `Describe ${scope.name}` : "Add scope"}</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ mt: 1 }}>
            {!scope && (
              <TextField
                label="Name"
                value={name}
                onChange={(e) => setName(e.target.value)}
                required
                autoFocus
                error={Boolean(nameProblem)}
                helperText={
                  nameProblem ?? "resource:action, e.g. fuel-cards:read. Services check this name; it never changes."
                }
                slotProps={{ htmlInput: { maxLength: 64, spellCheck: false } }}
              />
            )}
            <TextField
              label="Description"
              value={description}
              onChange={(e) => setDescription(e.target.value)}
              required
              autoFocus={Boolean(scope)}
              multiline
              minRows={2}
              helperText="What a key with this scope may do, for whoever chooses a key's scopes."
              slotProps={{ htmlInput: { maxLength: 300 } }}
            />
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button
            type="submit"
            variant="contained"
            disabled={busy || !description.trim() || (!scope && (!name || Boolean(nameProblem)))}
          >
            {scope ? "Save description" : "Add scope"}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
