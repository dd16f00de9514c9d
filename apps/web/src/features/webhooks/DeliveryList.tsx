import { CircularProgress, Table, TableBody, TableCell, TableHead, TableRow, Typography } from "@mui/material";
import { useQuery } from "urql";
import { formatDateTime } from "../../lib/dates.ts";
import { WebhookDeliveriesQuery, type WebhookEndpointRow, webhookChange } from "./documents.ts";

/** The endpoint's recent deliveries: what was sent, whether it arrived, and why not. */
export function DeliveryList({ endpoint }: { endpoint: WebhookEndpointRow }) {
  const [result] = useQuery({ query: WebhookDeliveriesQuery, variables: { id: endpoint.id }, context: webhookChange });
  const node = result.data?.node;
  const deliveries = node && "deliveries" in node ? node.deliveries : null;
  if (!deliveries) {
    return result.error ? (
      <Typography variant="body2" color="error">
        Deliveries could not be loaded: {result.error.message}
      </Typography>
    ) : (
      <CircularProgress size={20} aria-label="Loading deliveries" />
    );
  }
  if (deliveries.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary" sx={{ p: 1 }}>
        Nothing sent yet. Send a test event to check the endpoint.
      </Typography>
    );
  }
  return (
    <Table size="small" aria-label={`Recent deliveries to ${endpoint.url}`}>
      <TableHead>
        <TableRow>
          <TableCell>Event</TableCell>
          <TableCell>Status</TableCell>
          <TableCell align="right">Attempts</TableCell>
          <TableCell align="right">Response</TableCell>
          <TableCell>Last error</TableCell>
          <TableCell>When</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {deliveries.map((d) => (
          <TableRow key={d.id}>
            <TableCell>{d.eventType}</TableCell>
            <TableCell>
              {d.status === "PENDING" && d.nextAttemptAt
                ? `PENDING (next ${formatDateTime(d.nextAttemptAt)})`
                : d.status}
            </TableCell>
            <TableCell align="right">{d.attempts}</TableCell>
            <TableCell align="right">{d.lastResponseCode ?? "—"}</TableCell>
            <TableCell sx={{ maxWidth: 280, overflowWrap: "anywhere" }}>{d.lastError ?? "—"}</TableCell>
            <TableCell>{formatDateTime(d.sentAt ?? d.createdAt)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
