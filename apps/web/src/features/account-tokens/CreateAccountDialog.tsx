import { Button, Dialog, DialogActions, DialogContent, DialogTitle, Stack, TextField } from "@mui/material";
import { type FormEvent, useState } from "react";
import { useMutation } from "urql";
import { useReportedAction } from "../../lib/mutation-result.ts";
import { useOrganization } from "../session/SessionProvider.tsx";
import { RateLimitsField } from "../traffic/TrafficFields.tsx";
import { type RateLimitRow, rateLimitsInput, rateLimitsProblem } from "../traffic/traffic.ts";
import { CreateCustomerAccountMutation } from "./documents.ts";

/** Adds a customer account, unlimited unless rate limits are added; the server gives it its first token. */
export default function CreateAccountDialog({ onClose, onCreated }: { onClose: () => void; onCreated: () => void }) {
  const organization = useOrganization();
  const [{ fetching }, create] = useMutation(CreateCustomerAccountMutation);
  const report = useReportedAction();
  const [name, setName] = useState("");
  const [rateLimits, setRateLimits] = useState<RateLimitRow[]>([]);
  async function submit(event: FormEvent) {
    event.preventDefault();
    const input = { organizationId: organization.id, name: name.trim(), rateLimits: rateLimitsInput(rateLimits) };
    const outcome = await report(
      () => create({ input }),
      (d) => d.createCustomerAccount,
      `Account "${input.name}" created.`,
    );
    if (!outcome.ok) return;
    onCreated();
    onClose();
  }
  return (
    <Dialog open onClose={onClose} maxWidth="sm" fullWidth aria-labelledby="create-account-title">
      <form onSubmit={submit}>
        <DialogTitle id="create-account-title">Add customer account</DialogTitle>
        <DialogContent>
          <Stack spacing={3} sx={{ mt: 1 }}>
            <TextField
              label="Account name"
              value={name}
              onChange={(e) => setName(e.target.value)}
              fullWidth
              required
              autoFocus
            />
            <RateLimitsField owner="account" value={rateLimits} onChange={setRateLimits} />
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button
            type="submit"
            variant="contained"
            disabled={fetching || !name.trim() || rateLimitsProblem(rateLimits) !== null}
          >
            Create account
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
