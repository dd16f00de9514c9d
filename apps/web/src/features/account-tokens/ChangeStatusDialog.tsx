import { Alert, MenuItem, TextField } from "@mui/material";
import { useState } from "react";
import { useMutation } from "urql";
import { ConfirmDialog } from "../../layout/ConfirmDialog.tsx";
import { useReportedAction } from "../../lib/mutation-result.ts";
import { type CustomerAccountRow, UpdateCustomerAccountMutation } from "./documents.ts";

/** Change an account's status; CLOSED is final, and the dialog says so before it happens. */
export default function ChangeStatusDialog({ account, onClose }: { account: CustomerAccountRow; onClose: () => void }) {
  const [, update] = useMutation(UpdateCustomerAccountMutation);
  const report = useReportedAction();
  const [status, setStatus] = useState<CustomerAccountRow["status"]>(
    account.status === "ACTIVE" ? "SUSPENDED" : "ACTIVE",
  );
  return (
    <ConfirmDialog
      title={`Change the status of "${account.name}"`}
      message="Calls that act for a suspended or closed account are refused."
      confirmLabel={status === "CLOSED" ? "Close account for good" : "Change status"}
      danger={status === "CLOSED"}
      disabled={status === account.status}
      onClose={onClose}
      onConfirm={async () => {
        const outcome = await report(
          () => update({ input: { id: account.id, status } }),
          (d) => d.updateCustomerAccount,
          `"${account.name}" is now ${status.toLowerCase()}.`,
        );
        if (outcome.ok) onClose();
      }}
    >
      <TextField
        select
        label="New status"
        value={status}
        onChange={(e) => setStatus(e.target.value as typeof status)}
        fullWidth
        sx={{ mt: 2 }}
      >
        <MenuItem value="ACTIVE">Active</MenuItem>
        <MenuItem value="SUSPENDED">Suspended</MenuItem>
        <MenuItem value="CLOSED">Closed</MenuItem>
      </TextField>
      {status === "CLOSED" && (
        <Alert severity="error" sx={{ mt: 2 }}>
          Closing is final: a closed account can never be activated again.
        </Alert>
      )}
    </ConfirmDialog>
  );
}
