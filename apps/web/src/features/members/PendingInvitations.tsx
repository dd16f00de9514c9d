import { Button, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from "@mui/material";
import { useCallback, useEffect, useState } from "react";
import { useMutation, useQuery } from "urql";
import { ConfirmDialog } from "../../layout/ConfirmDialog.tsx";
import { formatDate } from "../../lib/dates.ts";
import { enumLabel } from "../../lib/labels.ts";
import { useReportedAction } from "../../lib/mutation-result.ts";
import { useOrganization } from "../session/SessionProvider.tsx";
import { PendingInvitationsQuery, ResendInvitationMutation, RevokeInvitationMutation } from "./documents.ts";

/** Pending invitations with resend and revoke (owners and admins only: the list is theirs to read). */
export function PendingInvitations(props: {
  version: number;
  onLink: (invited: { email: string; link: string }) => void;
}) {
  const organization = useOrganization();
  const [{ data }, refetch] = useQuery({
    query: PendingInvitationsQuery,
    variables: { slug: organization.slug },
  });
  const [, resend] = useMutation(ResendInvitationMutation);
  const [, revoke] = useMutation(RevokeInvitationMutation);
  const report = useReportedAction();
  const [revoking, setRevoking] = useState<{ id: string; email: string } | null>(null);
  const invitations = data?.organization?.invitations.nodes ?? [];
  const reload = useCallback(() => refetch({ requestPolicy: "network-only" }), [refetch]);
  // A new invitation made elsewhere on the page bumps `version`.
  useEffect(() => {
    if (props.version > 0) reload();
  }, [props.version, reload]);

  async function resendOne(id: string, email: string) {
    const outcome = await report(
      () => resend({ input: { id } }),
      (d) => d.resendInvitation,
      `New link for ${email}.`,
    );
    if (outcome.ok && outcome.payload.link) props.onLink({ email, link: outcome.payload.link });
    reload();
  }

  return (
    <Stack component="section" aria-labelledby="invitations-title" spacing={1}>
      <Typography id="invitations-title" variant="h6" component="h2">
        Pending invitations
      </Typography>
      {invitations.length === 0 ? (
        <Typography color="text.secondary">No pending invitations.</Typography>
      ) : (
        <Table size="small" aria-labelledby="invitations-title">
          <TableHead>
            <TableRow>
              <TableCell>Email</TableCell>
              <TableCell>Role</TableCell>
              <TableCell>Invited by</TableCell>
              <TableCell>Expires</TableCell>
              <TableCell align="right">Actions</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {invitations.map((i) => (
              <TableRow key={i.id}>
                <TableCell>{i.email}</TableCell>
                <TableCell>{enumLabel(i.role)}</TableCell>
                <TableCell>{i.invitedBy?.email ?? "—"}</TableCell>
                <TableCell>{formatDate(i.expiresAt)}</TableCell>
                <TableCell align="right">
                  <Button
                    size="small"
                    onClick={() => resendOne(i.id, i.email)}
                    aria-label={`Resend invitation to ${i.email}`}
                  >
                    Resend
                  </Button>
                  <Button
                    size="small"
                    color="error"
                    onClick={() => setRevoking({ id: i.id, email: i.email })}
                    aria-label={`Revoke invitation to ${i.email}`}
                  >
                    Revoke
                  </Button>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {revoking && (
        <ConfirmDialog
          title="Revoke invitation?"
          message={`The link sent to ${revoking.email} stops working at once.`}
          confirmLabel="Revoke invitation"
          danger
          onClose={() => setRevoking(null)}
          onConfirm={async () => {
            const outcome = await report(
              () => revoke({ input: { id: revoking.id } }),
              (d) => d.revokeInvitation,
              `Invitation for ${revoking.email} revoked.`,
            );
            if (outcome.ok) setRevoking(null);
            reload();
          }}
        />
      )}
    </Stack>
  );
}
