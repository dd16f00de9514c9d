import type { Prisma } from "@tessera/db";
import { ValidationError } from "../errors.ts";

/** As long as the longest email address: a longer search is a mistake, refused by name. */
export const maxMemberSearchLength = 254;

/**
 * How `Organization.members` narrows an organization's memberships for a search: those whose user's
 * email or name contains the trimmed text, case-insensitive. Blank (or only spaces) means every
 * member ({}); over 254 characters is a ValidationError on `search`. The caller keeps to one
 * organization (the relation's own rows): this condition only ever narrows them.
 */
export function memberSearchWhere(search: string | null | undefined): Prisma.MembershipWhereInput {
  const text = search?.trim() ?? "";
  if (text.length > maxMemberSearchLength) {
    throw new ValidationError(
      `\`search\` must be at most ${maxMemberSearchLength} characters (got ${text.length}).`,
      "search",
    );
  }
  if (!text) return {};
  const contains = { contains: text, mode: "insensitive" as const };
  return { user: { OR: [{ email: contains }, { name: contains }] } };
}
