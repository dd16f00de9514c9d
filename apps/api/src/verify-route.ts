import type { IncomingMessage, ServerResponse } from "node:http";
import {
  sharedAnswer,
  toVerifyApiKeyInput,
  toVerifyApiKeyResponse,
  ValidationError,
  type Verification,
  type VerifyApiKeyRequest,
  type VerifyApiKeyResult,
} from "@tessera/core";
import { rateLimitFields, rateLimitHeaders } from "./rate-limit-headers.ts";
import { readBody, refuseBody } from "./request-body.ts";

/**
 * `POST /v1/keys/verify`: the lean door to verification, for services that call on every request
 * they receive. Plain node:http, no yoga, no GraphQL parsing: JSON in, the same fields as GraphQL's
 * `VerifyApiKeyResult` out, never cached by anyone in between. No log line per call (that would cost
 * the hot path its speed); metrics count the answers instead.
 */
export const verifyPath = "/v1/keys/verify";
/** A verification request is a key and a few short strings; anything bigger is not one. */
export const maxVerifyBodyBytes = 16 * 1024;

const optionalFields = ["accountToken", "scope", "resourceId", "origin", "userAgent", "ip"] as const;
const knownFields = new Set<string>(["key", ...optionalFields, "ratelimits", "credits"]);

/**
 * The route's handler. `securityHeaders` is the precomputed set of security-headers.ts
 * (`forJsonAnswers`), written with every answer, so this route and every other one send the same
 * headers (HSTS included in secure mode) without running helmet per call.
 */
export function createVerifyRoute(verification: Verification, securityHeaders: Readonly<Record<string, string>>) {
  const jsonHeaders = {
    "content-type": "application/json; charset=utf-8",
    "cache-control": "no-store",
    ...securityHeaders,
  };
  /** The same, as the flat [name, value, …] list writeHead takes as it is. */
  const answerHeaders = Object.entries(jsonHeaders).flat();
  const serialized = new WeakMap<object, Serialized>();

  function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    const text = JSON.stringify(body);
    res.writeHead(status, { ...jsonHeaders, "content-length": Buffer.byteLength(text), ...headers });
    res.end(text);
  }

  return async function handleVerifyRequest(
    req: IncomingMessage,
    res: ServerResponse,
    clientAddress: string | null,
  ): Promise<void> {
    if (req.method !== "POST") {
      return send(
        res,
        405,
        { error: "method_not_allowed", message: `Use POST to verify a key (got ${req.method}).` },
        { allow: "POST" },
      );
    }
    const body = await readBody(req, maxVerifyBodyBytes);
    if (body === null) {
      // Stop reading and close the connection: the rest of an oversized body is not worth receiving.
      const message = `Verification requests are limited to ${maxVerifyBodyBytes} bytes.`;
      return refuseBody(req, res, { error: "payload_too_large", message }, true, {
        "cache-control": "no-store",
        ...securityHeaders,
      });
    }
    const parsed = parseVerifyRequest(body.toString("utf8"));
    if (typeof parsed === "string") return send(res, 400, { error: "bad_request", message: parsed });
    let result: VerifyApiKeyResult | Promise<VerifyApiKeyResult>;
    try {
      // Synchronous when memory has the answer (the warm path): no promise from here on.
      result = verification.verify(toVerifyApiKeyInput(parsed), clientAddress);
      if (result instanceof Promise) result = await result;
    } catch (error) {
      // An unknown limit name or a bad cost: the caller's request is wrong, never a silent pass.
      if (error instanceof ValidationError) return send(res, 400, { error: "bad_request", message: error.message });
      throw error;
    }
    answer(res, result);
  };

  function answer(res: ServerResponse, result: VerifyApiKeyResult): void {
    // Keys with limits get a fresh answer per call (what is left changes), with the IETF fields.
    if (result.ratelimits?.length) {
      sendCharged(res, result);
      return;
    }
    const shared = serializedAnswer(result);
    res.writeHead(200, shared.headers);
    res.end(shared.body);
  }

  function serializedAnswer(result: VerifyApiKeyResult): Serialized {
    let answer = serialized.get(result);
    if (answer === undefined) {
      const body = Buffer.from(JSON.stringify(toVerifyApiKeyResponse(result)));
      const prefix = [...answerHeaders, ...Object.entries(deprecationHeaders(result)).flat()];
      answer = { body, headers: [...prefix, "content-length", String(body.length)], prefix, head: undefined };
      serialized.set(result, answer);
    }
    return answer;
  }

  /**
   * A charged answer: the entry's shared answer, already serialized, with only the traffic fields and
   * the two RateLimit fields written per call (the hot path of keys with limits). Answers without a
   * shared one (an account's, a refusal) are serialized whole.
   */
  function sendCharged(res: ServerResponse, result: VerifyApiKeyResult): void {
    const limits = result.ratelimits ?? [];
    // The shared answer it was made from (same key, no account): only then is its head this answer's.
    const candidate = result.valid ? result[sharedAnswer] : undefined;
    const same = result.valid && candidate?.valid && candidate.keyId === result.keyId && !result.customerAccountId;
    const base = same ? candidate : undefined;
    const shared = base ? serializedAnswer(base) : undefined;
    const head = shared ? headOf(shared) : null;
    if (!shared || head === null || !result.valid) {
      const text = JSON.stringify(toVerifyApiKeyResponse(result));
      const fields = rateLimitHeaders(limits, Date.now());
      const headers = { ...jsonHeaders, "content-length": String(Buffer.byteLength(text)), ...fields };
      res.writeHead(200, { ...headers, ...deprecationHeaders(result) });
      res.end(text);
      return;
    }
    const [policy, state] = rateLimitFields(limits, Date.now());
    let json = "";
    for (const l of limits) {
      json += `${json ? "," : ""}{"name":"${l.name}","limit":${l.limit},"remaining":${l.remaining},"resetAt":"${isoString(l.resetAt)}"}`;
    }
    const text = `${head.text}"ratelimit":null,"ratelimits":[${json}],"creditsRemaining":${result.creditsRemaining},"degraded":${result.degraded}}`;
    // Everything after the head is ASCII (names match ^[a-z][a-z0-9_-]*$), so its length is its size.
    const size = head.extraBytes + text.length;
    const headers = shared.prefix.concat(
      "content-length",
      String(size),
      "ratelimit-policy",
      policy,
      "ratelimit",
      state,
    );
    res.writeHead(200, headers);
    res.end(text);
  }
}

