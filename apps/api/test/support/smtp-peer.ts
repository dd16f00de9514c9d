import type { AddressInfo } from "node:net";
import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

export type ReceivedMail = { envelopeTo: string[]; mail: ParsedMail };

export type SmtpPeer = {
  /** smtp://127.0.0.1:<port>, for the notifier's SMTP_URL. */
  url: string;
  /** Every message the peer accepted (answered 250 after DATA), in order. */
  received: ReceivedMail[];
  /** Answer the next `count` messages with 451 (try again later) instead of accepting them. */
  deferNext(count: number): void;
  /** How many messages were answered 451. */
  deferred(): number;
  close(): Promise<void>;
};

/**
 * A real SMTP server in the test process (smtp-server speaks the protocol; nothing is mocked). No
 * TLS and no AUTH, as on a local relay; it parses what it accepts so tests read subjects and parts.
 */
export async function startSmtpPeer(): Promise<SmtpPeer> {
  const received: ReceivedMail[] = [];
  let toDefer = 0;
  let deferredCount = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["AUTH", "STARTTLS"],
    logger: false,
    // Tests close the peer while clients may still hold pooled connections: do not wait 30 s for them.
    closeTimeout: 200,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        if (toDefer > 0) {
          toDefer--;
          deferredCount++;
          return callback(Object.assign(new Error("Mailbox busy, try again later"), { responseCode: 451 }));
        }
        simpleParser(Buffer.concat(chunks)).then(
          (mail) => {
            received.push({ envelopeTo: session.envelope.rcptTo.map((r) => r.address), mail });
            callback();
          },
          (error: Error) => callback(error),
        );
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    deferNext(count) {
      toDefer = count;
    },
    deferred: () => deferredCount,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
