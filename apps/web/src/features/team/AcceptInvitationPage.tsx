import { Alert, Button, CircularProgress, TextField, Typography } from "@mui/material";
import { type FormEvent, useState } from "react";
import { Link as RouterLink, useNavigate, useParams } from "react-router";
import { useMutation, useQuery } from "urql";
import { PublicPage } from "../../layout/PublicPage.tsx";
import { outcomeOf } from "../../lib/mutation-result.ts";
import { useSession } from "../session/SessionProvider.tsx";
import { AcceptInvitationMutation, InvitationByTokenQuery } from "./documents.ts";

const closed = {
  ACCEPTED: "This invitation has already been used.",
  REVOKED: "This invitation was revoked. Ask an owner or admin for a new one.",
  EXPIRED: "This invitation has expired. Ask an owner or admin to resend it.",
} as const;

/**
 * `/invitations/<token>`: joins an organization. A new person chooses a name and a password; someone
 * signed in as the invited email joins with one click; someone signed in as another address is told so.
 */
export function AcceptInvitationPage() {
  const { token = "" } = useParams();
  const session = useSession();
  const navigate = useNavigate();
  const [{ data, fetching }] = useQuery({ query: InvitationByTokenQuery, variables: { token } });
  const [, accept] = useMutation(AcceptInvitationMutation);
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const [problem, setProblem] = useState("");
  const [busy, setBusy] = useState(false);
  const invitation = data?.invitationByToken;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    const input = session.user ? { token } : { token, name, password };
    const outcome = outcomeOf(await accept({ input }), (d) => d.acceptInvitation);
    setBusy(false);
    if (!outcome.ok) return setProblem(outcome.message);
    session.selectOrganization(outcome.payload.organizationSlug);
    session.refresh();
    navigate("/keys", { replace: true });
  }

  if (fetching || session.fetching) return <CircularProgress aria-label="Loading the invitation" sx={{ m: 4 }} />;
  if (!invitation)
    return (
      <PublicPage title="Invitation not found">
        <Alert severity="error">This invitation link is not valid. Check that you copied all of it.</Alert>
      </PublicPage>
    );
  const title = `Join ${invitation.organizationName}`;
  if (invitation.status !== "PENDING")
    return (
      <PublicPage title={title}>
        <Alert severity="warning">{closed[invitation.status]}</Alert>
      </PublicPage>
    );
  const role = invitation.role.toLowerCase();
  if (session.user && session.user.email !== invitation.email)
    return (
      <PublicPage title={title}>
        <Alert severity="warning">
          This invitation is for {invitation.email}, but you are signed in as {session.user.email}. Sign out, then open
          the link again.
        </Alert>
      </PublicPage>
    );

  return (
    <PublicPage title={title} onSubmit={submit}>
      <Typography>
        You are invited to join <strong>{invitation.organizationName}</strong> as <strong>{role}</strong> with{" "}
        <strong>{invitation.email}</strong>.
      </Typography>
      {problem && <Alert severity="error">{problem}</Alert>}
      {!session.user && (
        <>
          <TextField label="Your name" value={name} onChange={(e) => setName(e.target.value)} required autoFocus />
          <TextField
            label="Choose a password"
            type="password"
            autoComplete="new-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
            helperText="At least 12 characters; not a common password."
          />
        </>
      )}
      <Button type="submit" variant="contained" disabled={busy || (!session.user && (!name.trim() || !password))}>
        {session.user ? `Join ${invitation.organizationName}` : "Create account and join"}
      </Button>
      {!session.user && (
        <Typography variant="body2">
          Already have an account with this email?{" "}
          <RouterLink to={`/sign-in?next=${encodeURIComponent(`/invitations/${token}`)}`}>Sign in first</RouterLink>.
        </Typography>
      )}
    </PublicPage>
  );
}
