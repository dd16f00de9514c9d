import { Button, Dialog, DialogActions, DialogContent, DialogTitle, MenuItem, Stack, TextField } from "@mui/material";
import { type FormEvent, useState } from "react";
import { useMutation } from "urql";
import { useReportedAction } from "../../lib/mutation-result.ts";
import { useOrganization } from "../session/SessionProvider.tsx";
import { InviteMemberMutation } from "./documents.ts";
import { grantableRoles, type MemberRoleValue } from "./roles.ts";

/** Invites someone by email; `onInvited` gets the link when there is no email to carry it. */
export default function InviteMemberDialog(props: {
  onClose: () => void;
  onInvited: (invited: { email: string; link: string | null }) => void;
}) {
  const organization = useOrganization();
  const [, invite] = useMutation(InviteMemberMutation);
  const report = useReportedAction();
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<MemberRoleValue>("VIEWER");
  async function submit(event: FormEvent) {
    event.preventDefault();
    const input = { organizationId: organization.id, email: email.trim(), role };
    const outcome = await report(
      () => invite({ input }),
      (d) => d.inviteMember,
      `Invitation for ${input.email} created.`,
    );
    if (!outcome.ok) return;
    props.onInvited({ email: outcome.payload.invitation.email, link: outcome.payload.link ?? null });
    props.onClose();
  }
  return (
    <Dialog open onClose={props.onClose} maxWidth="sm" fullWidth aria-labelledby="invite-title">
      <form onSubmit={submit}>
        <DialogTitle id="invite-title">Invite a member</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ mt: 1 }}>
            <TextField
              label="Email"
              type="email"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              required
              autoFocus
            />
            <TextField select label="Role" value={role} onChange={(e) => setRole(e.target.value as MemberRoleValue)}>
              {grantableRoles(organization.viewerRole).map((r) => (
                <MenuItem key={r.value} value={r.value}>
                  {r.label} — {r.hint}
                </MenuItem>
              ))}
            </TextField>
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={props.onClose}>Cancel</Button>
          <Button type="submit" variant="contained" disabled={!email.trim()}>
            Send invitation
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
