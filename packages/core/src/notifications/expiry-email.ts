import type { ExpiryMilestone } from "@tessera/db";

/** What an expiry email says. Carries the key's name and hint, never its secret (Tessera has none to give). */
export type ExpiryEmailFacts = {
  organizationName: string;
  keyId: string;
  keyName: string;
  keyHint: string;
  expiresAt: Date;
  daysLeft: number;
  milestone: ExpiryMilestone;
  /** The web app's address, e.g. https://tessera.example.com (no trailing slash needed). */
  publicUrl: string;
};

export type EmailContent = { subject: string; text: string; html: string };

const htmlEscapes: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Key and organization names are chosen by users: they must never become markup in someone's inbox. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => htmlEscapes[c] ?? c);
}

/** Where the key can be renewed in the web app. */
export function renewLink(publicUrl: string, keyId: string): string {
  return `${publicUrl.replace(/\/+$/, "")}/keys?key=${encodeURIComponent(keyId)}`;
}

function formatDate(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

/** The email for one milestone, in a plain-text and an HTML part that say the same. */
export function renderExpiryEmail(facts: ExpiryEmailFacts): EmailContent {
  const expired = facts.milestone === "EXPIRED";
  const when = formatDate(facts.expiresAt);
  const link = renewLink(facts.publicUrl, facts.keyId);
  const dayWord = facts.daysLeft === 1 ? "day" : "days";
  const subject = expired
    ? `[${facts.organizationName}] API key "${facts.keyName}" has expired`
    : `[${facts.organizationName}] API key "${facts.keyName}" expires in ${facts.daysLeft} ${dayWord}`;
  const headline = expired
    ? `The API key "${facts.keyName}" (${facts.keyHint}) of ${facts.organizationName} expired on ${when}.`
    : `The API key "${facts.keyName}" (${facts.keyHint}) of ${facts.organizationName} expires on ${when}, in ${facts.daysLeft} ${dayWord}.`;
  const consequence = expired
    ? "Every request made with it is now refused. An expired key cannot be renewed: create a new key and give it to whoever used this one."
    : "When it expires, every request made with it will be refused. Renew it before then to keep it working for another 12 months.";
  const action = expired ? "Create a replacement key" : "Renew the key";

  const text = [
    headline,
    "",
    consequence,
    "",
    `${action}: ${link}`,
    "",
    "You receive this because you are an owner or admin of the organization in Tessera.",
  ].join("\n");

  const e = escapeHtml;
  const html = [
    "<!doctype html>",
    `<html><body style="font-family: sans-serif; line-height: 1.5">`,
    `<p>The API key <strong>${e(facts.keyName)}</strong> (<code>${e(facts.keyHint)}</code>) of <strong>${e(facts.organizationName)}</strong> `,
    expired
      ? `expired on <strong>${e(when)}</strong>.</p>`
      : `expires on <strong>${e(when)}</strong>, in <strong>${facts.daysLeft} ${dayWord}</strong>.</p>`,
    `<p>${e(consequence)}</p>`,
    `<p><a href="${e(link)}">${e(action)}</a></p>`,
    `<p style="color: #666">You receive this because you are an owner or admin of the organization in Tessera.</p>`,
    "</body></html>",
  ].join("\n");

  return { subject, text, html };
}
