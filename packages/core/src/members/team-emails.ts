import type { Prisma } from "@tessera/db";
import { type EmailContent, escapeHtml } from "../notifications/expiry-email.ts";
import type { EmailPayload } from "../notifications/outbox.ts";
import type { MemberRole } from "../roles.ts";

/** The invitation email: who invites, to which organization, with which role, and the link (7 days). */
export function renderInvitationEmail(facts: {
  organizationName: string;
  inviterLabel: string;
  role: MemberRole;
  link: string;
  expiresAt: Date;
}): EmailContent {
  const role = facts.role.toLowerCase();
  const until = `${facts.expiresAt.toISOString().slice(0, 16).replace("T", " ")} UTC`;
  const subject = `You are invited to ${facts.organizationName} on Tessera`;
  const intro = `${facts.inviterLabel} invites you to join ${facts.organizationName} on Tessera as ${role}.`;
  const after = `The link works once, until ${until}. If you did not expect this, ignore this email.`;
  const e = escapeHtml;
  return {
    subject,
    text: [intro, "", `Accept the invitation: ${facts.link}`, "", after].join("\n"),
    html: [
      "<!doctype html>",
      `<html><body style="font-family: sans-serif; line-height: 1.5">`,
      `<p>${e(intro)}</p>`,
      `<p><a href="${e(facts.link)}">Accept the invitation</a></p>`,
      `<p style="color: #666">${e(after)}</p>`,
      "</body></html>",
    ].join("\n"),
  };
}

/** The password-reset email: the link (1 hour, single use) and what to do when it was not you. */
export function renderPasswordResetEmail(facts: { link: string }): EmailContent {
  const intro = "Someone (hopefully you) asked to reset your Tessera password.";
  const after =
    "The link works once, within one hour, and signs you out everywhere else. If you did not ask, ignore this email: your password stays as it is.";
  const e = escapeHtml;
  return {
    subject: "Reset your Tessera password",
    text: [intro, "", `Choose a new password: ${facts.link}`, "", after].join("\n"),
    html: [
      "<!doctype html>",
      `<html><body style="font-family: sans-serif; line-height: 1.5">`,
      `<p>${e(intro)}</p>`,
      `<p><a href="${e(facts.link)}">Choose a new password</a></p>`,
      `<p style="color: #666">${e(after)}</p>`,
      "</body></html>",
    ].join("\n"),
  };
}

/**
 * Queues an email in the caller's transaction (it is sent only if the change commits). `secret` is
 * the link's token: once the email is sent the outbox keeps the message without it (see
 * `recordAttempt`), so the table never holds a usable link longer than delivery takes.
 */
export async function queueEmail(
  tx: Prisma.TransactionClient,
  email: { organizationId: string; to: string; content: EmailContent; secret: string; now: Date },
): Promise<void> {
  const payload: EmailPayload = { to: email.to, ...email.content, redact: email.secret };
  await tx.outboxMessage.create({
    data: {
      organizationId: email.organizationId,
      kind: "EMAIL",
      payload,
      nextAttemptAt: email.now,
      createdAt: email.now,
    },
  });
}
