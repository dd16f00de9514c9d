import type { ReadRule } from "@tessera/core";
import type { Context } from "./context.ts";
import { assertPageArgs } from "./pagination.ts";
import { requireRead } from "./read-access.ts";

type PageArgs = Parameters<typeof assertPageArgs>[0];

/**
 * What every organization list (`apiKeys`, `customerAccounts`, `resources`, `auditEvents`) checks
 * before it reads, for its page and for its `totalCount` alike: the page arguments, then the read
 * rule of the listed type. Their order is core's `newestFirst`.
 */
export async function openOrganizationList(
  ctx: Context,
  organizationId: string,
  args: PageArgs,
  rule: ReadRule,
): Promise<void> {
  assertPageArgs(args);
  await requireRead(ctx, organizationId, rule);
}
