import {
  Button,
  Checkbox,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  FormControlLabel,
  FormGroup,
  FormLabel,
  Stack,
  Switch,
  TextField,
} from "@mui/material";
import { type FormEvent, useState } from "react";
import { useMutation } from "urql";
import { useReportedAction } from "../../lib/mutation-result.ts";
import { useOrganization } from "../session/SessionProvider.tsx";
import {
  CreateWebhookEndpointMutation,
  eventLabels,
  UpdateWebhookEndpointMutation,
  type WebhookEndpointRow,
  type WebhookEventType,
  webhookChange,
  webhookEvents,
} from "./documents.ts";

type Props = {
  /** The endpoint to edit; absent to register a new one. */
  endpoint?: WebhookEndpointRow;
  onClose: () => void;
  /** Called with the signing secret of a new endpoint, to be shown once. */
  onSecret: (url: string, secret: string) => void;
};

/** Registers an endpoint (its signing secret is then shown once) or edits URL, events, description and state. */
export default function WebhookEndpointDialog({ endpoint, onClose, onSecret }: Props) {
  const organization = useOrganization();
  const [, create] = useMutation(CreateWebhookEndpointMutation);
  const [, update] = useMutation(UpdateWebhookEndpointMutation);
  const report = useReportedAction();
  const [url, setUrl] = useState(endpoint?.url ?? "https://");
  const [description, setDescription] = useState(endpoint?.description ?? "");
  const [events, setEvents] = useState<WebhookEventType[]>(endpoint?.events ?? ["API_KEY_REVOKED"]);
  const [enabled, setEnabled] = useState(endpoint?.enabled ?? true);
  const toggle = (event: WebhookEventType) =>
    setEvents((now) => (now.includes(event) ? now.filter((e) => e !== event) : [...now, event]));

  async function submit(e: FormEvent) {
    e.preventDefault();
    const fields = { url: url.trim(), description: description.trim() || null, events, enabled };
    if (endpoint) {
      const outcome = await report(
        () => update({ input: { id: endpoint.id, ...fields } }, webhookChange),
        (d) => d.updateWebhookEndpoint,
        "Webhook endpoint saved.",
      );
      if (outcome.ok) onClose();
      return;
    }
    const outcome = await report(
      () => create({ input: { organizationId: organization.id, ...fields } }, webhookChange),
      (d) => d.createWebhookEndpoint,
      "Webhook endpoint added.",
    );
    if (!outcome.ok) return;
    onClose();
    onSecret(outcome.payload.webhookEndpoint.url, outcome.payload.secret);
  }

  return (
    <Dialog open onClose={onClose} maxWidth="sm" fullWidth aria-labelledby="webhook-dialog-title">
      <form onSubmit={submit}>
        <DialogTitle id="webhook-dialog-title">
          {endpoint ? "Edit webhook endpoint" : "Add webhook endpoint"}
        </DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ mt: 1 }}>
            <TextField
              label="URL"
              value={url}
              onChange={(e) => setUrl(e.target.value)}
              required
              autoFocus
              helperText="https (plain http only to localhost). Events are POSTed here, signed."
            />
            <TextField label="Description" value={description} onChange={(e) => setDescription(e.target.value)} />
            <FormGroup aria-labelledby="webhook-events-label">
              <FormLabel id="webhook-events-label">Events</FormLabel>
              {webhookEvents.map((event) => (
                <FormControlLabel
                  key={event}
                  control={<Checkbox checked={events.includes(event)} onChange={() => toggle(event)} size="small" />}
                  label={eventLabels[event]}
                />
              ))}
            </FormGroup>
            <FormControlLabel
              control={<Switch checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />}
              label="Enabled"
            />
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="contained" disabled={!url.trim() || events.length === 0}>
            {endpoint ? "Save" : "Add endpoint"}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
