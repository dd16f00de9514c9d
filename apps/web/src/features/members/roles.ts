/** The roles a member can have, with what each may do, for the role pickers. */
export const memberRoles = [
  { value: "OWNER", label: "Owner", hint: "Everything, including members and owners" },
  { value: "ADMIN", label: "Admin", hint: "Keys, accounts, webhooks and members (not owners)" },
  { value: "EDITOR", label: "Editor", hint: "Reads everything; creates and owns resources" },
  { value: "VIEWER", label: "Viewer", hint: "Reads everything but secrets and tokens" },
] as const;

export type MemberRoleValue = (typeof memberRoles)[number]["value"];

/** Only an owner grants OWNER. */
export function grantableRoles(viewerRole: string | null | undefined) {
  return memberRoles.filter((r) => r.value !== "OWNER" || viewerRole === "OWNER");
}
