import { timingSafeEqual } from "node:crypto";
import type { Prisma, PrismaClient } from "@tessera/db";
import { ConflictError, NotFoundError } from "../errors.ts";
import { normalizeName } from "../names.ts";
import { isUniqueViolation } from "../unique-violation.ts";
import { normalizeEmail } from "./email-address.ts";
import { generateOneTimeToken, hashOneTimeToken } from "./one-time-token.ts";
import { type OpenedSession, openSession } from "./open-session.ts";
import { type NewOrganizationInput, slugTaken, startOrganization } from "./organization-create.ts";
import { normalizeSlug, slugFromName } from "./organization-slug.ts";
import { hashPassword } from "./password.ts";
import { auditSignInLink, issuePasswordToken } from "./password-reset.ts";
import { assertAcceptablePassword } from "./password-rules.ts";
import { publicLink, type TeamContext, type TeamSettings } from "./team-settings.ts";

/**
 * The first-run setup token, held by this process only (as its hash) and replaced on every start,
 * so a setup link from an old log is worthless. It is single-use: a completed setup closes it.
 */
export class SetupGate {
  private hash: Buffer | null = null;

  /** A new token (the previous one stops working) and the setup link that carries it. */
  open(settings: Pick<TeamSettings, "publicUrl">): string {
    const { token, hash } = generateOneTimeToken("tsu");
    this.hash = Buffer.from(hash, "hex");
    return publicLink(settings, `/setup?token=${token}`);
  }

  accepts(token: string): boolean {
    if (!this.hash) return false;
    return timingSafeEqual(Buffer.from(hashOneTimeToken(token), "hex"), this.hash);
  }

  close(): void {
    this.hash = null;
  }
}

/** Setup is open while the database has no user at all (the demo data and `create-owner` both close it). */
export async function setupPending(prisma: PrismaClient): Promise<boolean> {
  return (await prisma.user.count()) === 0;
}

/**
 * Inside the caller's transaction: waits for any other first-owner creation (a transaction-level
 * advisory lock, on every instance sharing the database), then refuses when a user exists. Two setups
 * at once therefore run one after the other, and the second finds the first's owner.
 */
async function firstOwnerLock(tx: Prisma.TransactionClient): Promise<boolean> {
  await tx.$queryRaw`SELECT 1 AS "locked" FROM pg_advisory_xact_lock(7314017)`;
  return (await tx.user.count()) === 0;
}

export type CompleteSetupInput = {
  token: string;
  email: string;
  name: string;
  password: string;
  organizationName: string;
  organizationSlug: string;
};

const setupFinished = () => new ConflictError("This Tessera already has an owner: sign in instead.");

/** Creates the first user, their organization and their OWNER membership, and signs them in. */
export async function completeSetup(
  ctx: TeamContext & { setup: SetupGate },
  input: CompleteSetupInput,
): Promise<OpenedSession> {
  if (!(await setupPending(ctx.prisma))) throw setupFinished();
  if (!ctx.setup.accepts(input.token)) {
    throw new NotFoundError("This setup link is not valid: use the one in the server log of the latest start.");
  }
  const email = normalizeEmail(input.email);
  const name = normalizeName(input.name, "name");
  assertAcceptablePassword(input.password, email, "password");
  const organization: NewOrganizationInput = {
    name: normalizeName(input.organizationName, "organizationName"),
    slug: normalizeSlug(input.organizationSlug, "organizationSlug"),
  };
  const passwordHash = await hashPassword(input.password);
  const session = await ctx.prisma.$transaction(async (tx) => {
    if (!(await firstOwnerLock(tx))) throw setupFinished();
    const user = await tx.user.create({ data: { email, name, passwordHash } });
    await startOrganization(tx, ctx, user, organization);
    return openSession(tx, ctx, user, true);
  });
  ctx.setup.close();
  return session;
}

/** A password hash no password matches: a `create-owner` user chooses theirs through the link. */
const noPasswordYet = "unset";

export type CreateOwnerInput = { email: string; organizationName: string; slug?: string | null };

/**
 * `pnpm tessera create-owner`: a new organization owned by `email` (created without a password when
 * new; an existing user simply becomes OWNER of the new organization), and a one-time sign-in link
 * (1 hour) that lets them choose a password. Nothing secret is taken on the command line.
 */
export async function createOwner(
  deps: { prisma: PrismaClient; clock: { now(): Date }; team: TeamSettings },
  input: CreateOwnerInput,
) {
  const email = normalizeEmail(input.email);
  const organization = { name: input.organizationName, slug: input.slug ?? slugFromName(input.organizationName) };
  try {
    return await deps.prisma.$transaction(async (tx) => {
      await firstOwnerLock(tx);
      const existing = await tx.user.findUnique({ where: { email } });
      const user = existing ?? (await tx.user.create({ data: { email, passwordHash: noPasswordYet } }));
      const org = await startOrganization(tx, { sourceAddress: null }, user, organization);
      const { link, expiresAt } = await issuePasswordToken(tx, deps, user.id, "OWNER_SIGN_IN", deps.clock.now());
      await auditSignInLink(tx, { organizationId: org.id, user, expiresAt });
      return { link, expiresAt, organization: org, userExisted: existing !== null };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw slugTaken(organization.slug);
    throw error;
  }
}
