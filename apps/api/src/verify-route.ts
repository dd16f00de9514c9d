import type { IncomingMessage, ServerResponse } from "node:http";
import {
  toVerifyApiKeyInput,
  toVerifyApiKeyResponse,
  type Verification,
  type VerifyApiKeyRequest,
} from "@tessera/core";
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

const optionalFields = ["accountToken", "scope", "resourceId", "origin", "userAgent"] as const;
const knownFields = new Set<string>(["key", ...optionalFields]);

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
    const result = await verification.verify(toVerifyApiKeyInput(parsed), clientAddress);
    let answer = serialized.get(result);
    if (answer === undefined) {
      const body = Buffer.from(JSON.stringify(toVerifyApiKeyResponse(result)));
      answer = { body, headers: [...answerHeaders, "content-length", String(body.length)] };
      serialized.set(result, answer);
    }
    res.writeHead(200, answer.headers);
    res.end(answer.body);
  };
}

/**
 * Answers are immutable and shared (one per cached key entry without an account, one per refusal
 * code), so their JSON and their header list are computed once (no object built per call); they go
 * with the entry when the entry is invalidated. Keyed per route (its security headers).
 */
type Serialized = { body: Buffer; headers: string[] };

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
  return fields as VerifyApiKeyRequest;
}
