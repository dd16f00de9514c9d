import type { PrismaClient } from "@tessera/db";
import type { AccessResolver } from "../access.ts";
import type { Clock } from "../clock.ts";
import type { Viewer } from "../viewer.ts";

/** What every key operation needs from the request: who calls, what they may do, the time and where from. */
export type KeyOperationContext = {
  prisma: PrismaClient;
  access: AccessResolver;
  viewer: Viewer;
  clock: Clock;
  sourceAddress: string | null;
};
