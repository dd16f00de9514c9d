import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import type { Clock, Sender } from "@tessera/core";
import { testEventType } from "@tessera/core";
import type { PrismaClient } from "@tessera/db";
import { Webhook } from "standardwebhooks";
import { assertAllowedLiteral, guardedLookup } from "./ssrf.ts";

export type WebhookSenderOptions = {
  prisma: PrismaClient;
  clock: Clock;
  /** Allow loopback, private and link-local targets (development and tests only). */
  allowPrivateNetworks: boolean;
  timeoutMs?: number;
};

/**
 * The webhook sender for the outbox: one signed POST per message, as the Standard Webhooks
 * specification says (`webhook-id` is the outbox id, the same on every retry, so receivers can
 * deduplicate). Any 2xx is success; anything else, a redirect, a timeout or a refused address is a
 * failure retried with backoff. The endpoint is read at send time, so a rotated secret signs retries.
 */
export function createWebhookSender(options: WebhookSenderOptions): Sender {
  const timeoutMs = options.timeoutMs ?? 10_000;
  return async (message) => {
    const endpoint = message.webhookEndpointId
      ? await options.prisma.webhookEndpoint.findUnique({ where: { id: message.webhookEndpointId } })
      : null;
    if (!endpoint) return { ok: false, error: "the endpoint no longer exists", permanent: true };
    const payload = message.payload as { type?: string };
    if (!endpoint.enabled && payload.type !== testEventType) {
      return { ok: false, error: "the endpoint is disabled", permanent: true };
    }
    const body = JSON.stringify(message.payload);
    const sentAt = options.clock.now();
    const signature = new Webhook(endpoint.secret).sign(message.id, sentAt, body);
    const status = await post(
      endpoint.url,
      body,
      {
        "content-type": "application/json",
        "user-agent": "Tessera-Webhooks/1",
        "webhook-id": message.id,
        "webhook-timestamp": String(Math.floor(sentAt.getTime() / 1000)),
        "webhook-signature": signature,
      },
      { allowPrivate: options.allowPrivateNetworks, timeoutMs },
    );
    if (status >= 200 && status < 300) return { ok: true, responseCode: status };
    const redirect = status >= 300 && status < 400 ? " (redirects are not followed)" : "";
    return { ok: false, error: `the endpoint answered HTTP ${status}${redirect}`, responseCode: status };
  };
}

/** POSTs and resolves with the status code; never follows redirects; gives up after `timeoutMs`. */
function post(
  target: string,
  body: string,
  headers: Record<string, string>,
  options: { allowPrivate: boolean; timeoutMs: number },
): Promise<number> {
  const url = new URL(target);
  assertAllowedLiteral(url.hostname, options.allowPrivate);
  const request = url.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: "POST",
        headers: { ...headers, "content-length": Buffer.byteLength(body) },
        lookup: guardedLookup(options.allowPrivate),
        signal: AbortSignal.timeout(options.timeoutMs),
      },
      (res) => {
        // The body is not needed; drain it so the socket is freed.
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
        res.on("error", reject);
      },
    );
    req.on("error", (error) =>
      reject(error.name === "AbortError" ? new Error(`no answer within ${options.timeoutMs} ms`) : error),
    );
    req.end(body);
  });
}
