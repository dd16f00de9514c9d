import type { EmailPayload, Sender } from "@tessera/core";
import nodemailer from "nodemailer";

export type MailerSettings = { smtpUrl: string; mailFrom: string };

/**
 * The email sender for the outbox: nodemailer over SMTP. `sendMail` resolves only when the server
 * accepted the message (250 after DATA), which is the moment the outbox may mark it sent. Timeouts
 * are short and well inside the outbox lease, so a hanging server cannot outlive the claim.
 */
export function createMailSender(settings: MailerSettings): { send: Sender; close(): void } {
  const transport = nodemailer.createTransport(
    {
      url: settings.smtpUrl,
      // A few reused connections instead of one per message: a pass can queue many emails at once.
      pool: true,
      maxConnections: 2,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    },
    { from: settings.mailFrom },
  );
  return {
    async send(message) {
      const email = message.payload as EmailPayload;
      const info = await transport.sendMail({
        to: email.to,
        subject: email.subject,
        text: email.text,
        html: email.html,
        // The outbox id makes a duplicate after a crash recognisable to the receiving side.
        messageId: `<${message.id}@tessera>`,
      });
      const code = /^(\d{3})/.exec(info.response ?? "")?.[1];
      return { ok: true, responseCode: code ? Number(code) : null };
    },
    close: () => transport.close(),
  };
}
