import { Button, Dialog, DialogActions, DialogContent, DialogTitle } from "@mui/material";
import { type FormEvent, useState } from "react";
import { useMutation } from "urql";
import { useReportedAction } from "../../lib/mutation-result.ts";
import { RateLimitsField } from "../traffic/TrafficFields.tsx";
import { rateLimitRows, rateLimitsInput, rateLimitsProblem } from "../traffic/traffic.ts";
import { type CustomerAccountRow, UpdateCustomerAccountMutation } from "./documents.ts";

/**
 * Shows and changes the limits an account's keys share. Removing every row makes the account
 * unlimited (an empty list, which the server takes as "remove them").
 */
export default function EditRateLimitsDialog({
  account,
  onClose,
}: {
  account: CustomerAccountRow;
  onClose: () => void;
}) {
  const [{ fetching }, update] = useMutation(UpdateCustomerAccountMutation);
  const report = useReportedAction();
  const [initial] = useState(() => rateLimitRows(account.rateLimits));
  const [rows, setRows] = useState(initial);
  const unchanged = JSON.stringify(rateLimitsInput(rows)) === JSON.stringify(rateLimitsInput(initial));
  async function submit(event: FormEvent) {
    event.preventDefault();
    const outcome = await report(
      () => update({ input: { id: account.id, rateLimits: rateLimitsInput(rows) } }),
      (d) => d.updateCustomerAccount,
      rows.length === 0 ? `"${account.name}" is now unlimited.` : `Rate limits of "${account.name}" saved.`,
    );
    if (outcome.ok) onClose();
  }
  return (
    <Dialog open onClose={onClose} maxWidth="sm" fullWidth aria-labelledby="edit-limits-title">
      <form onSubmit={submit}>
        <DialogTitle id="edit-limits-title">Edit "{account.name}"</DialogTitle>
        <DialogContent>
          <RateLimitsField owner="account" value={rows} onChange={setRows} />
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button
            type="submit"
            variant="contained"
            disabled={fetching || unchanged || rateLimitsProblem(rows) !== null}
          >
            Save limits
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
