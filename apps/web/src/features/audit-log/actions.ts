import type { ResultOf } from "../../lib/graphql.ts";
import type { AuditEventsQuery } from "./documents.ts";

/** The schema's `AuditAction` enum, as gql.tada reads it from `schema.graphql`. */
export type AuditAction = NonNullable<
  ResultOf<typeof AuditEventsQuery>["organization"]
>["auditEvents"]["nodes"][number]["action"];

/**
 * A readable label for every audit action. Typed against the schema's enum: a new action without a
 * label here fails the typecheck instead of showing a raw name.
 */
const labels: Record<AuditAction, string> = {
  API_KEY_CREATED: "Key created",
  API_KEY_UPDATED: "Key edited",
  API_KEY_RENEWED: "Key renewed",
  API_KEY_REVOKED: "Key revoked",
  API_KEY_DELETED: "Key deleted",
  API_KEY_EXPIRED: "Key expired",
  API_KEY_MANAGEMENT_SCOPES_REMOVED: "Key's management scopes removed",
  RESOURCE_CREATED: "Resource created",
  RESOURCE_UPDATED: "Resource renamed",
  RESOURCE_MOVED: "Resource moved",
  RESOURCE_DELETED: "Resource deleted",
  RESOURCE_OWNERSHIP_TRANSFERRED: "Ownership transferred",
  RESOURCE_ACCESS_GRANTED: "Resource access granted",
  RESOURCE_ACCESS_REVOKED: "Resource access revoked",
  CUSTOMER_ACCOUNT_CREATED: "Account created",
  CUSTOMER_ACCOUNT_UPDATED: "Account renamed",
  CUSTOMER_ACCOUNT_STATUS_CHANGED: "Account status changed",
  CUSTOMER_ACCOUNT_TOKEN_ROTATED: "Account token rotated",
  MEMBER_SIGNED_IN: "Signed in",
  MEMBER_SIGN_IN_FAILED: "Sign-in failed",
  MEMBER_SIGN_IN_THROTTLED: "Sign-in throttled",
  MEMBER_SIGNED_OUT_EVERYWHERE: "Signed out everywhere",
  MEMBER_PASSWORD_CHANGED: "Password changed",
  SESSION_REVOKED: "Session ended",
  MEMBER_INVITED: "Member invited",
  MEMBER_JOINED: "Member joined",
  MEMBER_ROLE_CHANGED: "Member role changed",
  MEMBER_REMOVED: "Member removed",
  MEMBER_LEFT: "Member left",
  MEMBER_PASSWORD_RESET: "Password reset",
  MEMBER_SIGN_IN_LINK_CREATED: "Sign-in link created",
  INVITATION_RESENT: "Invitation resent",
  INVITATION_REVOKED: "Invitation revoked",
  ORGANIZATION_CREATED: "Organization created",
  ORGANIZATION_UPDATED: "Organization renamed",
  WEBHOOK_ENDPOINT_CREATED: "Webhook added",
  WEBHOOK_ENDPOINT_UPDATED: "Webhook edited",
  WEBHOOK_ENDPOINT_DELETED: "Webhook deleted",
  WEBHOOK_ENDPOINT_SECRET_ROTATED: "Webhook secret rotated",
  ORGANIZATION_SEEDED: "Demo data loaded",
};

/** The actions the filter offers, in a stable order. */
export const auditActions = (Object.entries(labels) as [AuditAction, string][]).map(([value, label]) => ({
  value,
  label,
}));

export function isAuditAction(value: string): value is AuditAction {
  return value in labels;
}

export function actionLabel(action: AuditAction): string {
  return labels[action];
}
