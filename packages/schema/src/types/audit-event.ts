import {
  type AuditAction,
  auditActionEnumName,
  auditActions,
  auditChanges,
  auditEventSortFields,
  decodeAnyId,
  decodeId,
  encodeId,
  systemActor,
} from "@tessera/core";
import type { Prisma } from "@tessera/db";
import { GraphQLError } from "graphql";
import { builder } from "../builder.ts";
import { totalCountField } from "../pagination.ts";
import { orderInput, sortableOrganizationList } from "../sortable-list.ts";
import { OrganizationRef } from "./organization.ts";

export const AuditActionEnum = builder.enumType("AuditAction", {
  description:
    "What an audit event records, past tense. Stored as `<object>.<verb>` (`api_key.created` is API_KEY_CREATED).",
  values: Object.fromEntries(
    auditActions.map((action) => [
      auditActionEnumName(action),
      { value: action, description: `Recorded as \`${action}\`.` },
    ]),
  ) as Record<string, { value: AuditAction; description: string }>,
});
/** Events Tessera records by itself carry no member or key and the system actor's label. */
const isSystemEvent = (event: { actorUserId: string | null; actorLabel: string }) =>
  !event.actorUserId && event.actorLabel === systemActor.label;

const AuditChangeRef = builder.objectRef<{ field: string; from: unknown; to: unknown }>("AuditChange").implement({
  description:
    "One field an action changed, with its value before and after. Never a secret or an account token (such values read as `(hidden)`).",
  fields: (t) => ({
    field: t.exposeString("field", {
      description: "The field, e.g. `name`, `status`, `scopes`, `resourceIds`, `origins`, `expiresAt`.",
    }),
    from: t.expose("from", {
      type: "JSON",
      nullable: true,
      description: "The value before the change; null when there was none (e.g. on creation).",
    }),
    to: t.expose("to", {
      type: "JSON",
      nullable: true,
      description: "The value after the change; null when it was cleared.",
    }),
  }),
});

export const AuditEventRef = builder.prismaObject("AuditEvent", {
  description:
    "One recorded change: who (a member or an API key) did what to which target, when and from where. Never holds a secret. Readable by OWNER and ADMIN members only.",
  fields: (t) => ({
    id: t.exposeID("id", { description: "The event's id." }),
    action: t.field({
      type: AuditActionEnum,
      description: "What happened, e.g. API_KEY_CREATED or API_KEY_REVOKED.",
      resolve: (event) => event.action as AuditAction,
    }),
    createdAt: t.expose("createdAt", { type: "DateTime", description: "When it happened." }),
    actorType: t.string({
      description:
        "`USER` when a member acted, `API_KEY` when a key did, `SYSTEM` when Tessera did (e.g. a key expired).",
      resolve: (event) => (event.actorApiKeyId ? "API_KEY" : isSystemEvent(event) ? "SYSTEM" : "USER"),
    }),
    actorId: t.id({
      nullable: true,
      description: "The acting member (User id) or key (ApiKey id); null when the member was since removed.",
      resolve: (event) =>
        event.actorApiKeyId
          ? encodeId("ApiKey", event.actorApiKeyId)
          : event.actorUserId && encodeId("User", event.actorUserId),
    }),
    actorLabel: t.exposeString("actorLabel", {
      description: "The actor as they were known then (an email or `key <name>`), kept after deletion.",
    }),
    actorUser: t.relation("actorUser", {
      nullable: true,
      description: "The acting member, while they exist and you may read members.",
    }),
    targetType: t.exposeString("targetType", { description: "The kind of thing changed, e.g. `ApiKey`." }),
    targetId: t.id({
      nullable: true,
      description: "The global id of the thing changed (it may no longer exist).",
      resolve: (event) => event.targetId && encodeId(event.targetType, event.targetId),
    }),
    targetLabel: t.exposeString("targetLabel", { nullable: true, description: "The target's name at the time." }),
    sourceAddress: t.exposeString("sourceAddress", {
      nullable: true,
      description: "The address the change came from, when known.",
    }),
    userAgent: t.exposeString("userAgent", {
      nullable: true,
      description: "The User-Agent of the request that made the change, when known.",
    }),
    changes: t.field({
      type: [AuditChangeRef],
      description:
        "Every field the action changed, as from/to pairs: for an edit the fields that differ, for a creation the chosen settings (from null).",
      select: { changes: true },
      resolve: (event) => auditChanges(event.changes),
    }),
  }),
});

const AuditEventFilterInput = builder.inputType("AuditEventFilter", {
  description: "Narrows the audit log. All given parts must match.",
  fields: (t) => ({
    actions: t.field({ type: [AuditActionEnum], description: "Only these actions, e.g. [API_KEY_REVOKED]." }),
    actorId: t.id({ description: "Only events by this member (User id) or key (ApiKey id)." }),
    targetId: t.id({ description: "Only events about this object (its global id)." }),
  }),
});

type AuditArgs = {
  filter?: {
    actions?: AuditAction[] | null;
    actorId?: string | number | null;
    targetId?: string | number | null;
  } | null;
};

function badFilter(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: "BAD_USER_INPUT" } });
}

function auditWhere(organizationId: string, args: AuditArgs): Prisma.AuditEventWhereInput {
  const where: Prisma.AuditEventWhereInput = { organizationId };
  const filter = args.filter ?? {};
  if (filter.actions?.length) where.action = { in: filter.actions };
  if (filter.actorId != null) {
    const actorId = String(filter.actorId);
    const user = decodeId(actorId, "User");
    const key = decodeId(actorId, "ApiKey");
    if (!user && !key) throw badFilter("`filter.actorId` must be a User or ApiKey id.");
    if (user) where.actorUserId = user;
    else where.actorApiKeyId = key;
  }
  if (filter.targetId != null) {
    const target = decodeAnyId(String(filter.targetId));
    if (!target) throw badFilter("`filter.targetId` must be a global id.");
    where.targetId = target.id;
  }
  return where;
}

const AuditEventOrderInput = orderInput("AuditEventOrder", "audit events", {
  CREATED_AT: "When the event happened.",
});

builder.prismaObjectField(OrganizationRef, "auditEvents", (t) =>
  t.connection(
    {
      type: AuditEventRef,
      description:
        "The organization's audit log, newest first unless `orderBy` says otherwise. OWNER and ADMIN members only; anyone else (every API key included) gets a FORBIDDEN error.",
      args: {
        filter: t.arg({ type: AuditEventFilterInput, description: "Narrows the log." }),
        orderBy: t.arg({ type: AuditEventOrderInput, description: "How to sort; default CREATED_AT DESC." }),
      },
      ...sortableOrganizationList({
        rule: "audit",
        rows: (ctx) => ctx.prisma.auditEvent,
        where: auditWhere,
        typeName: "AuditEvent",
        sort: auditEventSortFields,
        defaultOrder: { field: "CREATED_AT", direction: "DESC" },
      }),
    },
    {
      name: "AuditEventConnection",
      description: "A page of audit events, with the total number matching the filter.",
      fields: (t) => ({ totalCount: totalCountField(t, "How many events match the filter, on all pages.") }),
    },
    { name: "AuditEventEdge", description: "An audit event in a page, with its cursor." },
  ),
);
