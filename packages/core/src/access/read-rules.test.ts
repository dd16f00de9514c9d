import { describe, expect, it } from "vitest";
import { type ManagementScope, type MemberRole, scopesForRole } from "../roles.ts";
import type { OrganizationAccess } from "../viewer.ts";
import { mayRead, type ReadRule, readRefusal, readRules } from "./read-rules.ts";

const member = (role: MemberRole): OrganizationAccess => ({ organizationId: "o", role, scopes: scopesForRole(role) });
const key = (...scopes: ManagementScope[]): OrganizationAccess => ({
  organizationId: "o",
  role: null,
  scopes: new Set(scopes),
});

/** Rows: a caller; columns: the rules in table order. */
const expectations: [string, OrganizationAccess | null, ReadRule[]][] = [
  [
    "OWNER",
    member("OWNER"),
    [
      "organization",
      "catalogue",
      "keys",
      "accounts",
      "accountTokens",
      "resources",
      "members",
      "webhooks",
      "invitations",
      "audit",
    ],
  ],
  [
    "ADMIN",
    member("ADMIN"),
    [
      "organization",
      "catalogue",
      "keys",
      "accounts",
      "accountTokens",
      "resources",
      "members",
      "webhooks",
      "invitations",
      "audit",
    ],
  ],
  ["EDITOR", member("EDITOR"), ["organization", "catalogue", "keys", "accounts", "resources", "members"]],
  ["VIEWER", member("VIEWER"), ["organization", "catalogue", "keys", "accounts", "resources", "members"]],
  ["no access", null, []],
  ["key without management scopes", key(), ["organization", "catalogue"]],
  ["key keys:read", key("keys:read"), ["organization", "catalogue", "keys"]],
  ["key keys:write", key("keys:write"), ["organization", "catalogue", "keys"]],
  ["key accounts:read", key("accounts:read"), ["organization", "catalogue", "accounts", "accountTokens"]],
  ["key accounts:write", key("accounts:write"), ["organization", "catalogue", "accounts", "accountTokens"]],
  ["key resources:read", key("resources:read"), ["organization", "catalogue", "resources"]],
  ["key resources:write", key("resources:write"), ["organization", "catalogue", "resources"]],
  ["key members:read", key("members:read"), ["organization", "catalogue", "members"]],
  ["key webhooks:read", key("webhooks:read"), ["organization", "catalogue", "webhooks"]],
  ["key webhooks:write", key("webhooks:write"), ["organization", "catalogue", "webhooks"]],
];

describe("the read rules table", () => {
  it.each(expectations)("%s reads exactly what it may", (_name, access, allowed) => {
    const rules = Object.keys(readRules) as ReadRule[];
    expect(rules.filter((rule) => mayRead(access, rule))).toEqual(allowed);
  });

  it("explains a refusal by naming what is missing", () => {
    expect(readRefusal(key(), "members")).toBe("This API key lacks the members:read scope.");
    expect(readRefusal(key("keys:read"), "audit")).toBe("API keys cannot read this; only owner and admin members can.");
    expect(readRefusal(member("EDITOR"), "audit")).toBe(
      "Your role (EDITOR) cannot read this; only owners and admins can.",
    );
  });
});
