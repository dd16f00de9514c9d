import { Button, Dialog, DialogActions, DialogContent, DialogTitle, Stack, TextField } from "@mui/material";
import { slugFromName } from "@tessera/core/validation";
import { type FormEvent, useState } from "react";
import { useMutation } from "urql";
import { graphql } from "../../lib/graphql.ts";
import { useReportedAction } from "../../lib/mutation-result.ts";

const CreateOrganizationMutation = graphql(`
  mutation CreateOrganization($input: CreateOrganizationInput!) {
    createOrganization(input: $input) {
      __typename
      ... on CreateOrganizationPayload { organization { id slug name } }
      ... on Error { message }
    }
  }
`);

/** A new organization with the signed-in user as OWNER; `onCreated` switches the console to it. */
export default function CreateOrganizationDialog(props: { onClose: () => void; onCreated: (slug: string) => void }) {
  const [, create] = useMutation(CreateOrganizationMutation);
  const report = useReportedAction();
  const [name, setName] = useState("");
  const [slug, setSlug] = useState("");
  const [slugEdited, setSlugEdited] = useState(false);
  async function submit(event: FormEvent) {
    event.preventDefault();
    const input = { name: name.trim(), slug: slug.trim() };
    const outcome = await report(
      () => create({ input }),
      (d) => d.createOrganization,
      `Organization "${input.name}" created.`,
    );
    if (!outcome.ok) return;
    props.onCreated(outcome.payload.organization.slug);
    props.onClose();
  }
  return (
    <Dialog open onClose={props.onClose} maxWidth="xs" fullWidth aria-labelledby="create-organization-title">
      <form onSubmit={submit}>
        <DialogTitle id="create-organization-title">Create organization</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ mt: 1 }}>
            <TextField
              label="Name"
              value={name}
              onChange={(e) => {
                setName(e.target.value);
                if (!slugEdited) setSlug(e.target.value.trim() ? slugFromName(e.target.value) : "");
              }}
              required
              autoFocus
            />
            <TextField
              label="Slug"
              value={slug}
              onChange={(e) => {
                setSlugEdited(true);
                setSlug(e.target.value);
              }}
              required
              helperText="3 to 40 lower-case letters, digits and hyphens; used in links."
            />
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={props.onClose}>Cancel</Button>
          <Button type="submit" variant="contained" disabled={!name.trim() || !slug.trim()}>
            Create organization
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
