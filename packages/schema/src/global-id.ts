import { decodeGlobalID, encodeGlobalID } from "@pothos/plugin-relay";
import { isUuid, NotFoundError, ValidationError } from "@tessera/core";

/**
 * The one decoder of Relay global ids: the type and database id inside, or null for anything that is
 * not a global id of an object Tessera could hold (every object is keyed by a UUID). Every other
 * helper here, and every argument that takes an id, goes through it.
 */
export function decodeAnyId(globalId: string): { typename: string; id: string } | null {
  try {
    const decoded = decodeGlobalID(globalId);
    return isUuid(decoded.id) ? decoded : null;
  } catch {
    return null;
  }
}

/** The database id inside a Relay global id of the expected type, or null when it is anything else. */
export function decodeId(globalId: string, typename: string): string | null {
  const decoded = decodeAnyId(globalId);
  return decoded?.typename === typename ? decoded.id : null;
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

/** Like `decodeTargetId`, for an optional id: null and undefined stay absent. */
export function decodeOptionalTargetId(
  globalId: string | number | null | undefined,
  typename: string,
  notFound: string,
): string | null {
  return globalId == null ? null : decodeTargetId(String(globalId), typename, notFound);
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
