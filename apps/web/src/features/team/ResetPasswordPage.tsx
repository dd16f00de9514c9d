import { Alert, Button, TextField } from "@mui/material";
import { type FormEvent, useState } from "react";
import { useNavigate, useSearchParams } from "react-router";
import { useMutation } from "urql";
import { PublicPage } from "../../layout/PublicPage.tsx";
import { outcomeOf } from "../../lib/mutation-result.ts";
import { useSession } from "../session/SessionProvider.tsx";
import { ResetPasswordMutation } from "./documents.ts";

/** `/reset-password?token=…`: chooses a new password (emailed reset, or `create-owner`'s sign-in link). */
export function ResetPasswordPage() {
  const [params] = useSearchParams();
  const token = params.get("token") ?? "";
  const session = useSession();
  const navigate = useNavigate();
  const [, reset] = useMutation(ResetPasswordMutation);
  const [password, setPassword] = useState("");
  const [repeat, setRepeat] = useState("");
  const [problem, setProblem] = useState("");
  const [busy, setBusy] = useState(false);
  const mismatch = repeat.length > 0 && repeat !== password;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    const outcome = outcomeOf(await reset({ input: { token, password } }), (d) => d.resetPassword);
    setBusy(false);
    if (!outcome.ok) return setProblem(outcome.message);
    session.refresh();
    navigate("/keys", { replace: true });
  }

  return (
    <PublicPage title="Choose a new password" onSubmit={submit}>
      {!token && <Alert severity="warning">This page needs the link from your email (it carries a token).</Alert>}
      <Alert severity="info">Saving it signs you out everywhere else and signs you in here.</Alert>
      {problem && <Alert severity="error">{problem}</Alert>}
      <TextField
        label="New password"
        type="password"
        autoComplete="new-password"
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        required
        autoFocus
        helperText="At least 12 characters; not a common password."
      />
      <TextField
        label="Repeat the new password"
        type="password"
        autoComplete="new-password"
        value={repeat}
        onChange={(e) => setRepeat(e.target.value)}
        required
        error={mismatch}
        helperText={mismatch ? "The two passwords differ." : " "}
      />
      <Button type="submit" variant="contained" disabled={busy || !token || !password || password !== repeat}>
        Save password and sign in
      </Button>
    </PublicPage>
  );
}
