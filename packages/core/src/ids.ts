import { NotFoundError, ValidationError } from "./errors.ts";

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Ids are UUID columns: a malformed id would make PostgreSQL raise an error instead of finding
 * nothing, so callers check the shape first and answer "not found" like for any unknown id.
 */
export function isUuid(value: string): boolean {
  return uuidPattern.test(value);
}

/*
 * Global ids are the Relay ones both doors hand out: base64 of `Type:uuid`, the format Pothos' relay
 * plugin writes for `id` fields (a test in the schema package holds the two together). They live here,
 * framework-free, so the REST door translates ids without importing the GraphQL package.
 */
const base64Pattern = /^(?:[\d+/A-Za-z]{4})*(?:[\d+/A-Za-z]{2}==|[\d+/A-Za-z]{3}=)?$/;
const typenamePattern = /^[A-Z_a-z]\w*$/;

export function encodeId(typename: string, id: string): string {
  return Buffer.from(`${typename}:${id}`).toString("base64");
}

/**
 * The one decoder of global ids: the type and database id inside, or null for anything that is
 * not a global id of an object Tessera could hold (every object is keyed by a UUID). Every other
 * helper here, and every argument that takes an id, goes through it.
 */
export function decodeAnyId(globalId: string): { typename: string; id: string } | null {
  if (!base64Pattern.test(globalId)) return null;
  const decoded = Buffer.from(globalId, "base64").toString();
  const colon = decoded.indexOf(":");
  const typename = decoded.slice(0, colon);
  const id = decoded.slice(colon + 1);
  return colon > 0 && typenamePattern.test(typename) && isUuid(id) ? { typename, id } : null;
}

/** The database id inside a global id of the expected type, or null when it is anything else. */
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
