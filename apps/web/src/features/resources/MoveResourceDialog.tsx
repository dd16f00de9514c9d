import {
  Autocomplete,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  TextField,
} from "@mui/material";
import { type FormEvent, useState } from "react";
import { useMutation, useQuery } from "urql";
import { useReportedAction } from "../../lib/mutation-result.ts";
import { useDebounced } from "../../lib/useDebounced.ts";
import { useOrganization } from "../session/SessionProvider.tsx";
import { GroupSearchQuery, MoveResourceMutation } from "./documents.ts";
import { resourceChange } from "./labels.ts";

type Option = { id: string | null; name: string; where: string };
const topLevel: Option = { id: null, name: "Top level", where: "in no group" };

/**
 * Moves a resource into another group, chosen by searching the groups' names, or to the top level.
 * The server refuses a group moved into itself or into a group it contains, and says so.
 */
export default function MoveResourceDialog({
  resource,
  onClose,
}: {
  resource: { id: string; name: string; parent: { id: string } | null };
  onClose: () => void;
}) {
  const organization = useOrganization();
  const [input, setInput] = useState("");
  const search = useDebounced(input, 250);
  const [groups] = useQuery({
    query: GroupSearchQuery,
    variables: { slug: organization.slug, search: search || null },
  });
  const [, move] = useMutation(MoveResourceMutation);
  const report = useReportedAction();
  const [target, setTarget] = useState<Option | null>(null);
  const options: Option[] = [
    topLevel,
    ...(groups.data?.organization?.resources.nodes ?? [])
      .filter((g) => g.id !== resource.id)
      .map((g) => ({ id: g.id, name: g.name, where: g.parent ? `in ${g.parent.name}` : "top level" })),
  ];

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!target) return;
    const outcome = await report(
      () => move({ input: { id: resource.id, parentId: target.id } }, resourceChange),
      (d) => d.moveResource,
      `"${resource.name}" moved to ${target.id ? target.name : "the top level"}.`,
    );
    if (outcome.ok) onClose();
  }

  return (
    <Dialog open onClose={onClose} maxWidth="sm" fullWidth aria-labelledby="move-resource-title">
      <form onSubmit={submit}>
        <DialogTitle id="move-resource-title">Move "{resource.name}"</DialogTitle>
        <DialogContent>
          <DialogContentText sx={{ mb: 2 }}>
            Keys restricted to its current group stop reaching it at once; keys restricted to the new group start.
          </DialogContentText>
          <Autocomplete
            options={options}
            value={target}
            onChange={(_e, value) => setTarget(value)}
            inputValue={input}
            onInputChange={(_e, value) => setInput(value)}
            filterOptions={(o) => o}
            getOptionLabel={(o) => o.name}
            getOptionDisabled={(o) => o.id === (resource.parent?.id ?? null)}
            isOptionEqualToValue={(a, b) => a.id === b.id}
            loading={groups.fetching}
            renderOption={(props, o) => (
              <li {...props} key={o.id ?? "top"}>
                {o.name} <span style={{ marginLeft: 8, opacity: 0.7 }}>{o.where}</span>
              </li>
            )}
            renderInput={(params) => <TextField {...params} label="New group" autoFocus />}
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="contained" disabled={!target}>
            Move
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
