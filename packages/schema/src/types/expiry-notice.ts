import { builder } from "../builder.ts";
import { ApiKeyRef } from "./api-key.ts";
import { DeliveryStatusEnum } from "./webhook-endpoint.ts";

const ExpiryMilestoneEnum = builder.enumType("ExpiryMilestone", {
  description: "When an expiry reminder is sent: days before the key expires, or once it has.",
  values: {
    DAYS_90: { description: "90 days before expiry." },
    DAYS_30: { description: "30 days before expiry." },
    DAYS_14: { description: "14 days before expiry." },
    DAYS_7: { description: "7 days before expiry." },
    DAYS_1: { description: "1 day before expiry." },
    EXPIRED: { description: "The key has expired." },
  } as const,
});

const ExpiryNoticeRef = builder.prismaObject("ExpiryNotice", {
  description: "An expiry reminder for one key, milestone and recipient (an OWNER or ADMIN), recorded exactly once.",
  fields: (t) => ({
    milestone: t.expose("milestone", { type: ExpiryMilestoneEnum, description: "Which reminder." }),
    recipient: t.prismaField({
      type: "User",
      nullable: true,
      description: "Who it is for. Null for callers who may not read members (API keys without `members:read`).",
      // The read guard on User decides who sees the recipient, as on every other path to a user.
      resolve: (query, notice, _args, ctx) =>
        ctx.prisma.user.findUnique({ ...query, where: { id: notice.recipientUserId } }),
    }),
    keyExpiresAt: t.expose("keyExpiresAt", {
      type: "DateTime",
      description: "The key's expiry date it was about (a renewal starts a new series).",
    }),
    recordedAt: t.expose("claimedAt", {
      type: "DateTime",
      description: "When the milestone was reached and recorded.",
    }),
    sentAt: t.expose("sentAt", {
      type: "DateTime",
      nullable: true,
      description: "When the mail server accepted the email; null until then, or when email delivery is off.",
    }),
    deliveryStatus: t.field({
      type: DeliveryStatusEnum,
      nullable: true,
      description: "The email's delivery status; null when email delivery was off (no email was queued).",
      select: { outboxMessage: { select: { status: true } } },
      resolve: (notice) => notice.outboxMessage?.status ?? null,
    }),
  }),
});

builder.prismaObjectField(ApiKeyRef, "expiryNotices", (t) =>
  t.relation("expiryNotices", {
    type: ExpiryNoticeRef,
    description: "The expiry reminders recorded for this key, newest first.",
    query: { orderBy: [{ claimedAt: "desc" }, { id: "asc" }] },
  }),
);
