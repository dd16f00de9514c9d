import { ValidationError } from "../errors.ts";

const slugPattern = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;

/**
 * An organization's slug, as it appears in URLs: 3 to 40 lower-case letters, digits and hyphens,
 * starting and ending with a letter or digit. Surrounding spaces are dropped; upper case is refused
 * rather than silently changed, so the slug a person typed is the one they get.
 */
export function normalizeSlug(raw: string, field = "slug"): string {
  const slug = raw.trim();
  if (slug.length < 3 || slug.length > 40) {
    throw new ValidationError(`The slug must be 3 to 40 characters (got ${slug.length}).`, field);
  }
  if (!slugPattern.test(slug)) {
    throw new ValidationError(
      "The slug may hold only lower-case letters, digits and hyphens, and must start and end with a letter or digit.",
      field,
    );
  }
  return slug;
}

/** A slug suggested from an organization's name: `Acme Fleet GmbH` → `acme-fleet-gmbh` (at least 3 characters). */
export function slugFromName(name: string): string {
  const slug = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40)
    .replace(/-+$/, "");
  if (slug.length >= 3 || !slug) return slug || "organization";
  return `${slug}-org`;
}
