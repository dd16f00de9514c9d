import { Alert, Button, TextField } from "@mui/material";
import { slugFromName } from "@tessera/core/validation";
import { type FormEvent, useState } from "react";
import { Navigate, useNavigate, useSearchParams } from "react-router";
import { useMutation } from "urql";
import { EmailField, PublicPage } from "../../layout/PublicPage.tsx";
import { outcomeOf } from "../../lib/mutation-result.ts";
import { useSession } from "../session/SessionProvider.tsx";
import { CompleteSetupMutation } from "./documents.ts";

/** First run: the first owner and their organization, with the token from the server log's setup link. */
export function SetupPage() {
  const session = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const token = params.get("token") ?? "";
  const [, complete] = useMutation(CompleteSetupMutation);
  const [form, setForm] = useState({ name: "", email: "", password: "", organizationName: "", organizationSlug: "" });
  const [slugEdited, setSlugEdited] = useState(false);
  const [problem, setProblem] = useState("");
  const [busy, setBusy] = useState(false);

  if (session.user) return <Navigate to="/keys" replace />;
  const set = (field: keyof typeof form) => (event: { target: { value: string } }) =>
    setForm((f) => {
      const next = { ...f, [field]: event.target.value };
      if (field === "organizationName" && !slugEdited)
        next.organizationSlug = event.target.value.trim() ? slugFromName(event.target.value) : "";
      return next;
    });

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    const outcome = outcomeOf(await complete({ input: { token, ...form } }), (d) => d.completeSetup);
    setBusy(false);
    if (!outcome.ok) return setProblem(outcome.message);
    session.selectOrganization(outcome.payload.organizationSlug);
    session.refresh();
    navigate("/members", { replace: true });
  }

  return (
    <PublicPage title="Set up Tessera" onSubmit={submit}>
      {!token && (
        <Alert severity="warning">
          This page needs the setup link from the server log (it carries a token). Open that link instead.
        </Alert>
      )}
      <Alert severity="info">
        Create the first owner and their organization. You can invite your team once you are in.
      </Alert>
      {problem && <Alert severity="error">{problem}</Alert>}
      <TextField label="Your name" value={form.name} onChange={set("name")} required autoFocus autoComplete="name" />
      <EmailField value={form.email} onChange={set("email")} />
      <TextField
        label="Password"
        type="password"
        value={form.password}
        onChange={set("password")}
        required
        autoComplete="new-password"
        helperText="At least 12 characters; not a common password."
      />
      <TextField label="Organization name" value={form.organizationName} onChange={set("organizationName")} required />
      <TextField
        label="Organization slug"
        value={form.organizationSlug}
        onChange={(e) => {
          setSlugEdited(true);
          set("organizationSlug")(e);
        }}
        required
        helperText="3 to 40 lower-case letters, digits and hyphens; used in links."
      />
      <Button
        type="submit"
        variant="contained"
        disabled={busy || !token || Object.values(form).some((value) => !value.trim())}
      >
        Create owner and organization
      </Button>
    </PublicPage>
  );
}
