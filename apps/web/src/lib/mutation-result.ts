import { useSnackbar } from "notistack";
import { useCallback } from "react";
import type { CombinedError } from "urql";

/** Every mutation answers a union: its `…Payload` on success, or an error type carrying a message. */
type Outcome = { __typename: string; message?: string };
export type Success<U> = Exclude<U, { message: string }>;

export type ActionResult<U> = { ok: true; payload: Success<U> } | { ok: false; message: string };

/** Splits a mutation's union result into success or a message a person can read. */
export function outcomeOf<Data, U extends Outcome>(
  result: { data?: Data | null; error?: CombinedError },
  pick: (data: Data) => U | undefined | null,
): ActionResult<U> {
  if (result.error)
    return { ok: false, message: result.error.graphQLErrors[0]?.message ?? "Tessera could not be reached." };
  const value = result.data ? pick(result.data) : undefined;
  if (!value) return { ok: false, message: "Tessera sent no answer." };
  if (typeof value.message === "string") return { ok: false, message: value.message };
  return { ok: true, payload: value as Success<U> };
}

/** Runs a mutation and reports its outcome bottom right: the success text, or the server's message. */
export function useReportedAction() {
  const { enqueueSnackbar } = useSnackbar();
  return useCallback(
    async <Data, U extends Outcome>(
      run: () => Promise<{ data?: Data | null; error?: CombinedError }>,
      pick: (data: Data) => U | undefined | null,
      successText: string,
    ): Promise<ActionResult<U>> => {
      const outcome = outcomeOf(await run(), pick);
      if (outcome.ok) enqueueSnackbar(successText, { variant: "success" });
      else enqueueSnackbar(outcome.message, { variant: "error" });
      return outcome;
    },
    [enqueueSnackbar],
  );
}
