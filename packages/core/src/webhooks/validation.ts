import { ValidationError } from "../errors.ts";
import { isWebhookEventType, type WebhookEventType, webhookEventTypes } from "./events.ts";

export const maxWebhookUrlLength = 2000;
export const maxWebhookDescriptionLength = 500;
const localHosts = new Set(["localhost", "127.0.0.1", "[::1]"]);

/**
 * An endpoint URL: https, or plain http to localhost only (for development; delivery to loopback
 * still needs TESSERA_WEBHOOK_ALLOW_PRIVATE_NETWORKS). No credentials in the URL: it is listed to
 * every reader of the endpoint, and the signature already authenticates Tessera to the receiver.
 */
export function validateWebhookUrl(raw: string): string {
  const value = raw.trim();
  if (value.length > maxWebhookUrlLength) {
    throw new ValidationError(`The URL must be at most ${maxWebhookUrlLength} characters.`, "url");
  }
  if (!URL.canParse(value)) throw new ValidationError("The URL is not a valid absolute URL.", "url");
  const url = new URL(value);
  if (url.protocol !== "https:" && !(url.protocol === "http:" && localHosts.has(url.hostname))) {
    throw new ValidationError("The URL must use https (plain http is allowed only to localhost).", "url");
  }
  if (url.username || url.password) {
    throw new ValidationError("The URL must not contain a user name or password.", "url");
  }
  if (url.hash) throw new ValidationError("The URL must not contain a fragment (#…).", "url");
  return url.toString();
}

/** At least one known event type; duplicates collapse. */
export function validateWebhookEvents(events: readonly string[]): WebhookEventType[] {
  const unknown = events.filter((e) => !isWebhookEventType(e));
  if (unknown.length > 0) {
    const known = webhookEventTypes.map((e) => e.type).join(", ");
    throw new ValidationError(`Unknown event type(s): ${unknown.join(", ")}. Known: ${known}.`, "events");
  }
  if (events.length === 0) throw new ValidationError("Choose at least one event.", "events");
  return [...new Set(events as WebhookEventType[])].sort();
}

export function validateWebhookDescription(raw: string | null): string | null {
  const value = raw?.trim() || null;
  if (value && value.length > maxWebhookDescriptionLength) {
    throw new ValidationError(
      `The description must be at most ${maxWebhookDescriptionLength} characters.`,
      "description",
    );
  }
  return value;
}
