import type { Prisma } from "@tessera/db";
import { recordAudit } from "../audit.ts";
import { ConflictError, ForbiddenError, UnauthenticatedError } from "../errors.ts";
import { normalizeName } from "../names.ts";
import { createOrganization } from "../organizations.ts";
import { isUniqueViolation } from "../unique-violation.ts";
import type { RequestSource } from "./context.ts";
import { normalizeSlug } from "./organization-slug.ts";
import type { TeamContext } from "./team-settings.ts";

export type NewOrganizationInput = { name: string; slug: string };

/**
 * Inside the caller's transaction: a new organization as a person starts one, with `owner` as its
 * OWNER, every management scope, one API version `v1` and an empty data catalogue. The unique slug
 * decides between two creations racing for one slug: the loser gets a ConflictError.
 */
export async function startOrganization(
  tx: Prisma.TransactionClient,
  source: Pick<RequestSource, "sourceAddress">,
  owner: { id: string; email: string },
  input: NewOrganizationInput,
) {
  const name = normalizeName(input.name, "name");
  const slug = normalizeSlug(input.slug);
  if (await tx.organization.findUnique({ where: { slug }, select: { id: true } })) throw slugTaken(slug);
  const org = await createOrganization(tx, {
    name,
    slug,
    apiVersions: [{ name: "v1" }],
    members: [{ userId: owner.id, role: "OWNER" }],
  });
  await recordAudit(tx, {
    organizationId: org.id,
    actor: { kind: "user", userId: owner.id, label: owner.email },
    action: "organization.created",
    target: { type: "Organization", id: org.id, label: org.name },
    sourceAddress: source.sourceAddress,
    changes: { name, slug },
  });
  return org;
}

export function slugTaken(slug: string): ConflictError {
  return new ConflictError(`The slug "${slug}" is taken: choose another.`);
}

/**
 * `createOrganization` for a signed-in person, as `TESSERA_ORGANIZATION_CREATION` allows: any member
 * (`members`), owners of an existing organization (`owners`), or nobody (`closed`). API keys belong
 * to one organization and never create another.
 */
export async function createOrganizationAsMember(ctx: TeamContext, input: NewOrganizationInput) {
  if (ctx.viewer.kind === "anonymous") throw new UnauthenticatedError("Sign in to create an organization.");
  if (ctx.viewer.kind !== "user") throw new ForbiddenError("API keys cannot create organizations.");
  const member = ctx.viewer;
  const rule = ctx.team.organizationCreation;
  if (rule === "closed") {
    throw new ForbiddenError("Creating organizations is turned off on this Tessera (TESSERA_ORGANIZATION_CREATION).");
  }
  if (rule === "owners") {
    const owns = await ctx.prisma.membership.count({ where: { userId: member.userId, role: "OWNER" } });
    if (owns === 0) throw new ForbiddenError("On this Tessera only owners of an organization can create another.");
  }
  try {
    return await ctx.prisma.$transaction((tx) =>
      startOrganization(tx, ctx, { id: member.userId, email: member.email }, input),
    );
  } catch (error) {
    if (isUniqueViolation(error)) throw slugTaken(input.slug.trim());
    throw error;
  }
}
