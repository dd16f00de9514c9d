import { decodeGlobalID, encodeGlobalID } from "@pothos/plugin-relay";
import { NotFoundError, ValidationError } from "@tessera/core";

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(id: string): boolean {
  return uuidPattern.test(id);
}

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
