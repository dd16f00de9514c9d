import { Prisma } from "@tessera/db";

/** True for the error Prisma raises when a write breaks a unique constraint (P2002). */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}
