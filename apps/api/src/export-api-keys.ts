import { once } from "node:events";
import type { IncomingMessage, ServerResponse } from "node:http";
import {
  AccessResolver,
  type ApiKeyFilter,
  type ApiKeyStatus,
  apiKeyExportBatches,
  apiKeyExportColumns,
  apiKeySortFields,
  type Clock,
  DomainError,
  decodeId,
  type ListOrder,
  type SessionSecurity,
  viewerFromSessionToken,
} from "@tessera/core";
import type { PrismaClient } from "@tessera/db";
import { readSessionCookie } from "./cookies.ts";
import { csvLines } from "./csv.ts";

export const apiKeysExportPath = "/v1/exports/api-keys.csv";

type ExportDeps = { prisma: PrismaClient; clock: Clock; security: SessionSecurity };

class BadRequest extends Error {}

const statuses: readonly ApiKeyStatus[] = ["ACTIVE", "EXPIRING", "EXPIRED", "REVOKED"];

function idParam(params: URLSearchParams, name: string, typename: string): string | null {
  const value = params.get(name);
  if (!value) return null;
  const id = decodeId(value, typename);
  if (!id) throw new BadRequest(`\`${name}\` must be a ${typename} id.`);
  return id;
}

function dateParam(params: URLSearchParams, name: string): Date | null {
  const value = params.get(name);
  if (!value) return null;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new BadRequest(`\`${name}\` must be a date-time (ISO 8601).`);
  return date;
}

/**
 * The export's query string, named like the GraphQL list's arguments: `organization` (the slug), the
 * filter (`search`, `status` repeated, `apiVersion`, `createdById`, `createdByKeyId`, `expiresBefore`,
 * `unusedSince`, `customerAccountId`, `resourceId`) and the order (`orderBy`, `direction`).
 */
function parseQuery(params: URLSearchParams): { slug: string; filter: ApiKeyFilter; order: ListOrder } {
  const slug = params.get("organization");
  if (!slug) throw new BadRequest("`organization` (the organization's slug) is required.");
  const wanted = params.getAll("status");
  const unknown = wanted.find((s) => !statuses.includes(s as ApiKeyStatus));
  if (unknown) throw new BadRequest(`\`status\` must be one of ${statuses.join(", ")} (got ${unknown}).`);
  const field = params.get("orderBy") ?? "CREATED_AT";
  if (!(field in apiKeySortFields)) {
    throw new BadRequest(`\`orderBy\` must be one of ${Object.keys(apiKeySortFields).join(", ")}.`);
  }
  const direction = params.get("direction") ?? (params.has("orderBy") ? "ASC" : "DESC");
  if (direction !== "ASC" && direction !== "DESC") throw new BadRequest("`direction` must be ASC or DESC.");
  return {
    slug,
    order: { field, direction },
    filter: {
      search: params.get("search"),
      statuses: wanted as ApiKeyStatus[],
      apiVersion: params.get("apiVersion"),
      createdById: idParam(params, "createdById", "User"),
      createdByKeyId: idParam(params, "createdByKeyId", "ApiKey"),
      customerAccountId: idParam(params, "customerAccountId", "CustomerAccount"),
      resourceId: idParam(params, "resourceId", "Resource"),
      expiresBefore: dateParam(params, "expiresBefore"),
      unusedSince: dateParam(params, "unusedSince"),
    },
  };
}

function sendJson(res: ServerResponse, status: number, error: string, message: string): void {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" });
  res.end(JSON.stringify({ error, message }));
}

/**
 * `GET /v1/exports/api-keys.csv`: the console's key list as CSV, every page under the current filter and
 * order, for a signed-in member who may read keys (every role may; the same read rule as the list).
 * Streamed: each batch of keys is written before the next is read, so memory stays flat however many
 * keys there are. No secret and no hash is ever in it; times are absolute (UTC). A GET that changes
 * nothing, so the session cookie (SameSite) is all it needs; anyone else reads 401 or 404.
 */
export function createApiKeysExport(deps: ExportDeps) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method !== "GET") {
      res.setHeader("allow", "GET");
      return sendJson(res, 405, "method_not_allowed", "Use GET.");
    }
    let query: ReturnType<typeof parseQuery>;
    try {
      query = parseQuery(new URL(req.url ?? "/", "http://localhost").searchParams);
    } catch (error) {
      if (error instanceof BadRequest) return sendJson(res, 400, "bad_request", error.message);
      throw error;
    }
    const token = readSessionCookie(new Request("http://localhost", { headers: { cookie: req.headers.cookie ?? "" } }));
    const viewer = token ? await viewerFromSessionToken(deps, token) : { kind: "anonymous" as const };
    if (viewer.kind !== "user") return sendJson(res, 401, "unauthenticated", "Sign in to export keys.");
    const organization = await deps.prisma.organization.findUnique({
      where: { slug: query.slug },
      select: { id: true },
    });
    try {
      if (!organization) throw new Error("not found");
      await new AccessResolver(deps.prisma, viewer).requireRead(organization.id, "keys");
    } catch (error) {
      if (error instanceof DomainError && error.code === "FORBIDDEN") {
        return sendJson(res, 403, "forbidden", error.message);
      }
      if (error instanceof DomainError || !organization) {
        return sendJson(res, 404, "not_found", "Organization not found.");
      }
      throw error;
    }

    const now = deps.clock.now();
    res.writeHead(200, {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="api-keys-${query.slug}-${now.toISOString().slice(0, 10)}.csv"`,
      "cache-control": "no-store",
    });
    res.write(csvLines([apiKeyExportColumns]));
    try {
      for await (const batch of apiKeyExportBatches(deps.prisma, organization.id, query.filter, query.order, now)) {
        // The client went away: stop reading the database for nobody.
        if (res.destroyed) return;
        const text = csvLines(batch.map((row) => apiKeyExportColumns.map((column) => row[column])));
        if (!res.write(text)) await Promise.race([once(res, "drain"), once(res, "close")]);
      }
      res.end();
    } catch (error) {
      // Headers are sent: cut the connection so the client sees a failed download, never a short file.
      res.destroy();
      throw error;
    }
  };
}
