import type { PrismaClient } from "@tessera/db";
import type { AccessResolver } from "./access/index.ts";
import type { Clock } from "./clock.ts";
import { NotFoundError, UnauthenticatedError } from "./errors.ts";
import { isUuid } from "./ids.ts";
import type { ManagementScope } from "./roles.ts";
import { actorOf, type RequestActor, type Viewer } from "./viewer.ts";

/**
 * What every core operation needs from the request. The GraphQL context satisfies it as is, and a
 * test or a script can build one without a server.
 */
export type OperationContext = {
  prisma: PrismaClient;
  access: AccessResolver;
  viewer: Viewer;
  clock: Clock;
  /** The client's address, recorded on the audit event; null when unknown. */
  sourceAddress: string | null;
  /** The request's User-Agent, recorded on the audit event; null or absent when unknown. */
  userAgent?: string | null;
};

/** The member or key making a change. Anonymous callers are told to authenticate, not that ids are unknown. */
export function requireActor(viewer: Viewer): RequestActor {
  const actor = actorOf(viewer);
  if (!actor) throw new UnauthenticatedError();
  return actor;
}

/**
 * `access.require` for an organization id that came from the caller: a malformed id is an unknown
 * organization (NotFoundError), never a database error.
 */
export async function requireOrganizationScope(
  ctx: Pick<OperationContext, "access">,
  organizationId: string,
  scope: ManagementScope,
): Promise<void> {
  if (!isUuid(organizationId)) throw new NotFoundError("Organization not found.");
  await ctx.access.require(organizationId, scope);
}
