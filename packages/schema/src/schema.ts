import { lexicographicSortSchema } from "graphql";
import { builder } from "./builder.ts";
import { guardReads } from "./read-guard.ts";
import "./scalars.ts";
import "./errors.ts";
import "./types/user.ts";
import "./types/organization.ts";
import "./types/api-key.ts";
import "./types/api-key-list.ts";
import "./types/api-key-mutations.ts";
import "./types/api-key-traffic.ts";
import "./types/audit-event.ts";
import "./types/customer-account.ts";
import "./types/customer-account-mutations.ts";
import "./types/resource.ts";
import "./types/resource-mutations.ts";
import "./types/resource-access.ts";
import "./types/resource-access-mutations.ts";
import "./types/viewer.ts";
import "./types/session.ts";
import "./types/verification.ts";
import "./types/usage.ts";
import "./types/member-session.ts";
import "./types/webhook-endpoint.ts";
import "./types/webhook-endpoint-mutations.ts";
import "./types/expiry-notice.ts";
import "./types/invitation.ts";
import "./types/member-mutations.ts";
import "./types/organization-mutations.ts";
import "./types/password-reset.ts";

builder.queryType({ description: "Read Tessera: who you are, your organizations and everything in them." });
builder.mutationType({
  description: "Change Tessera. Every change is checked against your role or your key's scopes, and audited.",
});

/**
 * The executable schema. Built once; sorted so the committed SDL has a stable order; every field that
 * reaches an organization's object applies that object's read rule (read-guard.ts).
 */
export const schema = guardReads(lexicographicSortSchema(builder.toSchema()));
