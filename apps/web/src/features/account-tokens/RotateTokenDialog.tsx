import { useMutation } from "urql";
import { ConfirmDialog } from "../../layout/ConfirmDialog.tsx";
import { useReportedAction } from "../../lib/mutation-result.ts";
import { type CustomerAccountRow, RotateAccountTokenMutation } from "./documents.ts";

/** Replaces the account token after saying that the old one stops working at once. */
export default function RotateTokenDialog({ account, onClose }: { account: CustomerAccountRow; onClose: () => void }) {
  const [, rotate] = useMutation(RotateAccountTokenMutation);
  const report = useReportedAction();
  return (
    <ConfirmDialog
      title={`Rotate the token of "${account.name}"?`}
      message="The old token stops working at once: every integration that sends it is refused until it uses the new one."
      confirmLabel="Rotate token"
      danger
      onClose={onClose}
      onConfirm={async () => {
        const outcome = await report(
          () => rotate({ input: { id: account.id } }),
          (d) => d.rotateAccountToken,
          `New token for "${account.name}". The old one no longer works.`,
        );
        if (outcome.ok) onClose();
      }}
    />
  );
}
