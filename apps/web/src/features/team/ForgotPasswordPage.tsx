import { Alert, Button, Typography } from "@mui/material";
import { type FormEvent, useState } from "react";
import { useMutation } from "urql";
import { EmailField, PublicPage, PublicPageLink } from "../../layout/PublicPage.tsx";
import { outcomeOf } from "../../lib/mutation-result.ts";
import { useWebConfig } from "../../lib/web-config.ts";
import { RequestPasswordResetMutation } from "./documents.ts";

/** "Forgot password?": emails a reset link, or, when Tessera sends no email, says whom to ask. */
export function ForgotPasswordPage() {
  const config = useWebConfig();
  const [, request] = useMutation(RequestPasswordResetMutation);
  const [email, setEmail] = useState("");
  const [answer, setAnswer] = useState<{ ok: boolean; message: string } | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    const outcome = outcomeOf(await request({ input: { email } }), (d) => d.requestPasswordReset);
    setBusy(false);
    setAnswer(outcome.ok ? { ok: true, message: outcome.payload.answer } : { ok: false, message: outcome.message });
  }

  const back = <PublicPageLink to="/sign-in">Back to sign-in</PublicPageLink>;
  if (!config.email)
    return (
      <PublicPage title="Forgot your password?">
        <Alert severity="info">
          This Tessera does not send email, so it cannot send you a reset link. Ask an owner of your organization for
          help. If you are the owner, whoever runs the server can print you a one-time sign-in link with{" "}
          <code>pnpm tessera create-owner</code>.
        </Alert>
        {back}
      </PublicPage>
    );
  return (
    <PublicPage title="Forgot your password?" onSubmit={submit}>
      <Typography>Enter your email address and we will send you a link to choose a new password.</Typography>
      {answer && <Alert severity={answer.ok ? "success" : "error"}>{answer.message}</Alert>}
      <EmailField value={email} onChange={(e) => setEmail(e.target.value)} autoFocus />
      <Button type="submit" variant="contained" disabled={busy || !email.trim()}>
        Send reset link
      </Button>
      {back}
    </PublicPage>
  );
}
