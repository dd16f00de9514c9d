import { Button, Dialog, DialogActions, DialogContent, DialogTitle, MenuItem, TextField } from "@mui/material";
import { useState } from "react";
import { useMutation } from "urql";
import { useReportedAction } from "../../lib/mutation-result.ts";
import { useOrganization } from "../session/SessionProvider.tsx";
import { UpdateMemberRoleMutation } from "./documents.ts";
import { grantableRoles, type MemberRoleValue } from "./roles.ts";

/** Gives a member another role; the server enforces who may grant what (and the last-owner rule). */
export function ChangeRoleDialog(props: {
  member: { userId: string; email: string; role: MemberRoleValue };
  onClose: () => void;
  onChanged: () => void;
}) {
  const organization = useOrganization();
  const [, update] = useMutation(UpdateMemberRoleMutation);
  const report = useReportedAction();
  const [role, setRole] = useState<MemberRoleValue>(props.member.role);
  async function save() {
    const input = { organizationId: organization.id, userId: props.member.userId, role };
    const outcome = await report(
      () => update({ input }),
      (d) => d.updateMemberRole,
      `${props.member.email} is now ${role.toLowerCase()}.`,
    );
    if (!outcome.ok) return;
    props.onChanged();
    props.onClose();
  }
  return (
    <Dialog open onClose={props.onClose} maxWidth="xs" fullWidth aria-labelledby="change-role-title">
      <DialogTitle id="change-role-title">Change the role of {props.member.email}</DialogTitle>
      <DialogContent>
        <TextField
          select
          fullWidth
          label="Role"
          value={role}
          onChange={(e) => setRole(e.target.value as MemberRoleValue)}
          sx={{ mt: 1 }}
        >
          {grantableRoles(organization.viewerRole).map((r) => (
            <MenuItem key={r.value} value={r.value}>
              {r.label} — {r.hint}
            </MenuItem>
          ))}
        </TextField>
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose}>Cancel</Button>
        <Button variant="contained" onClick={save} disabled={role === props.member.role}>
          Save role
        </Button>
      </DialogActions>
    </Dialog>
  );
}
