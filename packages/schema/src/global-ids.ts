import { decodeGlobalID } from "@pothos/plugin-relay";

/**
 * The database id inside a Relay global id, when the id names an object of `typename`. A malformed
 * id or one of another type decodes to "" — a value no UUID column holds — so core reports it as
 * not found, exactly like an unknown id, instead of the request failing with an internal error.
 */
export function databaseIdOf(globalId: string, typename: string): string {
  try {
    const decoded = decodeGlobalID(globalId);
    return decoded.typename === typename ? decoded.id : "";
  } catch {
    return "";
  }
}

/** Like `databaseIdOf`, for optional ids: null and undefined stay absent. */
export function optionalDatabaseIdOf(globalId: string | null | undefined, typename: string): string | null {
  return globalId == null ? null : databaseIdOf(globalId, typename);
}
