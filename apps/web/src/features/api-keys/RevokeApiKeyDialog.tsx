import { TextField } from "@mui/material";
import { useState } from "react";
import { useMutation } from "urql";
import { ConfirmDialog } from "../../layout/ConfirmDialog.tsx";
import { useReportedAction } from "../../lib/mutation-result.ts";
import { type ApiKeyRow, RevokeApiKeyMutation } from "./documents.ts";

/** Revoke: irreversible, effective for the very next verification; the reason goes to the audit log. */
export default function RevokeApiKeyDialog({ apiKey, onClose }: { apiKey: ApiKeyRow; onClose: () => void }) {
  const [, revoke] = useMutation(RevokeApiKeyMutation);
  const report = useReportedAction();
  const [reason, setReason] = useState("");
  return (
    <ConfirmDialog
      title={`Revoke "${apiKey.name}"?`}
      message="Revocation is immediate and cannot be undone: every request with this key is refused from now on. A revoked key cannot be renewed."
      confirmLabel="Revoke key"
      danger
      onClose={onClose}
      onConfirm={async () => {
        const input = { id: apiKey.id, reason: reason.trim() || null };
        const outcome = await report(
          () => revoke({ input }),
          (d) => d.revokeApiKey,
          `"${apiKey.name}" revoked.`,
        );
        if (outcome.ok) onClose();
      }}
    >
      <TextField
        label="Reason (optional)"
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        fullWidth
        sx={{ mt: 2 }}
        autoFocus
      />
    </ConfirmDialog>
  );
}
