import { useMutation } from "urql";
import { ConfirmDialog } from "../../layout/ConfirmDialog.tsx";
import { useReportedAction } from "../../lib/mutation-result.ts";
import { RestoreScopeMutation, RetireScopeMutation, type ScopeRow } from "./documents.ts";

const keys = (count: number | null) => (count === 1 ? "1 key holds" : `${count ?? 0} keys hold`);

/** Asks before retiring (or restoring) a scope, saying exactly what stops (or starts) verifying. */
export function RetireScopeDialog({
  scope,
  onClose,
  onDone,
}: {
  scope: ScopeRow;
  onClose: () => void;
  onDone: () => void;
}) {
  const [, retire] = useMutation(RetireScopeMutation);
  const [, restore] = useMutation(RestoreScopeMutation);
  const report = useReportedAction();
  const retiring = !scope.retiredAt;

  async function confirm() {
    const input = { id: scope.id };
    const outcome = retiring
      ? await report(
          () => retire({ input }),
          (d) => d.retireScope,
          `Scope "${scope.name}" retired.`,
        )
      : await report(
          () => restore({ input }),
          (d) => d.restoreScope,
          `Scope "${scope.name}" restored.`,
        );
    if (!outcome.ok) return;
    onDone();
    onClose();
  }

  return (
    <ConfirmDialog
      title={retiring ? `Retire ${scope.name}?` : `Restore ${scope.name}?`}
      confirmLabel={retiring ? "Retire scope" : "Restore scope"}
      danger={retiring}
      onConfirm={confirm}
      onClose={onClose}
      message={
        retiring ? (
          <>
            From now on, verifying any key with <code>{scope.name}</code> answers INSUFFICIENT_SCOPE, on every instance:
            the {keys(scope.keyCount)} it by name, and every key with all scopes. It can no longer be granted; the keys
            that hold it keep listing it as retired. You can restore it later.
          </>
        ) : (
          <>
            <code>{scope.name}</code> can be granted again, and the {keys(scope.keyCount)} it, as well as every key with
            all scopes, verify with it again at once.
          </>
        )
      }
    />
  );
}
