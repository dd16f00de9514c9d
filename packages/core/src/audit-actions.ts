/**
 * Every action the audit log records, past tense, `<object>.<verb_past>`: one closed list, so a
 * filter or a report can rely on the names and a new kind of event is a deliberate addition here.
 * Stored as this string in `AuditEvent.action`; GraphQL exposes it as the enum `AuditAction`
 * (`api_key.created` -> `API_KEY_CREATED`). Some are written by features that arrive later (sign-in
 * throttling, sessions, webhooks); they are defined now so every stream writes the same names.
 */
export const auditActions = [
  "api_key.created",
  "api_key.updated",
  "api_key.renewed",
  "api_key.revoked",
  "api_key.deleted",
  "api_key.expired",
  "api_key.management_scopes_removed",
  "resource.created",
  "resource.updated",
  "resource.moved",
  "resource.ownership_transferred",
  "resource.deleted",
  "resource.access_granted",
  "resource.access_revoked",
  "customer_account.created",
  "customer_account.updated",
  "customer_account.status_changed",
  "customer_account.token_rotated",
  "member.signed_in",
  "member.sign_in_failed",
  "member.sign_in_throttled",
  "member.signed_out_everywhere",
  "member.password_changed",
  "session.revoked",
  "member.invited",
  "member.joined",
  "member.role_changed",
  "member.removed",
  "member.left",
  "member.password_reset",
  "member.sign_in_link_created",
  "invitation.resent",
  "invitation.revoked",
  "organization.created",
  "organization.updated",
  "webhook_endpoint.created",
  "webhook_endpoint.updated",
  "webhook_endpoint.deleted",
  "webhook_endpoint.secret_rotated",
  "organization.seeded",
] as const;

export type AuditAction = (typeof auditActions)[number];

/** The GraphQL enum name of an action: `api_key.created` -> `API_KEY_CREATED`. */
export function auditActionEnumName(action: AuditAction): string {
  return action.replace(/[.]/g, "_").toUpperCase();
}