/** A shared answer's JSON without its traffic fields (null: it does not end as expected). */
function headOf(shared: Serialized): Head | null {
  if (shared.head === undefined) {
    const text = shared.body.toString();
    const head = text.endsWith(plainTail) ? text.slice(0, -plainTail.length) : null;
    shared.head = head === null ? null : { text: head, extraBytes: Buffer.byteLength(head) - head.length };
  }
  return shared.head;
}

/** `resetAt` as JSON writes it; one window's Date is shared by every answer in it, so the last is kept. */
let lastDate: Date | null = null;
let lastIso = "";
function isoString(date: Date): string {
  if (date !== lastDate) {
    lastIso = date.toISOString();
    lastDate = date;
  }
  return lastIso;
}

/** How every shared answer ends: the traffic fields, which a charged answer replaces. */
const plainTail = '"ratelimit":null,"ratelimits":[],"creditsRemaining":null,"degraded":false}';

/**
 * Answers are immutable and shared (one per cached key entry without an account, one per refusal

 * code), so their JSON and their header list (the deprecation headers included) are computed once (no
 * object built per call); they go with the entry when the entry is invalidated (a deprecation
 * invalidates every key entry of its organization). Keyed per route (its security headers).
 */
type Serialized = {
  body: Buffer;
  headers: string[];
  /** The headers without content-length, for charged answers built on this one. */
  prefix: string[];
  /** The body without its traffic fields, once a charged answer needed it (null: none). */
  head: Head | null | undefined;
};

/** A shared answer's JSON up to its traffic fields, and how many more bytes than characters it has. */
type Head = { text: string; extraBytes: number };

/**
 * A valid key on a deprecated API version: `Deprecation` (RFC 9745, a structured-field date, `@`
 * and Unix seconds) says since when, `Sunset` (RFC 8594, an HTTP-date) until when it is served, so
 * the calling service can pass both on to its own client.
 */
export function deprecationHeaders(result: VerifyApiKeyResult): Record<string, string> {
  if (!result.valid || result.apiVersionDeprecatedAt === null) return {};
  const headers: Record<string, string> = {
    deprecation: `@${Math.floor(result.apiVersionDeprecatedAt.getTime() / 1000)}`,
  };
  if (result.apiVersionSunsetAt) headers.sunset = result.apiVersionSunsetAt.toUTCString();
  return headers;
}

/** The request, or a message saying exactly what is wrong with it. */
export function parseVerifyRequest(body: string): VerifyApiKeyRequest | string {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return 'The body must be JSON, e.g. {"key": "tsr_…"}.';
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return 'The body must be a JSON object, e.g. {"key": "tsr_…"}.';
  }
  const fields = value as Record<string, unknown>;
  // Counted first (no array per request); named only when there is something to refuse.
  let unknownCount = 0;
  for (const name in fields) if (!knownFields.has(name)) unknownCount++;
  if (unknownCount) {
    const unknown = Object.keys(fields).filter((name) => !knownFields.has(name));
    return `Unknown field${unknown.length > 1 ? "s" : ""}: ${unknown.join(", ")}. Allowed: ${[...knownFields].join(", ")}.`;
  }
  if (typeof fields.key !== "string") return "`key` is required and must be a string.";
  for (const name of optionalFields) {
    const field = fields[name];
    if (field !== undefined && field !== null && typeof field !== "string") {
      return `\`${name}\` must be a string or null.`;
    }
  }
  return parseTrafficFields(fields) ?? (fields as VerifyApiKeyRequest);
}

const isCost = (value: unknown) => value === undefined || value === null || typeof value === "number";

/** `ratelimits: [{ name, cost? }]` and `credits: { cost? }`: their shape (values are checked in core). */
function parseTrafficFields(fields: Record<string, unknown>): string | null {
  const { ratelimits, credits } = fields;
  if (ratelimits !== undefined && ratelimits !== null) {
    const valid =
      Array.isArray(ratelimits) &&
      ratelimits.every(
        (limit) => typeof limit === "object" && limit !== null && typeof limit.name === "string" && isCost(limit.cost),
      );
    if (!valid) return '`ratelimits` must be a list of {"name": "…", "cost": 1} objects (cost optional, default 1).';
  }
  if (credits !== undefined && credits !== null) {
    if (typeof credits !== "object" || Array.isArray(credits) || !isCost((credits as { cost?: unknown }).cost)) {
      return '`credits` must be an object like {"cost": 1} (cost optional, default 1).';
    }
  }
  return null;
}
