import type { ReadRule } from "@tessera/core";
import {
  defaultFieldResolver,
  GraphQLError,
  type GraphQLFieldResolver,
  type GraphQLSchema,
  getNamedType,
  getNullableType,
  isListType,
  isNonNullType,
  isObjectType,
} from "graphql";
import type { Context } from "./context.ts";

type Guard = (ctx: Context, object: Record<string, unknown>) => Promise<boolean>;

const inOrganization =
  (rule: ReadRule): Guard =>
  (ctx, object) =>
    typeof object.organizationId === "string"
      ? ctx.access.mayRead(object.organizationId, rule)
      : Promise.resolve(false);

/**
 * The read rule (from core's table) of every object type that holds an organization's data. The
 * schema applies it wherever the type is reached: lists, `node(id)`, relation fields and mutation
 * payloads alike. An object whose organization is unknown is not readable.
 */
export const readGuards: Record<string, Guard> = {
  Organization: (ctx, org) => ctx.access.mayRead(String(org.id), "organization"),
  Scope: inOrganization("catalogue"),
  ApiVersion: inOrganization("catalogue"),
  ApiKey: (ctx, key) =>
    typeof key.organizationId === "string"
      ? ctx.access.mayReadApiKey({ id: String(key.id), organizationId: key.organizationId })
      : Promise.resolve(false),
  CustomerAccount: inOrganization("accounts"),
  Resource: inOrganization("resources"),
  ResourceAccessEntry: inOrganization("resources"),
  ResourceDeletionImpact: inOrganization("resources"),
  // Which keys lose a restriction names keys: read like keys.
  KeyRestrictionLoss: inOrganization("keys"),
  Member: inOrganization("members"),
  User: (ctx, user) => ctx.access.mayReadUser(String(user.id)),
  AuditEvent: inOrganization("audit"),
  Invitation: inOrganization("invitations"),
  WebhookEndpoint: inOrganization("webhooks"),
  WebhookDelivery: inOrganization("webhooks"),
};

/**
 * Object types that hold no data of their own and only lead to guarded types: the roots, the
 * caller's own `Viewer`, pages, payloads and errors. Any other object type must have a read guard
 * (the authorization test fails otherwise).
 */
export function isCarrierType(name: string): boolean {
  return carrierTypes.includes(name) || /(Connection|Edge|Payload|Error)$/.test(name);
}

const carrierTypes = [
  "Query",
  "Mutation",
  "Viewer",
  "PageInfo",
  // Verification answers only about the key whose secret the caller presents.
  "VerifyApiKeyResult",
  // Usage figures are fields of a guarded ApiKey or of Organization.verificationUsage (needs keys).
  "UsageBucket",
  "UsageCount",
  // A key's total for a period: a field of Organization (needs keys); its key is a guarded ApiKey.
  "ApiKeyUsageTotal",
  // Expiry reminders are a field of a guarded ApiKey (their recipient is a guarded User).
  "ExpiryNotice",
  // The caller's own sessions: reached only through Viewer.sessions, which lists the caller's alone.
  "MemberSession",
  // One field an audited action changed: a field of a guarded AuditEvent only.
  "AuditChange",
  // What an invitation link offers: reached only through `invitationByToken`, with the link's token.
  "InvitationPreview",
  // Traffic controls: fields of a guarded ApiKey or CustomerAccount, or of a verification answer.
  "RateLimit",
  "RateLimitState",
  "ApiKeyCredits",
  "CreditRefill",
];

/**
 * Fields that reach a guarded type but must not apply its rule, each with the reason. Sign-in answers
 * while the request is still anonymous: the caller has just proved with their password to be this user.
 */
export const unguardedFields: Record<string, string> = {
  "SignInPayload.user": "the caller has just signed in as this user; the request's viewer is still anonymous",
};

function forbidden(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: "FORBIDDEN" } });
}

/**
 * Wraps the resolver of every field whose type is a guarded object type, so that a field the viewer
 * may not read answers as its list does: a list leaves out what may not be read (for a relation,
 * whose items share the parent's organization, that means empty), a nullable field is null, and a
 * non-null one is a FORBIDDEN error. A relation field added tomorrow is guarded without anyone
 * remembering to.
 */
export function guardReads(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith("__")) continue;
    for (const field of Object.values(type.getFields())) {
      const target = getNamedType(field.type).name;
      const guard = readGuards[target];
      if (!guard || unguardedFields[`${type.name}.${field.name}`]) continue;
      const resolve: GraphQLFieldResolver<unknown, Context> = field.resolve ?? defaultFieldResolver;
      const list = isListType(getNullableType(field.type));
      const required = isNonNullType(field.type);
      field.resolve = async (source, args, ctx: Context, info) => {
        const value = await resolve(source, args, ctx, info);
        if (value == null) return value;
        if (list) {
          const items = value as Record<string, unknown>[];
          const allowed = await Promise.all(items.map((item) => item == null || guard(ctx, item)));
          return items.filter((_item, i) => allowed[i]);
        }
        if (await guard(ctx, value as Record<string, unknown>)) return value;
        if (required) throw forbidden(`You may not read this ${target}.`);
        return null;
      };
    }
  }
  return schema;
}
