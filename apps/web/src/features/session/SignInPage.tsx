import { Alert, Box, Button, Card, CardContent, Stack, TextField, Typography } from "@mui/material";
import { type FormEvent, useEffect, useState } from "react";
import { Navigate, useSearchParams } from "react-router";
import { useMutation } from "urql";
import { outcomeOf } from "../../lib/mutation-result.ts";
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

/** Whether the server holds the demo data (then the sign-in page names the demo accounts). */
function useDemoLoaded(): boolean {
  const [demo, setDemo] = useState(false);
  useEffect(() => {
    fetch("/web-config.json")
      .then((response) => (response.ok ? response.json() : { demo: false }))
      .then((config: { demo?: boolean }) => setDemo(config.demo === true))
      .catch(() => setDemo(false));
  }, []);
  return demo;
}

function safeNext(value: string | null): string {
  // Only paths on this site: never follow `//host` or `https://…` after sign-in.
  return value?.startsWith("/") && !value.startsWith("//") ? value : "/keys";
}

export function SignInPage() {
  const session = useSession();
  const [params] = useSearchParams();
  const [, signIn] = useMutation(SignInMutation);
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [problem, setProblem] = useState("");
  const [busy, setBusy] = useState(false);
  const demo = useDemoLoaded();
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
    <Box component="main" sx={{ minHeight: "100vh", display: "grid", placeItems: "center", bgcolor: "grey.100" }}>
      <Card sx={{ width: 400 }} component="section" aria-labelledby="sign-in-title">
        <CardContent>
          <Stack component="form" spacing={2} onSubmit={submit} noValidate>
            <Typography id="sign-in-title" variant="h5" component="h1">
              Sign in to Tessera
            </Typography>
            {problem && <Alert severity="error">{problem}</Alert>}
            <TextField
              label="Email"
              type="email"
              autoComplete="username"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              required
              autoFocus
            />
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
            {demo && (
              <Alert severity="info" component="aside" aria-label="Demo accounts">
                Demo data is loaded. Sign in as {demoAccounts.join(", ")} with the password <code>tessera-demo</code>{" "}
                (demo only).
              </Alert>
            )}
          </Stack>
        </CardContent>
      </Card>
    </Box>
  );
}
