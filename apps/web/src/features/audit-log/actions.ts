/**
 * The audit actions the filter offers, with readable labels. The schema types `action` as a String
 * today; should it become an enum, only this list (and its type) changes.
 */
export const auditActions: { value: string; label: string }[] = [
  { value: "api_key.create", label: "Key created" },
  { value: "api_key.update", label: "Key edited" },
  { value: "api_key.renew", label: "Key renewed" },
  { value: "api_key.revoke", label: "Key revoked" },
  { value: "api_key.delete", label: "Key deleted" },
  { value: "resource.ownership_transfer", label: "Ownership transferred" },
  { value: "resource.created", label: "Resource created" },
  { value: "resource.delete", label: "Resource deleted" },
  { value: "customer_account.created", label: "Account created" },
  { value: "customer_account.renamed", label: "Account renamed" },
  { value: "customer_account.status_changed", label: "Account status changed" },
  { value: "customer_account.token_rotated", label: "Account token rotated" },
  { value: "member.sign_in", label: "Signed in" },
  { value: "organization.seed", label: "Demo data loaded" },
];

export function actionLabel(action: string): string {
  return auditActions.find((a) => a.value === action)?.label ?? action;
}
