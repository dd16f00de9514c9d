import { DomainError, type UsageRange, usageReport } from "@tessera/core";
import type { PrismaClient } from "@tessera/db";
import { builder } from "../builder.ts";
import { asGraphQLError, requireRead } from "../read-access.ts";
import { ApiKeyRef } from "./api-key.ts";
import { OrganizationRef } from "./organization.ts";
import { VerifyCodeEnum } from "./verification.ts";

const UsageGranularityEnum = builder.enumType("UsageGranularity", {
  description: "The size of usage buckets (UTC).",
  values: {
    HOUR: { description: "One bucket per hour (at most 744 per request)." },
    DAY: { description: "One bucket per day (at most 366 per request)." },
  } as const,
});

const UsageCountRef = builder.objectRef<{ code: string; count: number }>("UsageCount").implement({
  description: "How many verifications in a bucket had one outcome.",
  fields: (t) => ({
    code: t.field({ type: VerifyCodeEnum, description: "The outcome.", resolve: (c) => c.code as never }),
    count: t.exposeInt("count", { description: "How many verifications had it." }),
  }),
});

const UsageBucketRef = builder
  .objectRef<{ start: Date; total: number; byCode: { code: string; count: number }[] }>("UsageBucket")
  .implement({
    description: "Verifications in one hour or day. Counts arrive a few seconds after the verifications.",
    fields: (t) => ({
      start: t.expose("start", { type: "DateTime", description: "The bucket's first instant (UTC)." }),
      total: t.exposeInt("total", { description: "Every verification in the bucket, valid or not." }),
      byCode: t.field({
        type: [UsageCountRef],
        description: "Counts by outcome, VALID and each refusal code; outcomes that did not occur are left out.",
        resolve: (bucket) => bucket.byCode,
      }),
    }),
  });

const usageArgs = builder.args((t) => ({
  since: t.field({ type: "DateTime", required: true, description: "From this instant (its bucket included)." }),
  until: t.field({ type: "DateTime", required: true, description: "Up to this instant (exclusive)." }),
  granularity: t.field({
    type: UsageGranularityEnum,
    defaultValue: "HOUR",
    description: "Hourly (default) or daily buckets.",
  }),
}));

async function report(prisma: PrismaClient, of: Parameters<typeof usageReport>[1], range: UsageRange) {
  try {
    return await usageReport(prisma, of, range);
  } catch (error) {
    throw error instanceof DomainError ? asGraphQLError(error) : error;
  }
}

builder.prismaObjectFields(ApiKeyRef, (t) => ({
  usage: t.field({
    type: [UsageBucketRef],
    description:
      "This key's verifications per hour or day, by outcome, from `since` to `until`; empty buckets included.",
    select: { id: true },
    args: usageArgs,
    resolve: (key, args, ctx) =>
      report(ctx.prisma, { apiKeyId: key.id }, { ...args, granularity: args.granularity ?? "HOUR" }),
  }),
}));

builder.prismaObjectFields(OrganizationRef, (t) => ({
  verificationUsage: t.field({
    type: [UsageBucketRef],
    description: "Verifications of all the organization's keys per hour or day, by outcome. Needs `keys:read`.",
    select: { id: true },
    args: usageArgs,
    resolve: async (org, args, ctx) => {
      await requireRead(ctx, org.id, "keys");
      return report(ctx.prisma, { organizationId: org.id }, { ...args, granularity: args.granularity ?? "HOUR" });
    },
  }),
}));
