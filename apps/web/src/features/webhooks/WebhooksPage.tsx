import AddIcon from "@mui/icons-material/Add";
import {
  Alert,
  Box,
  Button,
  Chip,
  CircularProgress,
  FormControlLabel,
  Paper,
  Stack,
  Switch,
  Typography,
} from "@mui/material";
import { lazy, Suspense, useState } from "react";
import { useMutation, useQuery } from "urql";
import { readFragment } from "../../lib/graphql.ts";
import { useReportedAction } from "../../lib/mutation-result.ts";
import { SecretDialog } from "../api-keys/SecretDialog.tsx";
import { useOrganization } from "../session/SessionProvider.tsx";
import { DeliveryList } from "./DeliveryList.tsx";
import {
  DeleteWebhookEndpointMutation,
  eventLabels,
  RotateWebhookSecretMutation,
  SendTestWebhookMutation,
  UpdateWebhookEndpointMutation,
  WebhookEndpointFields,
  type WebhookEndpointRow,
  WebhookEndpointsQuery,
  webhookChange,
} from "./documents.ts";

const WebhookEndpointDialog = lazy(() => import("./WebhookEndpointDialog.tsx"));

const signingWording = (url: string) => ({
  title: `Signing secret for ${url}`,
  secretLabel: "Webhook signing secret",
  warning:
    "Copy the secret now and give it to the receiving service: it verifies every request with it. It will not be shown again.",
});

/**
 * Webhooks: the endpoints that receive the organization's events, their recent deliveries, and the
 * actions on them. OWNER and ADMIN manage them; anyone the API refuses sees why.
 */
export default function WebhooksPage() {
  const organization = useOrganization();
  const [result] = useQuery({
    query: WebhookEndpointsQuery,
    variables: { slug: organization.slug },
    context: webhookChange,
  });
  const [editing, setEditing] = useState<WebhookEndpointRow | "new" | null>(null);
  const [secret, setSecret] = useState<{ url: string; secret: string } | null>(null);
  const connection = result.data?.organization?.webhookEndpoints;
  const endpoints = (connection?.nodes ?? []).map((n) => readFragment(WebhookEndpointFields, n));
  const canManage = organization.canManage;

  return (
    <Stack spacing={2}>
      <Stack direction="row" sx={{ alignItems: "center" }}>
        <Typography variant="h5" component="h1" sx={{ flex: 1 }}>
          Webhooks
        </Typography>
        {canManage && (
          <Button variant="contained" startIcon={<AddIcon />} onClick={() => setEditing("new")}>
            Add endpoint
          </Button>
        )}
      </Stack>
      {result.error && !connection && (
        <Alert severity="info">{result.error.graphQLErrors[0]?.message ?? "Tessera could not be reached."}</Alert>
      )}
      {!connection && result.fetching && <CircularProgress aria-label="Loading webhook endpoints" />}
      {connection && endpoints.length === 0 && (
        <Paper variant="outlined" sx={{ p: 3 }}>
          <Typography color="text.secondary">
            No webhook endpoints yet. Add one to be told when keys are created, revoked or about to expire.
          </Typography>
        </Paper>
      )}
      {endpoints.map((endpoint) => (
        <EndpointCard
          key={endpoint.id}
          endpoint={endpoint}
          canManage={canManage}
          onEdit={() => setEditing(endpoint)}
          onSecret={(value) => setSecret({ url: endpoint.url, secret: value })}
        />
      ))}
      <Suspense fallback={null}>
        {editing && (
          <WebhookEndpointDialog
            endpoint={editing === "new" ? undefined : editing}
            onClose={() => setEditing(null)}
            onSecret={(url, value) => setSecret({ url, secret: value })}
          />
        )}
      </Suspense>
      {secret && (
        <SecretDialog
          name={secret.url}
          secret={secret.secret}
          wording={signingWording(secret.url)}
          onClose={() => setSecret(null)}
        />
      )}
    </Stack>
  );
}

function EndpointCard({
  endpoint,
  canManage,
  onEdit,
  onSecret,
}: {
  endpoint: WebhookEndpointRow;
  canManage: boolean;
  onEdit: () => void;
  onSecret: (secret: string) => void;
}) {
  const [, update] = useMutation(UpdateWebhookEndpointMutation);
  const [, rotate] = useMutation(RotateWebhookSecretMutation);
  const [, test] = useMutation(SendTestWebhookMutation);
  const [, remove] = useMutation(DeleteWebhookEndpointMutation);
  const report = useReportedAction();
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const input = { id: endpoint.id };

  async function rotateSecret() {
    const outcome = await report(
      () => rotate({ input }, webhookChange),
      (d) => d.rotateWebhookSecret,
      "Signing secret replaced.",
    );
    if (outcome.ok) onSecret(outcome.payload.secret);
  }

  return (
    <Paper variant="outlined" sx={{ p: 2 }} component="section" aria-label={`Endpoint ${endpoint.url}`}>
      <Stack direction="row" spacing={2} sx={{ alignItems: "flex-start", flexWrap: "wrap", rowGap: 1 }}>
        <Box sx={{ flex: 1, minWidth: 260 }}>
          <Typography variant="subtitle1" component="h2" sx={{ fontFamily: "monospace", overflowWrap: "anywhere" }}>
            {endpoint.url}
          </Typography>
          {endpoint.description && (
            <Typography variant="body2" color="text.secondary">
              {endpoint.description}
            </Typography>
          )}
          <Box sx={{ display: "flex", gap: 0.5, flexWrap: "wrap", mt: 1 }}>
            {endpoint.events.map((e) => (
              <Chip key={e} label={eventLabels[e]} size="small" variant="outlined" />
            ))}
          </Box>
        </Box>
        <FormControlLabel
          control={
            <Switch
              checked={endpoint.enabled}
              disabled={!canManage}
              onChange={(e) =>
                report(
                  () => update({ input: { ...input, enabled: e.target.checked } }, webhookChange),
                  (d) => d.updateWebhookEndpoint,
                  e.target.checked ? "Endpoint enabled." : "Endpoint disabled: no events are queued for it.",
                )
              }
            />
          }
          label={endpoint.enabled ? "Enabled" : "Disabled"}
        />
      </Stack>
      {canManage && (
        <Stack direction="row" spacing={1} sx={{ mt: 1, flexWrap: "wrap", rowGap: 1 }}>
          <Button size="small" onClick={onEdit}>
            Edit
          </Button>
          <Button
            size="small"
            onClick={() =>
              report(
                () => test({ input }, webhookChange),
                (d) => d.sendTestWebhook,
                "Test event queued.",
              )
            }
          >
            Send test
          </Button>
          <Button size="small" onClick={rotateSecret}>
            Rotate secret
          </Button>
          {confirmingDelete ? (
            <Button
              size="small"
              color="error"
              variant="contained"
              onClick={() =>
                report(
                  () => remove({ input }, webhookChange),
                  (d) => d.deleteWebhookEndpoint,
                  "Endpoint deleted.",
                )
              }
            >
              Confirm delete
            </Button>
          ) : (
            <Button size="small" color="error" onClick={() => setConfirmingDelete(true)}>
              Delete
            </Button>
          )}
        </Stack>
      )}
      <Typography variant="subtitle2" component="h3" sx={{ mt: 2 }}>
        Recent deliveries
      </Typography>
      <Box sx={{ overflowX: "auto" }}>
        <DeliveryList endpoint={endpoint} />
      </Box>
    </Paper>
  );
}
