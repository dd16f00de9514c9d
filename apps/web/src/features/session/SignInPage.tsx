import { Alert, Button, TextField } from "@mui/material";
import { type FormEvent, useState } from "react";
import { Navigate, useSearchParams } from "react-router";
import { useMutation } from "urql";
import { EmailField, PublicPage, PublicPageLink } from "../../layout/PublicPage.tsx";
import { outcomeOf } from "../../lib/mutation-result.ts";
import { useWebConfig } from "../../lib/web-config.ts";
import { SignInMutation } from "./documents.ts";
import { useSession } from "./SessionProvider.tsx";

const demoAccounts = [
  "owner@acme.test",
  "admin@acme.test",
  "editor@acme.test",
  "viewer@acme.test",
  "owner@globex.test",
  "partner@both.test",
];

function safeNext(value: string | null): string {
  // Only paths on this site: never follow `//host` or `https://…` after sign-in.
  // Without one, "/" lands owners and admins on the Overview and everyone else on API Keys.
  return value?.startsWith("/") && !value.startsWith("//") ? value : "/";
}

export function SignInPage() {
  const session = useSession();
  const [params] = useSearchParams();
  const [, signIn] = useMutation(SignInMutation);
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [problem, setProblem] = useState("");
  const [busy, setBusy] = useState(false);
  const { demo, setupPending } = useWebConfig();
  const next = safeNext(params.get("next"));

  if (session.user) return <Navigate to={next} replace />;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    const outcome = outcomeOf(await signIn({ input: { email, password } }), (d) => d.signIn);
    setBusy(false);
    if (!outcome.ok) return setProblem(outcome.message);
    setProblem("");
    session.refresh();
  }

  return (
    <PublicPage title="Sign in to Tessera" onSubmit={submit}>
      {setupPending && (
        <Alert severity="info">This Tessera has no owner yet: open the setup link from the server log.</Alert>
      )}
      {problem && <Alert severity="error">{problem}</Alert>}
      <EmailField value={email} onChange={(e) => setEmail(e.target.value)} autoFocus />
      <TextField
        label="Password"
        type="password"
        autoComplete="current-password"
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        required
      />
      <Button type="submit" variant="contained" disabled={busy || !email || !password}>
        Sign in
      </Button>
      <PublicPageLink to="/forgot-password">Forgot password?</PublicPageLink>
      {demo && (
        <Alert severity="info" component="aside" aria-label="Demo accounts">
          Demo data is loaded. Sign in as {demoAccounts.join(", ")} with the password <code>tessera-demo</code> (demo
          only).
        </Alert>
      )}
    </PublicPage>
  );
}
