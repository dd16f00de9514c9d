import { Button, Dialog, DialogActions, DialogContent, DialogTitle, MenuItem, Stack, TextField } from "@mui/material";
import { type FormEvent, useState } from "react";
import { useMutation } from "urql";
import { useReportedAction } from "../../lib/mutation-result.ts";
import { useOrganization } from "../session/SessionProvider.tsx";
import { CreateResourceMutation, type ResourceNode, UpdateResourceMutation } from "./documents.ts";
import { kindLabel, resourceChange, resourceKinds } from "./labels.ts";

type Props =
  | { mode: "create"; parent: { id: string; name: string } | null; onClose: () => void; onDone: (id: string) => void }
  | { mode: "rename"; resource: { id: string; name: string }; onClose: () => void; onDone: (id: string) => void };

/** Creates a resource (in the selected group, or at the top level) or renames one. */
export default function ResourceNameDialog(props: Props) {
  const organization = useOrganization();
  const [, create] = useMutation(CreateResourceMutation);
  const [, update] = useMutation(UpdateResourceMutation);
  const report = useReportedAction();
  const [name, setName] = useState(props.mode === "rename" ? props.resource.name : "");
  const [kind, setKind] = useState<ResourceNode["kind"]>("VEHICLE");

  async function submit(event: FormEvent) {
    event.preventDefault();
    const trimmed = name.trim();
    const outcome =
      props.mode === "create"
        ? await report(
            () =>
              create(
                { input: { organizationId: organization.id, kind, name: trimmed, parentId: props.parent?.id ?? null } },
                resourceChange,
              ),
            (d) => d.createResource,
            `"${trimmed}" created.`,
          )
        : await report(
            () => update({ input: { id: props.resource.id, name: trimmed } }, resourceChange),
            (d) => d.updateResource,
            `Renamed to "${trimmed}".`,
          );
    if (!outcome.ok) return;
    props.onDone(outcome.payload.resource.id);
    props.onClose();
  }

  const title = props.mode === "create" ? `New resource${props.parent ? ` in ${props.parent.name}` : ""}` : "Rename";
  return (
    <Dialog open onClose={props.onClose} maxWidth="xs" fullWidth aria-labelledby="resource-name-title">
      <form onSubmit={submit}>
        <DialogTitle id="resource-name-title">{title}</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ mt: 1 }}>
            {props.mode === "create" && (
              <TextField select label="Kind" value={kind} onChange={(e) => setKind(e.target.value as typeof kind)}>
                {resourceKinds.map((k) => (
                  <MenuItem key={k} value={k}>
                    {kindLabel(k)}
                  </MenuItem>
                ))}
              </TextField>
            )}
            <TextField
              label="Name"
              value={name}
              onChange={(e) => setName(e.target.value)}
              required
              autoFocus
              slotProps={{ htmlInput: { maxLength: 100 } }}
            />
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={props.onClose}>Cancel</Button>
          <Button type="submit" variant="contained" disabled={!name.trim()}>
            {props.mode === "create" ? "Create" : "Rename"}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
