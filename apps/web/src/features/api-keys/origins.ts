// The server's own rule, imported rather than re-written: the browser checks origins as they are
// typed with exactly the function that will enforce them (pure code, no Node or database imports).
import { validateOrigins } from "@tessera/core/validation";

/** Null when the origin is acceptable, otherwise the server's explanation. */
export function originProblem(origin: string): string | null {
  try {
    validateOrigins([origin]);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : "Not a valid origin.";
  }
}
