import { Button, Stack, Table, TableBody, TableCell, TableHead, TableRow, TextField, Typography } from "@mui/material";
import { lazy, Suspense, useState } from "react";
import { useMutation, useQuery } from "urql";
import { ConfirmDialog } from "../../layout/ConfirmDialog.tsx";
import { formatDate, formatDateTime } from "../../lib/dates.ts";
import { enumLabel } from "../../lib/labels.ts";
import { useReportedAction } from "../../lib/mutation-result.ts";
import { useUrlSearch, useUrlState } from "../../lib/url-state.ts";
import { useOrganization, useSession } from "../session/SessionProvider.tsx";
import { ChangeRoleDialog } from "./ChangeRoleDialog.tsx";
import { MembersQuery, RemoveMemberMutation } from "./documents.ts";
import { InvitationLinkDialog } from "./InvitationLinkDialog.tsx";
import { PendingInvitations } from "./PendingInvitations.tsx";
import type { MemberRoleValue } from "./roles.ts";

const InviteMemberDialog = lazy(() => import("./InviteMemberDialog.tsx"));

type Target = { userId: string; email: string; role: MemberRoleValue };

/** What the API lists without a search: more members than this are reached by searching. */
const firstMembers = 100;

/**
 * The organization's people: members with role and last activity (the first 100, or those matching
 * the search, kept in the URL as `q`), and (for managers) invitations.
 */
export default function MembersPage() {
  const organization = useOrganization();
  const session = useSession();
  const url = useUrlState();
  const [search, setSearch] = useUrlSearch();
  const [{ data, fetching }, refetch] = useQuery({
    query: MembersQuery,
    variables: { slug: organization.slug, search: url.get("q") || null },
  });
  const [, remove] = useMutation(RemoveMemberMutation);
  const report = useReportedAction();
  const [inviting, setInviting] = useState(false);
  const [link, setLink] = useState<{ email: string; link: string } | null>(null);
  const [changing, setChanging] = useState<Target | null>(null);
  const [removing, setRemoving] = useState<Target | null>(null);
  const [invitationsVersion, setInvitationsVersion] = useState(0);
  const members = data?.organization?.members ?? [];
  const reload = () => refetch({ requestPolicy: "network-only" });

  return (
    <Stack spacing={3}>
      <Stack direction="row" sx={{ alignItems: "center", justifyContent: "space-between" }}>
        <Typography variant="h5" component="h1">
          Members
        </Typography>
        {organization.canManage && (
          <Button variant="contained" onClick={() => setInviting(true)}>
            + Invite member
          </Button>
        )}
      </Stack>
      {!organization.canManage && (
        <Typography color="text.secondary">Only owners and admins can invite and manage members.</Typography>
      )}
      <TextField
        size="small"
        label="Search members"
        placeholder="Name or email"
        value={search}
        onChange={(e) => setSearch(e.target.value)}
        helperText={
          members.length === firstMembers ? `The first ${firstMembers} are shown: search to find the others.` : " "
        }
        sx={{ width: 320 }}
      />
      <Table size="small" aria-label="Members">
        <TableHead>
          <TableRow>
            <TableCell>Name</TableCell>
            <TableCell>Email</TableCell>
            <TableCell>Role</TableCell>
            <TableCell>Joined</TableCell>
            <TableCell>Last active</TableCell>
            {organization.canManage && <TableCell align="right">Actions</TableCell>}
          </TableRow>
        </TableHead>
        <TableBody>
          {fetching && members.length === 0 && (
            <TableRow>
              <TableCell colSpan={6}>Loading…</TableCell>
            </TableRow>
          )}
          {!fetching && members.length === 0 && url.get("q") && (
            <TableRow>
              <TableCell colSpan={6}>No member matches “{url.get("q")}”.</TableCell>
            </TableRow>
          )}
          {members.map((m) => {
            const target: Target = { userId: m.user.id, email: m.user.email, role: m.role };
            const self = m.user.id === session.user?.id;
            return (
              <TableRow key={m.user.id}>
                <TableCell>{m.user.name ?? "—"}</TableCell>
                <TableCell>
                  {m.user.email}
                  {self && " (you)"}
                </TableCell>
                <TableCell>{enumLabel(m.role)}</TableCell>
                <TableCell>{formatDate(m.joinedAt)}</TableCell>
                <TableCell>{m.lastActiveAt ? formatDateTime(m.lastActiveAt) : "Never"}</TableCell>
                {organization.canManage && (
                  <TableCell align="right">
                    <Button
                      size="small"
                      onClick={() => setChanging(target)}
                      aria-label={`Change role of ${m.user.email}`}
                    >
                      Change role
                    </Button>
                    {!self && (
                      <Button
                        size="small"
                        color="error"
                        onClick={() => setRemoving(target)}
                        aria-label={`Remove ${m.user.email}`}
                      >
                        Remove
                      </Button>
                    )}
                  </TableCell>
                )}
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
      {organization.canManage && <PendingInvitations version={invitationsVersion} onLink={setLink} />}
      {inviting && (
        <Suspense fallback={null}>
          <InviteMemberDialog
            onClose={() => setInviting(false)}
            onInvited={(invited) => {
              setInvitationsVersion((v) => v + 1);
              if (invited.link) setLink({ email: invited.email, link: invited.link });
            }}
          />
        </Suspense>
      )}
      {link && <InvitationLinkDialog email={link.email} link={link.link} onClose={() => setLink(null)} />}
      {changing && (
        <ChangeRoleDialog
          member={changing}
          onClose={() => setChanging(null)}
          onChanged={() => {
            reload();
            session.refresh();
          }}
        />
      )}
      {removing && (
        <ConfirmDialog
          title={`Remove ${removing.email}?`}
          message="They lose access to this organization with their next request. The API keys they created keep working."
          confirmLabel="Remove member"
          danger
          onClose={() => setRemoving(null)}
          onConfirm={async () => {
            const input = { organizationId: organization.id, userId: removing.userId };
            const outcome = await report(
              () => remove({ input }),
              (d) => d.removeMember,
              `${removing.email} removed.`,
            );
            if (outcome.ok) setRemoving(null);
            reload();
          }}
        />
      )}
    </Stack>
  );
}
