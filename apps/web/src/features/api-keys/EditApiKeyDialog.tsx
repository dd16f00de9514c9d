import { Alert, Button, CircularProgress, Dialog, DialogActions, DialogContent, DialogTitle } from "@mui/material";
import { type FormEvent, useState } from "react";
import { useMutation, useQuery } from "urql";
import type { ResultOf } from "../../lib/graphql.ts";
import { useReportedAction } from "../../lib/mutation-result.ts";
import { noCredits, rateLimitRows, trafficProblem } from "../traffic/traffic.ts";
import { ApiKeyDetailsQuery, UpdateApiKeyMutation } from "./documents.ts";
import { type KeySettings, KeySettingsFields, settingsInput } from "./KeySettingsFields.tsx";

type Details = Extract<NonNullable<ResultOf<typeof ApiKeyDetailsQuery>["node"]>, { name: string }>;

function settingsOf(key: Details): KeySettings {
  return {
    name: key.name,
    description: key.description ?? "",
    apiVersion: key.apiVersion,
    allScopes: key.allScopes,
    scopes: key.scopes,
    managementScopes: key.managementScopes,
    allResources: key.allResources,
    resourceIds: key.resources.map((r) => r.id),
    allCustomerAccounts: key.allCustomerAccounts,
    customerAccountIds: key.customerAccounts.map((a) => a.id),
    origins: key.origins,
    userAgent: key.userAgent ?? "",
    known: [
      ...key.resources.map((r) => ({ id: r.id, label: r.name })),
      ...key.customerAccounts.map((a) => ({ id: a.id, label: a.name })),
    ],
    rateLimits: rateLimitRows(key.rateLimits),
    ipAllowlist: key.ipAllowlist,
    credits: key.credits
      ? {
          enabled: true,
          remaining: String(key.credits.remaining),
          refill: key.credits.refill?.interval ?? "NONE",
          amount: String(key.credits.refill?.amount ?? noCredits.amount),
          dayOfMonth: String(key.credits.refill?.dayOfMonth ?? 1),
        }
      : noCredits,
  };
}

function EditForm({ apiKey, onClose }: { apiKey: Details; onClose: () => void }) {
  const [, update] = useMutation(UpdateApiKeyMutation);
  const report = useReportedAction();
  const [initial] = useState(() => settingsOf(apiKey));
  const [settings, setSettings] = useState(initial);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    const input = { id: apiKey.id, ...settingsInput(settings, initial) };
    const outcome = await report(
      () => update({ input }),
      (d) => d.updateApiKey,
      "API key saved.",
    );
    setBusy(false);
    if (outcome.ok) onClose();
  }
  return (
    <form onSubmit={submit}>
      <DialogContent>
        <Alert severity="info" sx={{ mb: 2 }}>
          Role, secret and expiry cannot be edited; renew a key to extend it.
        </Alert>
        <KeySettingsFields value={settings} onChange={setSettings} role={apiKey.role} />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button
          type="submit"
          variant="contained"
          disabled={busy || trafficProblem(settings.rateLimits, settings.credits) !== null}
        >
          Save
        </Button>
      </DialogActions>
    </form>
  );
}

/** Edit: only what may change (name, description, API version, restrictions). */
export default function EditApiKeyDialog({ id, onClose }: { id: string; onClose: () => void }) {
  const [result] = useQuery({ query: ApiKeyDetailsQuery, variables: { id }, requestPolicy: "network-only" });
  const node = result.data?.node;
  const key = node && "name" in node ? (node as Details) : null;
  return (
    <Dialog open onClose={onClose} maxWidth="sm" fullWidth aria-labelledby="edit-key-title">
      <DialogTitle id="edit-key-title">Edit {key ? `"${key.name}"` : "API key"}</DialogTitle>
      {key ? (
        <EditForm apiKey={key} onClose={onClose} />
      ) : (
        <DialogContent>
          {result.error ? (
            <Alert severity="error">{result.error.message}</Alert>
          ) : (
            <CircularProgress aria-label="Loading" />
          )}
        </DialogContent>
      )}
    </Dialog>
  );
}
