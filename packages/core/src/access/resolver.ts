import type { PrismaClient } from "@tessera/db";
import { ForbiddenError, NotFoundError } from "../errors.ts";
import { isUuid } from "../ids.ts";
import { type ManagementScope, scopesForRole } from "../roles.ts";
import type { OrganizationAccess, Viewer } from "../viewer.ts";
import { mayRead, type ReadRule, readRefusal } from "./read-rules.ts";

/**
 * Answers "what may this viewer do in organization X?" once per organization per request.
 * A member's rights come from their role; a key's from its management scopes, and a key never
 * reaches beyond its own organization. No access at all is reported as null, so callers can make
 * another organization's ids behave exactly like ids that do not exist.
 */
export class AccessResolver {
  private readonly cache = new Map<string, Promise<OrganizationAccess | null>>();
  private readonly users = new Map<string, Promise<boolean>>();

  constructor(
    private readonly prisma: PrismaClient,
    readonly viewer: Viewer,
  ) {}

  inOrganization(organizationId: string): Promise<OrganizationAccess | null> {
    // Not an id any organization has; a non-UUID must not reach a uuid column as a 500.
    if (!isUuid(organizationId)) return Promise.resolve(null);
    let access = this.cache.get(organizationId);
    if (!access) {
      access = this.resolve(organizationId);
      this.cache.set(organizationId, access);
    }
    return access;
  }

  /** The access, or NotFoundError when the viewer cannot see the organization at all. */
  async require(organizationId: string, scope: ManagementScope): Promise<OrganizationAccess> {
    const access = await this.inOrganization(organizationId);
    if (!access) throw new NotFoundError("Organization not found.");
    requireScope(access, scope);
    return access;
  }

  /** The access, when `rule` lets the viewer read; NotFoundError or ForbiddenError (naming what is missing) otherwise. */
  async requireRead(organizationId: string, rule: ReadRule): Promise<OrganizationAccess> {
    const access = await this.inOrganization(organizationId);
    if (!access) throw new NotFoundError("Organization not found.");
    if (!mayRead(access, rule)) throw new ForbiddenError(readRefusal(access, rule));
    return access;
  }

  async mayRead(organizationId: string, rule: ReadRule): Promise<boolean> {
    return mayRead(await this.inOrganization(organizationId), rule);
  }

  /** A key always sees itself (where it owns a resource, as `viewer.apiKey`); other keys need the keys rule. */
  async mayReadApiKey(key: { id: string; organizationId: string }): Promise<boolean> {
    if (this.viewer.kind === "apiKey" && this.viewer.keyId === key.id) return true;
    return this.mayRead(key.organizationId, "keys");
  }

  /**
   * Users have no organization of their own: a user is readable by themself, and by whoever may read
   * the members of an organization the user belongs to.
   */
  mayReadUser(userId: string): Promise<boolean> {
    let answer = this.users.get(userId);
    if (!answer) {
      answer = this.resolveUser(userId);
      this.users.set(userId, answer);
    }
    return answer;
  }

  private async resolveUser(userId: string): Promise<boolean> {
    const viewer = this.viewer;
    if (!isUuid(userId)) return false;
    if (viewer.kind === "user" && viewer.userId === userId) return true;
    if (viewer.kind === "anonymous") return false;
    const shared = await this.prisma.membership.findMany({
      where: {
        userId,
        organization:
          viewer.kind === "apiKey"
            ? { id: viewer.organizationId }
            : { memberships: { some: { userId: viewer.userId } } },
      },
      select: { organizationId: true },
    });
    for (const { organizationId } of shared) {
      if (await this.mayRead(organizationId, "members")) return true;
    }
    return false;
  }

  private async resolve(organizationId: string): Promise<OrganizationAccess | null> {
    const viewer = this.viewer;
    if (viewer.kind === "apiKey") {
      if (viewer.organizationId !== organizationId) return null;
      return { organizationId, role: null, scopes: viewer.managementScopes };
    }
    if (viewer.kind !== "user") return null;
    const membership = await this.prisma.membership.findUnique({
      where: { organizationId_userId: { organizationId, userId: viewer.userId } },
      select: { role: true },
    });
    if (!membership) return null;
    return { organizationId, role: membership.role, scopes: scopesForRole(membership.role) };
  }
}

export function requireScope(access: OrganizationAccess, scope: ManagementScope): void {
  if (access.scopes.has(scope)) return;
  throw new ForbiddenError(
    access.role
      ? `Your role (${access.role}) does not allow this; it needs the ${scope} permission.`
      : `This API key lacks the ${scope} scope.`,
  );
}
