import { parseArgs } from "node:util";
import { type Clock, createOwner, DomainError, type TeamSettings } from "@tessera/core";
import type { PrismaClient } from "@tessera/db";

export const createOwnerUsage =
  'usage: pnpm tessera create-owner --email <address> --organization "<name>" [--slug <slug>]';

/**
 * `tessera create-owner`: a new organization owned by `--email`, and a one-time sign-in link (1 hour)
 * printed for that person to choose a password. An existing user keeps their password and becomes
 * OWNER of the new organization; the link still lets them set a new one (the way back for an owner
 * who lost theirs). Returns the exit code; everything it says goes to `print`.
 */
export async function createOwnerCommand(
  argv: string[],
  deps: { prisma: PrismaClient; clock: Clock; team: TeamSettings; print(line: string): void },
): Promise<number> {
  let values: { email?: string; organization?: string; slug?: string };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { email: { type: "string" }, organization: { type: "string" }, slug: { type: "string" } },
      strict: true,
    }));
  } catch (error) {
    deps.print(`${(error as Error).message}\n${createOwnerUsage}`);
    return 2;
  }
  if (!values.email || !values.organization) {
    deps.print(createOwnerUsage);
    return 2;
  }
  try {
    const made = await createOwner(deps, {
      email: values.email,
      organizationName: values.organization,
      slug: values.slug ?? null,
    });
    deps.print(
      [
        `Organization "${made.organization.name}" (${made.organization.slug}) created; ${values.email.trim().toLowerCase()} is its OWNER${made.userExisted ? " (an existing user)" : ""}.`,
        `One-time sign-in link, valid until ${made.expiresAt.toISOString()} (1 hour): open it to choose a password.`,
        made.link,
      ].join("\n"),
    );
    return 0;
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    deps.print(`create-owner: ${error.message}`);
    return 1;
  }
}
