import { useMutation } from "urql";
import { ConfirmDialog } from "../../layout/ConfirmDialog.tsx";
import { formatDate } from "../../lib/dates.ts";
import { useReportedAction } from "../../lib/mutation-result.ts";
import { type ApiKeyRow, RenewApiKeyMutation } from "./documents.ts";

/** Renew: the key then expires 12 months from now; its secret stays the same. */
export default function RenewApiKeyDialog({
  apiKey,
  onClose,
}: {
  apiKey: Pick<ApiKeyRow, "id" | "name" | "expiresAt">;
  onClose: () => void;
}) {
  const [, renew] = useMutation(RenewApiKeyMutation);
  const report = useReportedAction();
  return (
    <ConfirmDialog
      title={`Renew "${apiKey.name}"?`}
      message={`It expires on ${formatDate(apiKey.expiresAt)} now. Renewing sets its expiry to 12 months from today; the secret does not change.`}
      confirmLabel="Renew for 12 months"
      onClose={onClose}
      onConfirm={async () => {
        const outcome = await report(
          () => renew({ input: { id: apiKey.id } }),
          (d) => d.renewApiKey,
          `"${apiKey.name}" renewed for 12 months.`,
        );
        if (outcome.ok) onClose();
      }}
    />
  );
}
