import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  FormControlLabel,
  FormLabel,
  Radio,
  RadioGroup,
  Stack,
} from "@mui/material";
import { type FormEvent, useState } from "react";
import { useMutation } from "urql";
import { useReportedAction } from "../../lib/mutation-result.ts";
import { useOrganization } from "../session/SessionProvider.tsx";
import { trafficProblem } from "../traffic/traffic.ts";
import { CreateApiKeyMutation } from "./documents.ts";
import { type Expiry, ExpiryField, expiresAtOf } from "./ExpiryField.tsx";
import { defaultSettings, type KeySettings, KeySettingsFields, settingsInput } from "./KeySettingsFields.tsx";
import { isWriteScope } from "./ManageTesseraField.tsx";
import { SecretDialog } from "./SecretDialog.tsx";

/** "+ Add API key": every setting of createApiKey, then the secret, once. */
export default function CreateApiKeyDialog({ onClose, onCreated }: { onClose: () => void; onCreated: () => void }) {
  const organization = useOrganization();
  const [, create] = useMutation(CreateApiKeyMutation);
  const report = useReportedAction();
  const [settings, setSettings] = useState<KeySettings>(defaultSettings);
  const [role, setRole] = useState<"VIEWER" | "EDITOR">("VIEWER");
  const [expiry, setExpiry] = useState<Expiry>({ preset: "12m", date: null });
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<{ name: string; secret: string } | null>(null);

  if (created) return <SecretDialog name={created.name} secret={created.secret} onClose={onClose} />;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    const input = {
      organizationId: organization.id,
      role,
      expiresAt: expiresAtOf(expiry),
      ...settingsInput(settings),
    };
    const outcome = await report(
      () => create({ input }),
      (d) => d.createApiKey,
      "API key created.",
    );
    setBusy(false);
    if (!outcome.ok || outcome.payload.__typename !== "CreateApiKeyPayload") return;
    setCreated({ name: outcome.payload.apiKey.name, secret: outcome.payload.secret });
    onCreated();
  }

  // A VIEWER key holds read management scopes only: switching to Viewer lets go of any write scope.
  function chooseRole(next: "VIEWER" | "EDITOR") {
    setRole(next);
    if (next === "VIEWER") {
      setSettings((s) => ({ ...s, managementScopes: s.managementScopes.filter((name) => !isWriteScope(name)) }));
    }
  }

  const customDateMissing = expiry.preset === "date" && !expiry.date;
  return (
    <Dialog open onClose={onClose} maxWidth="sm" fullWidth aria-labelledby="create-key-title">
      <form onSubmit={submit}>
        <DialogTitle id="create-key-title">Add API key</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 1 }}>
            <div>
              <FormLabel id="role-label">Role</FormLabel>
              <RadioGroup
                row
                aria-labelledby="role-label"
                value={role}
                onChange={(e) => chooseRole(e.target.value as "VIEWER" | "EDITOR")}
              >
                <FormControlLabel value="VIEWER" control={<Radio />} label="Viewer (read)" />
                <FormControlLabel value="EDITOR" control={<Radio />} label="Editor (read and write)" />
              </RadioGroup>
            </div>
            <KeySettingsFields value={settings} onChange={setSettings} role={role} />
            <ExpiryField value={expiry} onChange={setExpiry} />
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button
            type="submit"
            variant="contained"
            disabled={busy || customDateMissing || trafficProblem(settings.rateLimits, settings.credits) !== null}
          >
            Create key
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
