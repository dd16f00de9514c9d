import { decodeGlobalID, encodeGlobalID } from "@pothos/plugin-relay";
import { isUuid, NotFoundError, ValidationError } from "@tessera/core";

/** The database id inside a Relay global id of the expected type, or null when it is anything else. */
export function decodeId(globalId: string, typename: string): string | null {
  try {
    const decoded = decodeGlobalID(globalId);
    return decoded.typename === typename && isUuid(decoded.id) ? decoded.id : null;
  } catch {
    return null;
  }
}

/**
 * The id of the object a mutation acts on. A malformed id, or an id of another type, reads exactly
 * like an id that does not exist, so the answer is the same as for another organization's key.
 */
export function decodeTargetId(globalId: string, typename: string, notFound: string): string {
  const id = decodeId(globalId, typename);
  if (!id) throw new NotFoundError(notFound);
  return id;
}

/** Ids an input refers to (resources, accounts, members): a wrong one is a validation error naming the field. */
export function decodeReferenceIds(globalIds: readonly string[], typename: string, field: string): string[] {
  return globalIds.map((globalId) => {
    const id = decodeId(globalId, typename);
    if (!id) throw new ValidationError(`"${globalId}" is not a ${typename} id.`, field);
    return id;
  });
}

export function encodeId(typename: string, id: string): string {
  return encodeGlobalID(typename, id);
}

/**
 * The database id inside a global id of the expected type, for core operations that look the id up
 * themselves: a malformed id or one of another type becomes "" — a value no UUID column holds — so
 * core reports it as not found, exactly like an unknown id.
 */
export function databaseIdOf(globalId: string, typename: string): string {
  return decodeId(globalId, typename) ?? "";
}

/** Like `databaseIdOf`, for optional ids: null and undefined stay absent. */
export function optionalDatabaseIdOf(globalId: string | null | undefined, typename: string): string | null {
  return globalId == null ? null : databaseIdOf(globalId, typename);
}
